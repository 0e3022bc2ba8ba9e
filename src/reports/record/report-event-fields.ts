// Turns one `pull_request` or `pull_request_review` webhook into the writes it
// makes to that pull request's record hash. Pure. Every field is derived from
// the payload alone, so a redelivered webhook writes the same fields again and
// the record stays the same (idempotent by construction):
//
//   pr                  newest-wins  title, url, author, createdAt, draft, state, mergedAt, closedAt
//   size                newest-wins  additions, deletions (pull_request events only: review payloads lack them)
//   ready:<time>        set          one per ready_for_review
//   requested:<time>    set          one per review_requested
//   review:<id>         newest-wins  a submitted review; a dismissal only fills it when the submission was missed
//   dismissed:<id>      set          the review was dismissed
//
// "newest-wins" fields carry the event time and are only replaced by a write
// at the same or a later time, so webhooks delivered out of order cannot roll
// a pull request back (the Lua script in record-report-event.ts decides).

import type { AppIdentity } from "../../core/app-identity.js";
import type { Actor, ReviewState } from "../types.js";
import { isFoureyesReview } from "./is-foureyes-review.js";

export const RECORDED_PULL_ACTIONS = ["opened", "ready_for_review", "review_requested", "synchronize", "closed", "reopened"] as const;
export const RECORDED_REVIEW_ACTIONS = ["submitted", "dismissed"] as const;

export type FieldMode = "newest" | "set" | "missing";

export interface FieldWrite {
  field: string;
  mode: FieldMode;
  /** ISO time of the event; orders "newest" and "missing" writes. */
  at: string;
  value: string;
}

export interface ReportEventWrites {
  repo: string;
  number: number;
  /** Event time, the pull request's score in the index. */
  at: string;
  writes: FieldWrite[];
}

/** What the `pr` field holds. */
export interface RecordedPullFacts {
  url: string;
  title: string;
  author: Actor;
  createdAt: string;
  draft: boolean;
  state: "open" | "closed" | "merged";
  mergedAt?: string;
  closedAt?: string;
}

/** What a `review:<id>` field holds. */
export interface RecordedReview {
  author: Actor;
  state: ReviewState;
  submittedAt: string;
  commentCount: number;
  isFoureyes: boolean;
}

interface UserJson {
  login?: unknown;
  type?: unknown;
}

interface PullJson {
  number?: unknown;
  html_url?: unknown;
  title?: unknown;
  user?: UserJson | null;
  created_at?: unknown;
  updated_at?: unknown;
  merged_at?: unknown;
  closed_at?: unknown;
  draft?: unknown;
  state?: unknown;
  additions?: unknown;
  deletions?: unknown;
}

interface ReviewJson {
  id?: unknown;
  user?: UserJson | null;
  state?: unknown;
  submitted_at?: unknown;
  body?: unknown;
}

export interface ReportEventOptions {
  /** foureyes' own account: a review is foureyes' when this account wrote it, whatever its body says. */
  app?: AppIdentity | undefined;
}

/**
 * The writes for one webhook, or undefined when the event is not one the
 * report records (other actions, or a payload without the fields it needs).
 */
