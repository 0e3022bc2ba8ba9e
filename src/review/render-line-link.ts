// `path:line` as inline code, linked to that line in the pull request's
// "Files changed" view when the review knows the pull request's address.

import type { AnchoredComment } from "../core/comments.js";
import { defuseMarkers } from "../markdown/defuse-markers.js";
import { renderCodeSpan } from "../markdown/render-code-span.js";
import { stripInvisible } from "../markdown/strip-invisible.js";
import { linkToDiffLine } from "./link-to-diff-line.js";

export function renderLineLink(finding: Pick<AnchoredComment, "path" | "line" | "side">, pullUrl: string | undefined): string {
  const place = renderCodeSpan(`${defuseMarkers(stripInvisible(finding.path))}:${finding.line}`);
  const url = linkToDiffLine(pullUrl, finding.path, finding.line, finding.side);
  return url === undefined ? place : `[${place}](${url})`;
}
