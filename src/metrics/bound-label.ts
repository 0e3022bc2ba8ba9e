// Label values come from fixed lists: anything else (a header a sender chose,
// a name a model answered with) becomes "other", so no input can grow the
// number of series Prometheus has to keep.

export function boundLabel<Allowed extends string>(value: string | undefined, allowed: readonly Allowed[]): Allowed | "other" {
  return allowed.find((known) => known === value) ?? "other";
}
