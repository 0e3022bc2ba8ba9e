// The GitHub App's identity from the environment (APP_ID, the private key,
// the webhook secret, GitHub Enterprise Server host), with errors that name
// the variable to fix.

import { readFileSync } from "node:fs";

import { z } from "zod";

export interface AppEnv {
  appId: number;
  privateKey: string;
  /** Absent only where webhooks are not received (the worker). */
  webhookSecret?: string;
  /** REST API root: https://api.github.com, or `<GHE_PROTOCOL>://<GHE_HOST>/api/v3`. */
  baseUrl: string;
  webhookPath: string;
}

export class InvalidAppEnvError extends Error {
  override name = "InvalidAppEnvError";
}

const appEnvSchema = z.object({
  APP_ID: z.coerce.number({ error: "required: the GitHub App's numeric id" }).int().positive("the GitHub App's numeric id"),
  PRIVATE_KEY: z.string().optional(),
  PRIVATE_KEY_PATH: z.string().optional(),
  WEBHOOK_SECRET: z.string().optional(),
  WEBHOOK_PATH: z.string().startsWith("/").default("/api/github/webhooks"),
  GHE_HOST: z.string().optional(),
  GHE_PROTOCOL: z.enum(["https", "http"]).default("https"),
});

export function loadAppEnv(env: NodeJS.ProcessEnv, options: { requireWebhookSecret: boolean }): AppEnv {
  const parsed = appEnvSchema.safeParse(withoutEmpty(env));
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
  }
  const values = parsed.success ? parsed.data : undefined;

  let privateKey: string | undefined;
  try {
    privateKey = readPrivateKey(env);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  if (options.requireWebhookSecret && !env.WEBHOOK_SECRET) {
    problems.push("WEBHOOK_SECRET: required: the secret set in the GitHub App's webhook settings");
  }
  if (problems.length > 0 || !values || !privateKey) {
    throw new InvalidAppEnvError(`Invalid GitHub App environment. Fix these variables: ${problems.join("; ")}`);
  }
  return {
    appId: values.APP_ID,
    privateKey,
    webhookSecret: values.WEBHOOK_SECRET,
    baseUrl: values.GHE_HOST ? `${values.GHE_PROTOCOL}://${values.GHE_HOST}/api/v3` : "https://api.github.com",
    webhookPath: values.WEBHOOK_PATH,
  };
}

/** PRIVATE_KEY (PEM, "\n" escapes allowed, as in .env files) or PRIVATE_KEY_PATH. */
function readPrivateKey(env: NodeJS.ProcessEnv): string {
  let pem: string;
  if (env.PRIVATE_KEY) {
    pem = env.PRIVATE_KEY.replace(/\\n/g, "\n");
  } else if (env.PRIVATE_KEY_PATH) {
    try {
      pem = readFileSync(env.PRIVATE_KEY_PATH, "utf8");
    } catch (error) {
      throw new Error(`PRIVATE_KEY_PATH: cannot read ${env.PRIVATE_KEY_PATH} (${(error as Error).message})`, { cause: error });
    }
  } else {
    throw new Error("PRIVATE_KEY or PRIVATE_KEY_PATH: required: the GitHub App's private key (PEM)");
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new Error(`${env.PRIVATE_KEY ? "PRIVATE_KEY" : "PRIVATE_KEY_PATH"}: not a PEM private key (expected "-----BEGIN RSA PRIVATE KEY-----")`);
  }
  return pem;
}

function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}
