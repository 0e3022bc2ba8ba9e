// The pipeline's two edges, as interfaces: GitHub and the local git CLI
// implement the source and sink; tests use fakes.

import type { HeadFile } from "../core/head-file.js";
import type { HeadPaths } from "../github/list-head-paths.js";
import type { PublishedReview, ReviewResult, ReviewSnapshot } from "./types.js";

/** Where a change comes from: a GitHub pull request or a local git range. */
export interface ReviewSource {
  loadSnapshot(): Promise<ReviewSnapshot>;
  /** The head version of a file, or why it has none worth reading (see decodeHeadFile). */
  readHeadFile(path: string): Promise<HeadFile>;
  /** Every file path at the head (for test-gap detection); a source that cannot list them leaves this out. */
  listHeadPaths?(): Promise<HeadPaths>;
}

/** Where the finished review goes: an advisory GitHub review, the terminal, a file. */
export interface ReviewSink {
  /** Resolves with the ids of what was posted, when the sink posts somewhere that has ids. */
  publish(result: ReviewResult): Promise<PublishedReview | void>;
}
