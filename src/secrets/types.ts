// The words of the secret detectors: what kind of secret a span of text is,
// where it sits, and how a pattern in the table finds one.

export type SecretKind =
  | "github-token"
  | "gitlab-token"
  | "npm-token"
  | "aws-access-key-id"
  | "aws-secret-access-key"
  | "gcp-api-key"
  | "azure-storage-key"
  | "azure-sas-signature"
  | "slack-token"
  | "slack-webhook"
  | "stripe-key"
  | "jwt"
  | "private-key"
  | "password-in-url"
  | "secret-assignment";

/** A secret found in a text: `text.slice(start, end)` is the value to hide. */
export interface SecretSpan {
  kind: SecretKind;
  start: number;
  end: number;
}

/** One row of the pattern table. */
export interface SecretPattern {
  kind: SecretKind;
  /** Matched against the whole text; a named group `secret`, when present, is the value (the rest stays readable). */
  pattern: RegExp;
  /** The match counts only when this also matches it (e.g. key material inside a PEM block). */
  requires?: RegExp;
  /** Text every match holds: a text without it is not searched (a cheap test before a costly pattern). */
  contains?: string;
}
