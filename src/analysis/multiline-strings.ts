// Where a text's multi-line strings are (text blocks, raw strings, docstrings,
// template literals): a cut of a file must not begin inside one, or it would
// parse "cleanly" as code that is not there.

const MULTILINE_DELIMITERS = ['"""', "'''", "`"];

/**
 * Whether an offset falls inside a text block, raw string, docstring or template literal, judged by the
 * parity of their delimiters before it; each delimiter's occurrences are found once per file.
 */
export function multilineStringTest(text: string): (offset: number) => boolean {
  const occurrences = MULTILINE_DELIMITERS.map((delimiter) => {
    const ends: number[] = [];
    for (let at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, at + delimiter.length)) ends.push(at + delimiter.length);
    return ends;
  });
  return (offset) => occurrences.some((ends) => countAtMost(ends, offset) % 2 === 1);
}

/** How many of the sorted `values` are at most `limit`. */
function countAtMost(values: number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] ?? 0) <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
