// Known token shapes, as data: each row names a kind of secret and the regular
// expression that finds it in any text (source code, config, a model's
// answer). Where only part of a match is secret, the named group `secret`
// marks it, so `postgres://app:[REDACTED]@db` still says what the line does.
// Complete PEM blocks are here; cut-off ones are found line by line
// (find-private-key-blocks.ts), high-entropy assignments by
// find-secret-assignments.ts.

import { DECLARED_TYPE } from "./declared-type.js";
import type { SecretPattern } from "./types.js";

/** Where a value of this alphabet ends: the next character is not one of it. */
const END_ALNUM = "(?![A-Za-z0-9])";
const END_URL_SAFE = "(?![A-Za-z0-9_-])";
const END_BASE64 = "(?![A-Za-z0-9+/=])";
/** A PEM label: `PRIVATE KEY`, `RSA PRIVATE KEY`, `OPENSSH PRIVATE KEY`, `PGP PRIVATE KEY BLOCK`. */
const PEM_LABEL = "(?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?";

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    kind: "private-key",
    // Header, key material (also inside string literals, with `\n` escapes and `+` joins), footer. No
    // "-----" inside, so a scan ends at the next marker: linear however many headers a text holds.
    pattern: new RegExp(`-----BEGIN ${PEM_LABEL}-----(?:[A-Za-z0-9+/=\\s\\\\:,"'\`+]|-(?!----))*?-----END ${PEM_LABEL}-----`),
    requires: /[A-Za-z0-9+/]{20}/,
  },
  { kind: "github-token", pattern: new RegExp(`\\bgh[pousr]_[A-Za-z0-9]{36,255}${END_ALNUM}`) },
  { kind: "github-token", pattern: new RegExp(`\\bgithub_pat_[A-Za-z0-9_]{22,255}${END_ALNUM}`) },
  { kind: "gitlab-token", pattern: new RegExp(`\\bglpat-[A-Za-z0-9_-]{20,}${END_URL_SAFE}`) },
  { kind: "npm-token", pattern: new RegExp(`\\bnpm_[A-Za-z0-9]{36}${END_ALNUM}`) },
  { kind: "aws-access-key-id", pattern: new RegExp(`\\b(?:AKIA|ASIA)[A-Z0-9]{16}${END_ALNUM}`) },
  {
    kind: "aws-secret-access-key",
    // 40 base64 characters assigned to an AWS-ish secret name: awsSecretAccessKey, AWS_SECRET_ACCESS_KEY, aws_secret_key.
    pattern: new RegExp(
      `(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["'\`]?${DECLARED_TYPE}\\s*(?::=|=>|[:=])\\s*["'\`]?(?<secret>[A-Za-z0-9/+=]{40})${END_BASE64}`,
      "i",
    ),
  },
  { kind: "gcp-api-key", pattern: new RegExp(`\\bAIza[0-9A-Za-z_-]{35}${END_URL_SAFE}`) },
  { kind: "azure-storage-key", pattern: /\b(?:AccountKey|SharedAccessKey)=(?<secret>[A-Za-z0-9+/]{20,}={0,2})/ },
  { kind: "azure-sas-signature", pattern: /[?&]sig=(?<secret>[A-Za-z0-9%+/]{20,}(?:=|%3D){0,2})/ },
  { kind: "slack-token", pattern: new RegExp(`\\bxox[abeoprs]-[A-Za-z0-9-]{10,}${END_ALNUM}`) },
  { kind: "slack-webhook", pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{10,}/ },
  // Live keys only: test-mode keys reach no money and fill every payment tutorial.
  { kind: "stripe-key", pattern: new RegExp(`\\b[sr]k_live_[A-Za-z0-9]{16,}${END_ALNUM}`) },
  { kind: "jwt", pattern: new RegExp(`\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*${END_URL_SAFE}`) },
  {
    kind: "password-in-url",
    // scheme://user:password@host; only the password goes.
    pattern: /\b[a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/@'"`<>]{1,100}:(?<secret>[^\s@/'"`<>]{1,200})@[A-Za-z0-9[]/i,
    contains: "://",
  },
];