export function reportEventFields(name: string, payload: unknown, options: ReportEventOptions = {}): ReportEventWrites | undefined {
  const body = payload as { action?: unknown; pull_request?: PullJson; review?: ReviewJson; repository?: { full_name?: unknown } };
  const action = String(body.action);
  const pull = body.pull_request;
  const repo = body.repository?.full_name;
  if (!pull || typeof repo !== "string" || typeof pull.number !== "number") return undefined;
  const updatedAt = isoOrUndefined(pull.updated_at);
  const facts = pullFacts(pull);
  if (!facts) return undefined;

  if (name === "pull_request" && (RECORDED_PULL_ACTIONS as readonly string[]).includes(action)) {
    const at = updatedAt ?? facts.createdAt;
    const writes: FieldWrite[] = [{ field: "pr", mode: "newest", at, value: JSON.stringify(facts) }];
    if (typeof pull.additions === "number" && typeof pull.deletions === "number") {
      writes.push({ field: "size", mode: "newest", at, value: JSON.stringify({ additions: pull.additions, deletions: pull.deletions }) });
    }
    // The PR's updated_at is the time of the event that this webhook reports.
    if (action === "ready_for_review") writes.push({ field: `ready:${at}`, mode: "set", at, value: "1" });
    if (action === "review_requested") writes.push({ field: `requested:${at}`, mode: "set", at, value: "1" });
    return { repo, number: pull.number, at, writes };
  }

  if (name === "pull_request_review" && (RECORDED_REVIEW_ACTIONS as readonly string[]).includes(action)) {
    const review = body.review;
    const reviewFacts = review ? reviewFactsOf(review, options) : undefined;
    if (!review || !reviewFacts) return undefined;
    const at = updatedAt ?? reviewFacts.submittedAt;
    const field = `review:${String(review.id)}`;
    const writes: FieldWrite[] = [{ field: "pr", mode: "newest", at, value: JSON.stringify(facts) }];
    if (action === "submitted") {
      writes.push({ field, mode: "newest", at: reviewFacts.submittedAt, value: JSON.stringify(reviewFacts) });
    } else {
      writes.push({ field, mode: "missing", at: reviewFacts.submittedAt, value: JSON.stringify(reviewFacts) });
      writes.push({ field: `dismissed:${String(review.id)}`, mode: "set", at, value: "1" });
    }
    return { repo, number: pull.number, at: maxIso(at, reviewFacts.submittedAt), writes };
  }
  return undefined;
}

function pullFacts(pull: PullJson): RecordedPullFacts | undefined {
  const createdAt = isoOrUndefined(pull.created_at);
  const author = actorOf(pull.user);
  if (!createdAt || !author || typeof pull.html_url !== "string") return undefined;
  const mergedAt = isoOrUndefined(pull.merged_at);
  const closedAt = isoOrUndefined(pull.closed_at);
  const state = mergedAt ? "merged" : pull.state === "closed" ? "closed" : "open";
  return {
    url: pull.html_url,
    title: typeof pull.title === "string" ? pull.title : "",
    author,
    createdAt,
    draft: pull.draft === true,
    state,
    ...(mergedAt ? { mergedAt } : {}),
    ...(closedAt ? { closedAt } : {}),
  };
}

function reviewFactsOf(review: ReviewJson, options: ReportEventOptions): RecordedReview | undefined {
  const author = actorOf(review.user);
  const submittedAt = isoOrUndefined(review.submitted_at);
  const state = reviewState(review.state);
  if (review.id === undefined || review.id === null || !author || !submittedAt || !state) return undefined;
  const text = typeof review.body === "string" ? review.body : null;
  return {
    author,
    state,
    submittedAt,
    // Webhooks do not say how many inline comments came with the review; a
    // written body counts as one. The weekly GraphQL reconcile has the full count.
    commentCount: text && text.trim() !== "" ? 1 : 0,
    isFoureyes: isFoureyesReview({ body: text, author }, options.app),
  };
}

function reviewState(state: unknown): ReviewState | undefined {
  switch (String(state).toLowerCase()) {
    case "approved":
      return "APPROVED";
    case "changes_requested":
      return "CHANGES_REQUESTED";
    case "commented":
      return "COMMENTED";
    case "dismissed":
      return "DISMISSED";
    default:
      return undefined; // "pending" reviews are not submitted yet
  }
}

function actorOf(user: UserJson | null | undefined): Actor | undefined {
  if (!user || typeof user.login !== "string" || user.login === "") return undefined;
  return { login: user.login, type: typeof user.type === "string" && user.type !== "" ? user.type : "User" };
}

function isoOrUndefined(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function maxIso(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
