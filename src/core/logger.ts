// The one logger factory: pino, JSON lines on stdout, level from LOG_LEVEL.

import { type Logger, pino } from "pino";

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? "info", name = "foureyes"): Logger {
  return pino({ name, level });
}
