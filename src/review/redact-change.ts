// The redaction pass before the prompt is built: every hunk line, hunk header
// and declaration text that could reach the model has its secrets replaced by
// `[REDACTED:kind]`, line for line, so the numbers the model cites still hold.
// Each added line that committed a secret gets one deterministic finding that
// names the kind and never the value.

import type { FileAnalysis, TouchedDeclaration } from "../analysis/types.js";
import type { ProposedComment } from "../core/comments.js";
import type { Hunk } from "../core/diff.js";
import { describeCommittedSecret } from "../secrets/describe-committed-secret.js";
import { redactSecrets } from "../secrets/redact-secrets.js";
import type { SecretKind } from "../secrets/types.js";

export const COMMITTED_SECRET_SOURCE = "rule:committed-secret";

/**
 * Test code is full of made-up credentials (sample JWTs, `token = 'abc123…'`):
 * there the guessed kinds are redacted but not reported; issued shapes (a
 * `ghp_` token, an AWS key id, a PEM key) are reported everywhere.
 */
const GUESSED_KINDS: ReadonlySet<SecretKind> = new Set(["secret-assignment", "jwt"]);
const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|specs?|testdata|fixtures?|__fixtures__|__mocks__)\/|[._-](?:test|spec)s?\.[^/]+$/i;

export interface RedactedChange {
  analyses: FileAnalysis[];
  /** One finding per added line that commits a secret. */
  findings: ProposedComment[];
}

export function redactChange(analyses: FileAnalysis[]): RedactedChange {
  const files = analyses.map(redactFileAnalysis);
  return { analyses: files.map((file) => file.analysis), findings: files.flatMap((file) => file.findings) };
}

/** One file's redaction: its texts with secrets replaced, and one finding per added line that committed one. */
export function redactFileAnalysis(analysis: FileAnalysis): { analysis: FileAnalysis; findings: ProposedComment[] } {
  const findings: ProposedComment[] = [];
  const committed = new Map<number, SecretKind[]>();
  const hunks = analysis.diff.hunks.map((hunk) => redactHunk(hunk, committed));
  // The language's own test convention (xUnit projects, pytest files, JUnit folders) or the generic folders.
  const inTests = analysis.isTest || TEST_PATH.test(analysis.path);
  for (const [line, found] of [...committed].sort(([a], [b]) => a - b)) {
    const kinds = inTests ? found.filter((kind) => !GUESSED_KINDS.has(kind)) : found;
    if (kinds.length === 0) continue;
    findings.push({
      path: analysis.path,
      line,
      side: "RIGHT",
      severity: "critical",
      category: "security",
      body: describeCommittedSecret(kinds),
      source: COMMITTED_SECRET_SOURCE,
    });
  }
  return { analysis: { ...analysis, diff: { ...analysis.diff, hunks }, declarations: analysis.declarations.map(redactDeclaration) }, findings };
}

/** Redacts a hunk as one text (a PEM block spans lines); records, per secret, the first added line it covers. */
function redactHunk(hunk: Hunk, committed: Map<number, SecretKind[]>): Hunk {
  const { text, secrets } = redactSecrets(hunk.lines.map((line) => line.text).join("\n"));
  if (secrets.length === 0) return { ...hunk, header: redactSecrets(hunk.header).text };
  const texts = text.split("\n");
  const lines = hunk.lines.map((line, index) => ({ ...line, text: texts[index] ?? "" }));
  for (const secret of secrets) {
    const added = lines.slice(secret.firstLine, secret.lastLine + 1).find((line) => line.kind === "add" && line.newLine !== undefined);
    if (added?.newLine === undefined) continue;
    committed.set(added.newLine, [...(committed.get(added.newLine) ?? []), secret.kind]);
  }
  return { ...hunk, header: redactSecrets(hunk.header).text, lines };
}

function redactDeclaration(declaration: TouchedDeclaration): TouchedDeclaration {
  return { ...declaration, text: redactSecrets(declaration.text).text };
}
