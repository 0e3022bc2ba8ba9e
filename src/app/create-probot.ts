// One Probot instance per process, from the app's identity: it verifies
// webhooks (web) and mints installation tokens via `probot.auth(id)` (worker).

import { Probot } from "probot";

import type { Logger } from "../core/logger.js";
import type { RedisClient } from "../core/redis-client.js";
import { AdvisoryOctokit } from "../github/octokit.js";
import { shareThrottling } from "../github/share-throttling.js";
import type { AppEnv } from "./load-app-env.js";

/** With `sharedPace`, GitHub's pace per installation is kept in that Redis and shared by every process using it (the workers). */
export function createProbot(appEnv: AppEnv, logger: Logger, sharedPace?: { redis: RedisClient; prefix?: string | undefined }): Probot {
  return new Probot({
    appId: appEnv.appId,
    privateKey: appEnv.privateKey,
    secret: appEnv.webhookSecret,
    baseUrl: appEnv.baseUrl,
    webhookPath: appEnv.webhookPath,
    log: logger.child({ name: "probot" }),
    Octokit: sharedPace ? shareThrottling(AdvisoryOctokit, sharedPace.redis, { prefix: sharedPace.prefix, logger }) : AdvisoryOctokit,
  });
}
