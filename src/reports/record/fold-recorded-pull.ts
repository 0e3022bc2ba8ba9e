// Folds one pull request's record hash (see report-event-fields.ts) into the
// PullRecord the metrics take. Pure. Webhooks carry no commits, so `coAuthors`
// is empty here; the GraphQL reconcile fills it.

import { buildPullRecord } from "../build-pull-record.js";
import { type PullRecord, pullRecordSchema, type ReviewRecord } from "../types.js";
import type { RecordedPullFacts, RecordedReview } from "./report-event-fields.js";

/** The PullRecord, or undefined when the hash has no usable `pr` field (expired mid-read, or foreign data). */
export function foldRecordedPull(repo: string, number: number, hash: Record<string, string>): PullRecord | undefined {
  const facts = parseStamped<RecordedPullFacts>(hash.pr);
  if (!facts) return undefined;
  const size = parseStamped<{ additions: number; deletions: number }>(hash.size);

  const ready: string[] = [];
  const requested: string[] = [];
  const reviews: ReviewRecord[] = [];
  for (const [field, value] of Object.entries(hash)) {
    if (field.startsWith("ready:")) ready.push(field.slice("ready:".length));
    else if (field.startsWith("requested:")) requested.push(field.slice("requested:".length));
    else if (field.startsWith("review:")) {
      const id = field.slice("review:".length);
      const review = parseStamped<RecordedReview>(value);
      if (review) reviews.push({ id, ...review, dismissed: hash[`dismissed:${id}`] !== undefined });
    }
  }
  ready.sort();
  requested.sort();
  reviews.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));

  const candidate = buildPullRecord({
    repo,
    number,
    url: facts.url,
    title: facts.title,
    author: facts.author,
    createdAt: facts.createdAt,
    ready,
    requested,
    mergedAt: facts.mergedAt,
    closedAt: facts.closedAt,
    draft: facts.draft,
    state: facts.state,
    additions: size?.additions ?? 0,
    deletions: size?.deletions ?? 0,
    coAuthors: [],
    reviews,
  });
  const parsed = pullRecordSchema.safeParse(candidate);
  return parsed.success ? candidate : undefined;
}

/** A "<at>\t<json>" value written by the record script. */
function parseStamped<T>(value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  const tab = value.indexOf("\t");
  try {
    return JSON.parse(tab >= 0 ? value.slice(tab + 1) : value) as T;
  } catch {
    return undefined;
  }
}
