// The secret detectors on a table of planted secrets (every kind caught, the
// value gone, the line count kept) and on code that only looks a bit like
// secrets (left alone: a redactor that eats ordinary code harms the review).

import { describe, expect, it } from "vitest";

import { findSecrets } from "../../src/secrets/find-secrets.js";
import { redactSecrets } from "../../src/secrets/redact-secrets.js";
import { fakePrivateKeyLines, fakeString, plantedSecrets } from "../helpers/fake-secrets.js";

const keyLines = fakePrivateKeyLines();
const keyBody = keyLines.slice(1, -1);

describe("redactSecrets: planted secrets", () => {
  const planted = plantedSecrets();

  it.each(planted.map((secret) => [secret.kind, secret] as const))("%s: the value is replaced by its kind's placeholder", (kind, secret) => {
    const { text, secrets } = redactSecrets(secret.line);
    expect(text).not.toContain(secret.value);
    expect(text).toContain(`[REDACTED:${kind}]`);
    expect(secrets).toEqual([{ kind, firstLine: 0, lastLine: 0 }]);
  });

  it("keeps the readable part of a line: the user and host of a URL, the account name of a connection string", () => {
    const url = planted.find((secret) => secret.kind === "password-in-url")!;
    expect(redactSecrets(url.line).text).toBe('  databaseUrl: "postgres://app:[REDACTED:password-in-url]@db.internal:5432/app",');
    const azure = planted.find((secret) => secret.kind === "azure-storage-key")!;
    expect(redactSecrets(azure.line).text).toContain("AccountName=acme;AccountKey=[REDACTED:azure-storage-key];EndpointSuffix");
  });

  it("a whole file of planted secrets keeps its line count and every other line", () => {
    const lines = ["const settings = {", ...planted.map((secret) => secret.line), "};", "const key = `", ...keyLines, "`;", "export {};"];
    const { text, secrets } = redactSecrets(lines.join("\n"));
    const out = text.split("\n");
    expect(out).toHaveLength(lines.length);
    expect(out[0]).toBe(lines[0]);
    expect(out.slice(-2)).toEqual(["`;", "export {};"]);
    for (const secret of [...planted.map((s) => s.value), ...keyBody]) expect(text).not.toContain(secret);
    expect(secrets.map((secret) => secret.kind)).toEqual([...planted.map((secret) => secret.kind), "private-key"]);
    const pem = secrets.find((secret) => secret.kind === "private-key")!;
    expect([pem.firstLine, pem.lastLine]).toEqual([planted.length + 3, planted.length + 3 + keyLines.length - 1]);
    expect(out.slice(pem.firstLine, pem.lastLine + 1).every((line) => line === "[REDACTED:private-key]")).toBe(true);
  });
});

describe("redactSecrets: private keys as diffs and files show them", () => {
  it("a block a hunk cuts off after the header", () => {
    const text = ["const key = `", ...keyLines.slice(0, 3)].join("\n");
    const { text: out, secrets } = redactSecrets(text);
    expect(out.split("\n")).toEqual(["const key = `", "[REDACTED:private-key]", "[REDACTED:private-key]", "[REDACTED:private-key]"]);
    expect(secrets).toEqual([{ kind: "private-key", firstLine: 1, lastLine: 3 }]);
  });

  it("a block whose header lies before the hunk", () => {
    const text = [...keyLines.slice(2), "`;", "export const x = 1;"].join("\n");
    const out = redactSecrets(text).text.split("\n");
    expect(out).toEqual([...keyLines.slice(2).map(() => "[REDACTED:private-key]"), "`;", "export const x = 1;"]);
  });

  it("a service-account JSON key, its PEM on one line with \\n escapes", () => {
    const escaped = keyLines.join("\\n");
    const json = `{\n  "type": "service_account",\n  "private_key": "${escaped}\\n",\n  "client_email": "ci@acme.iam.gserviceaccount.com"\n}`;
    const { text } = redactSecrets(json);
    for (const line of keyBody) expect(text).not.toContain(line);
    expect(text.split("\n")).toHaveLength(5);
    expect(text).toContain('"private_key": "[REDACTED:private-key]\\n"');
    expect(text).toContain("ci@acme.iam.gserviceaccount.com");
  });

  it("an encrypted key with its Proc-Type and DEK-Info lines", () => {
    const text = ["-----BEGIN RSA PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,0A1B2C3D", "", ...keyBody].join("\n");
    const { text: out } = redactSecrets(text);
    for (const line of keyBody) expect(out).not.toContain(line);
    expect(out.split("\n")).toHaveLength(8);
  });
});

describe("redactSecrets leaves ordinary code alone", () => {
  const ordinary = [
    ["code that checks a PEM header", 'if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) throw new Error("expected \\"-----BEGIN RSA PRIVATE KEY-----\\"");'],
    ["PEM markers as constants", 'const HEADER = "-----BEGIN PRIVATE KEY-----";\nconst FOOTER = "-----END PRIVATE KEY-----";'],
    ["a secret read from the environment", "const password = process.env.DB_PASSWORD;"],
    ["a typed parameter", "function login(user: string, password: string, token?: string) {}"],
    ["a template reference", 'password: "${DB_PASSWORD}"'],
    ["a CI expression", "token: ${{ secrets.GITHUB_TOKEN }}"],
    ["a documentation filler", 'apiKey: "your-api-key-here"'],
    ["AWS's documented example key", 'const id = "AKIAIOSFODNN7EXAMPLE";'],
    ["a URL about tokens", 'tokenUrl: "https://login.example.org/oauth2/v2.0/token"'],
    ["a field name", 'passwordField: "user_password_2"'],
    ["a connection URL without a password", 'const url = "postgres://app@db.internal:5432/app";'],
    ["a development default password", 'const broker = "amqp://guest:guest@localhost:5672";'],
    ["a regular expression for tokens", "const TOKEN_STRINGS = '[A-Za-z0-9._~+/-]+=*';"],
    ["a test value", "const token = 'testtoken123';"],
    ["a short password", 'password = "hunter2"'],
    ["a word", 'const secret = "correcthorse";'],
    ["an SSH public key", `const pub = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${fakeString(60, 43)} ci@acme";`],
    ["a git commit SHA", 'const head = "3f786850e387550fdab836ed7e6dc881de23001b";'],
    ["a Stripe test-mode key", `const stripe = "sk_test_${fakeString(61, 24)}";`],
  ] as const;

  it.each(ordinary)("%s", (_what, code) => {
    expect(redactSecrets(code)).toEqual({ text: code, secrets: [] });
  });
});

describe("findSecrets", () => {
  it("merges overlapping finds into one span", () => {
    const token = `ghp_${fakeString(70, 36)}`;
    const spans = findSecrets(`api_token = "${token}"`);
    expect(spans).toEqual([{ kind: "github-token", start: 13, end: 13 + token.length }]);
  });

  it("finds each of several secrets on one line", () => {
    const line = `AWS_ACCESS_KEY_ID=AKIA${fakeString(71, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")} AWS_SECRET_ACCESS_KEY=${fakeString(72, 40)}`;
    expect(findSecrets(line).map((span) => span.kind)).toEqual(["aws-access-key-id", "aws-secret-access-key"]);
  });
});
