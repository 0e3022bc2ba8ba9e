// GitHub's size limits on what foureyes writes, each defined once, and the one
// way to cut a text to fit (with a visible note, never silently).

/** Issue, issue comment and review bodies: GitHub rejects longer ones. */
export const GITHUB_BODY_MAX_CHARS = 65_536;
/** A check run's output summary. */
export const CHECK_RUN_SUMMARY_MAX_CHARS = 65_535;
/** A check run's output title. */
export const CHECK_RUN_TITLE_MAX_CHARS = 255;
/** An issue title. */
export const ISSUE_TITLE_MAX_CHARS = 256;
/** One inline review comment as foureyes renders it: long enough for a finding, short enough to read. */
export const COMMENT_BODY_MAX_CHARS = 2_000;

export const CUT_NOTE = "\n\n… (cut to fit GitHub's limit)";

/** `text` cut to at most `max` characters, ending with `note` when it was cut. */
export function truncate(text: string, max: number, note: string = CUT_NOTE): string {
  if (text.length <= max) return text;
  if (note.length >= max) return text.slice(0, max);
  return text.slice(0, max - note.length) + note;
}
