// One Probot instance per process, from the app's identity: it verifies
// webhooks (web) and mints installation tokens via `probot.auth(id)` (worker).

import { Probot } from "probot";

import type { Logger } from "../core/logger.js";
import { AdvisoryOctokit } from "../github/octokit.js";
import type { AppEnv } from "./load-app-env.js";

export function createProbot(appEnv: AppEnv, logger: Logger): Probot {
  return new Probot({
    appId: appEnv.appId,
    privateKey: appEnv.privateKey,
    secret: appEnv.webhookSecret,
    baseUrl: appEnv.baseUrl,
    webhookPath: appEnv.webhookPath,
    log: logger.child({ name: "probot" }),
    Octokit: AdvisoryOctokit,
  });
}
