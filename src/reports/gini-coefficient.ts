// Review concentration: the Gini coefficient of the reviewers' review counts,
// population formula G = Σi Σj |xi − xj| / (2 n² μ), computed in O(n log n) as
// G = 2 Σ i·x(i) / (n Σx) − (n + 1) / n over the ascending values (i from 1).
// 0 = everyone reviews the same amount; (n − 1)/n = one person does everything.
// [1,1,1,1] → 0, [0,0,0,10] → 0.75. Over the people who reviewed in the window:
// people who did not review at all are not known to the record.

/** null when there are no values or they sum to 0. */
export function giniCoefficient(values: readonly number[]): number | null {
  const count = values.length;
  const total = values.reduce((sum, value) => sum + value, 0);
  if (count === 0 || total <= 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  let weighted = 0;
  sorted.forEach((value, index) => {
    weighted += (index + 1) * value;
  });
  return (2 * weighted) / (count * total) - (count + 1) / count;
}
