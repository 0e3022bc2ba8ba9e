// How both processes end when they cannot start: an error the operator can
// fix (environment, credentials, Redis) as one line naming what to fix,
// anything else with its stack; exit code 1 either way.

import { RedisUnreachableError } from "../../queues/connection.js";
import { InvalidSigningKeyError } from "../audit/checkpoint-signature.js";
import { InvalidServerEnvError } from "../config/server-env.js";
import { AppIdentityError } from "../github/errors.js";
import { InvalidAppEnvError } from "./load-app-env.js";

const OPERATOR_ERRORS = [InvalidServerEnvError, InvalidAppEnvError, RedisUnreachableError, AppIdentityError, InvalidSigningKeyError];

export function exitOnStartupFailure(processName: string, error: unknown): never {
  if (OPERATOR_ERRORS.some((type) => error instanceof type)) console.error(`foureyes ${processName}: ${(error as Error).message}`);
  else console.error(`foureyes ${processName}: failed to start`, error);
  process.exit(1);
}
