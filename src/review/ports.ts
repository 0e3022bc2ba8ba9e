// The pipeline's two edges, as interfaces: GitHub and the local git CLI
// implement the source and sink; tests use fakes.

import type { HeadFile } from "../core/head-file.js";
import type { PublishedReview, ReviewResult, ReviewSnapshot } from "./types.js";

/** Where a change comes from: a GitHub pull request or a local git range. */
export interface ReviewSource {
  loadSnapshot(): Promise<ReviewSnapshot>;
  /** The head version of a file, or why it has none worth reading (see decodeHeadFile). */
  readHeadFile(path: string): Promise<HeadFile>;
}

/** Where the finished review goes: an advisory GitHub review, the terminal, a file. */
export interface ReviewSink {
  /** Resolves with the ids of what was posted, when the sink posts somewhere that has ids. */
  publish(result: ReviewResult): Promise<PublishedReview | void>;
}
