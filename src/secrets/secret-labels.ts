// How a review names each kind of secret, as the subject of a sentence
// ("A GitHub token is committed here").

import type { SecretKind } from "./types.js";

export const SECRET_LABELS: Record<SecretKind, string> = {
  "github-token": "A GitHub token",
  "gitlab-token": "A GitLab token",
  "npm-token": "An npm token",
  "aws-access-key-id": "An AWS access key id",
  "aws-secret-access-key": "An AWS secret access key",
  "gcp-api-key": "A Google Cloud API key",
  "azure-storage-key": "An Azure storage account key",
  "azure-sas-signature": "An Azure shared access signature",
  "slack-token": "A Slack token",
  "slack-webhook": "A Slack webhook URL",
  "stripe-key": "A Stripe secret key",
  jwt: "A JSON Web Token",
  "private-key": "A private key",
  "password-in-url": "A password in a connection URL",
  "secret-assignment": "A secret-looking value (a high-entropy literal assigned to a secret-like name)",
};
