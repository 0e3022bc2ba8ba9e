// The one-line title a finding is shown under: the model's own title when it
// gave a usable one, else the first sentence of the finding. The model's
// title is untrusted like its body: secrets in it are redacted, and it is
// rendered as inert inline markdown (see derive-comment-title.ts).

import type { ProposedComment } from "../core/comments.js";
import { redactSecrets } from "../secrets/redact-secrets.js";
import { deriveCommentTitle } from "./derive-comment-title.js";

export function titleFinding(finding: Pick<ProposedComment, "title" | "body">): string {
  const given = finding.title === undefined ? "" : deriveCommentTitle(redactSecrets(finding.title.replace(/[\r\n]+/g, " ")).text);
  return given !== "" ? given : deriveCommentTitle(finding.body);
}
