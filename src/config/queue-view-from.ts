// The operator's queue view (Bull Board) from the environment: off unless
// both FOUREYES_QUEUE_VIEW_USER and FOUREYES_QUEUE_VIEW_PASSWORD are set;
// one without the other is a mistake worth stopping for.

import { InvalidServerEnvError, type ServerEnv } from "./server-env.js";

/** Basic auth has no lockout: the password alone must resist guessing. */
const MIN_PASSWORD_LENGTH = 16;

export interface QueueViewSettings {
  user: string;
  password: string;
}

export function queueViewFrom(env: Pick<ServerEnv, "FOUREYES_QUEUE_VIEW_USER" | "FOUREYES_QUEUE_VIEW_PASSWORD">): QueueViewSettings | undefined {
  const user = env.FOUREYES_QUEUE_VIEW_USER;
  const password = env.FOUREYES_QUEUE_VIEW_PASSWORD;
  if (user === undefined && password === undefined) return undefined;
  if (user === undefined || password === undefined) {
    const missing = user === undefined ? "FOUREYES_QUEUE_VIEW_USER" : "FOUREYES_QUEUE_VIEW_PASSWORD";
    throw new InvalidServerEnvError(
      `Invalid server environment. Fix these variables: ${missing} is not set; the queue view needs both FOUREYES_QUEUE_VIEW_USER and FOUREYES_QUEUE_VIEW_PASSWORD (or neither, to keep it off)`,
    );
  }
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidServerEnvError(
      `Invalid server environment. Fix these variables: FOUREYES_QUEUE_VIEW_PASSWORD is ${password.length} characters; the queue view shows every queued review, so use at least ${MIN_PASSWORD_LENGTH} (e.g. \`openssl rand -base64 24\`)`,
    );
  }
  return { user, password };
}
