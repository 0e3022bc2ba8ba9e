// Learns who foureyes is on GitHub, once at start: GET /app with the app's own
// credentials (a JWT, Probot's `auth()` without an installation id) gives the
// slug, and the bot account that writes every review is "<slug>[bot]".

import { z } from "zod";

import type { AppIdentity } from "../core/app-identity.js";
import { AppIdentityError } from "./errors.js";
import { httpStatusOf } from "./http-status.js";

/** The part of an app-authenticated Octokit this needs. */
export interface AppClient {
  request: (route: "GET /app") => Promise<{ data: unknown }>;
}

const appSchema = z.object({ id: z.number().int().positive(), slug: z.string().min(1) });

export async function readAppIdentity(octokit: AppClient): Promise<AppIdentity> {
  let data: unknown;
  try {
    ({ data } = await octokit.request("GET /app"));
  } catch (error) {
    const status = httpStatusOf(error);
    const why = status === undefined ? (error instanceof Error ? error.message : String(error)) : `GitHub answered ${status}`;
    throw new AppIdentityError(
      `cannot read the GitHub App's identity (GET /app: ${why}); check APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), ` +
        "and GHE_HOST on GitHub Enterprise Server",
      { cause: error },
    );
  }
  const parsed = appSchema.safeParse(data);
  if (!parsed.success) throw new AppIdentityError("GET /app answered without the app's id and slug; check GHE_HOST points at a GitHub API");
  return { id: parsed.data.id, slug: parsed.data.slug, login: `${parsed.data.slug}[bot]` };
}
