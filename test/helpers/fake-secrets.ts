// Fake secrets of every shape foureyes redacts, built at run time from a seeded
// generator, so no secret-shaped literal sits in the repository (secret
// scanners stay quiet) and every run plants the same values.

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64 = `${ALNUM}+/`;
const URL_SAFE = `${ALNUM}_-`;

/** A deterministic pseudo-random string (mulberry32) over `alphabet`. */
export function fakeString(seed: number, length: number, alphabet = ALNUM): string {
  let state = seed >>> 0;
  let text = "";
  for (let index = 0; index < length; index += 1) {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    const random = ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
    text += alphabet[Math.floor(random * alphabet.length)];
  }
  return text;
}

export interface PlantedSecret {
  /** The redactor's kind, as in `[REDACTED:kind]`. */
  kind: string;
  /** The secret itself: it must appear nowhere the model, the log or the review can see. */
  value: string;
  /** A line of TypeScript that commits it. */
  line: string;
}

const pemBody = (seed: number) => Array.from({ length: 4 }, (_, row) => fakeString(seed + row, 64, BASE64));

/** The PEM private key block the fixtures commit, line by line. */
export function fakePrivateKeyLines(seed = 90): string[] {
  return ["-----BEGIN RSA PRIVATE KEY-----", ...pemBody(seed), "-----END RSA PRIVATE KEY-----"];
}

/** One planted secret of each single-line kind, each on its own line of an object literal. */
export function plantedSecrets(): PlantedSecret[] {
  const github = `ghp_${fakeString(1, 36)}`;
  const githubPat = `github_pat_${fakeString(2, 22)}_${fakeString(3, 59)}`;
  const awsId = `AKIA${fakeString(4, 16, UPPER_DIGITS)}`;
  const awsSecret = fakeString(5, 40, BASE64);
  const gcp = `AIza${fakeString(6, 35, URL_SAFE)}`;
  const azure = `${fakeString(7, 86, BASE64)}==`;
  const slack = `xoxb-${fakeString(8, 12, "0123456789")}-${fakeString(9, 12, "0123456789")}-${fakeString(10, 24)}`;
  const slackHook = `https://hooks.slack.com/services/T${fakeString(11, 8, UPPER_DIGITS)}/B${fakeString(12, 8, UPPER_DIGITS)}/${fakeString(13, 24)}`;
  const stripe = `sk_live_${fakeString(14, 24)}`;
  const jwt = `eyJ${fakeString(15, 30, URL_SAFE)}.eyJ${fakeString(16, 60, URL_SAFE)}.${fakeString(17, 43, URL_SAFE)}`;
  const dbPassword = `${fakeString(18, 14)}!`;
  const clientSecret = fakeString(19, 32);
  const apiToken = fakeString(20, 40, "0123456789abcdef");
  const gitlab = `glpat-${fakeString(21, 20, URL_SAFE)}`;
  const npm = `npm_${fakeString(22, 36)}`;
  const sasSignature = `${fakeString(23, 43, BASE64)}%3D`;
  return [
    { kind: "github-token", value: github, line: `  githubToken: "${github}",` },
    { kind: "github-token", value: githubPat, line: `  ciToken: "${githubPat}",` },
    { kind: "gitlab-token", value: gitlab, line: `  gitlabToken: "${gitlab}",` },
    { kind: "npm-token", value: npm, line: `  npmToken: "${npm}",` },
    {
      kind: "azure-sas-signature",
      value: sasSignature,
      line: `  exportUrl: "https://acme.blob.core.windows.net/exports/day.csv?sv=2022-11-02&sp=r&sig=${sasSignature}",`,
    },
    { kind: "aws-access-key-id", value: awsId, line: `  awsAccessKeyId: "${awsId}",` },
    { kind: "aws-secret-access-key", value: awsSecret, line: `  aws_secret_access_key: "${awsSecret}",` },
    { kind: "gcp-api-key", value: gcp, line: `  mapsKey: "${gcp}",` },
    {
      kind: "azure-storage-key",
      value: azure,
      line: `  storage: "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${azure};EndpointSuffix=core.windows.net",`,
    },
    { kind: "slack-token", value: slack, line: `  slackBot: "${slack}",` },
    { kind: "slack-webhook", value: slackHook, line: `  alerts: "${slackHook}",` },
    { kind: "stripe-key", value: stripe, line: `  billing: "${stripe}",` },
    { kind: "jwt", value: jwt, line: `  session: "${jwt}",` },
    { kind: "password-in-url", value: dbPassword, line: `  databaseUrl: "postgres://app:${dbPassword}@db.internal:5432/app",` },
    { kind: "secret-assignment", value: clientSecret, line: `  clientSecret: "${clientSecret}",` },
    { kind: "secret-assignment", value: apiToken, line: `  api_token: "${apiToken}",` },
  ];
}
