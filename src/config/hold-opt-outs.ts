// A bad key falls back to its default, except the keys that keep foureyes out
// or keep people's names out: when one of those cannot be read (an invalid
// value, or an unknown key that is a near miss of it, like `enabeld`), the
// safe side wins until the file is fixed, because the default is the
// opposite of what the team most likely wrote.

import { formatConfigPath } from "./describe-config-problem.js";
import type { RepoConfig } from "./repo-config.js";
import type { ConfigProblem } from "./validate-settings-per-key.js";

interface OptOut {
  /** The setting, e.g. "reports.people". */
  path: string;
  /** Foureyes cannot tell whether it may work here at all: no review, no report. */
  halts?: true;
  safe?: (config: RepoConfig) => RepoConfig;
  /** Said after the problem, e.g. "reports are off until this is fixed". */
  note?: string;
}

const reportsOff = (config: RepoConfig): RepoConfig => ({ ...config, reports: { ...config.reports, enabled: false } });
const REPORTS_OFF = "reports are off until this is fixed";

const OPT_OUTS: OptOut[] = [
  { path: "enabled", halts: true },
  { path: "reports", safe: reportsOff, note: REPORTS_OFF },
  { path: "reports.enabled", safe: reportsOff, note: REPORTS_OFF },
  // Never write a report meant for another (private) repository into this one.
  { path: "reports.targetRepository", safe: reportsOff, note: REPORTS_OFF },
  {
    path: "reports.people",
    safe: (config) => ({ ...config, reports: { ...config.reports, people: "aggregate" } }),
    note: "people appear as aggregate figures only until this is fixed",
  },
];

export interface HeldConfig {
  config: RepoConfig;
  /** One line per problem, with what the safe side did. */
  problems: string[];
  halted: boolean;
}

export function holdOptOuts(config: RepoConfig, problems: readonly ConfigProblem[]): HeldConfig {
  let held = config;
  let halted = false;
  const lines = problems.map((problem) => {
    const line = `${formatConfigPath(problem.path)}: ${problem.text}`;
    const optOut = OPT_OUTS.find((candidate) => candidate.path === settingMeant(problem));
    if (!optOut) return line;
    if (optOut.halts) halted = true;
    if (optOut.safe) held = optOut.safe(held);
    return optOut.note ? `${line}, so ${optOut.note}` : line;
  });
  return { config: halted ? switchedOff(held) : held, problems: lines, halted };
}

/** Reviews and reports off: what a file that cannot be trusted stands for. */
export function switchedOff(config: RepoConfig): RepoConfig {
  return reportsOff({ ...config, enabled: false });
}

/** The setting a problem is about: its own path, or for a misspelt key the path of the key it most likely means. */
function settingMeant(problem: ConfigProblem): string {
  const path = problem.meant === undefined ? problem.path : [...problem.path.slice(0, -1), problem.meant];
  return formatConfigPath(path);
}
