// Whether a slash command is answered: commands are counted per pull request
// and per installation in fixed windows in Redis, so nobody can flood a pull
// request, the installation's GitHub budget or the model by commenting. One
// Lua script decides and counts atomically, so workers running side by side
// agree. Over the limit, only the first refused command of a pull request in
// the window is told so (one reply, not one per comment); and `help` (or an
// unknown command, which gets the same list) is answered once per pull
// request in the window.

import type { RedisClient } from "../core/redis-client.js";
import type { CommandJobData } from "./command-job.js";

export interface CommandLimits {
  /** Commands per pull request in one window. */
  perPull: number;
  /** Commands per installation (all its repositories) in one window. */
  perInstallation: number;
  windowMs: number;
}

export const COMMAND_WINDOW_MS = 10 * 60_000;

export type CommandAdmission =
  | { status: "allowed" }
  /** `notify`: this is the first refused command of the pull request in the window, so it gets the reply. */
  | { status: "limited"; scope: "pull" | "installation"; retryInMs: number; notify: boolean }
  | { status: "help-answered" };

// KEYS: pull counter, installation counter, limit notice (per pull), help answered (per pull)
// ARGV: window ms, pull limit, installation limit, "1" when the command asks for the list
const ADMIT_SCRIPT = `
local window = tonumber(ARGV[1])
local scope = nil
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[2]) then scope = 'pull'
elseif tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[3]) then scope = 'installation' end
if scope then
  local ttl = redis.call('PTTL', scope == 'pull' and KEYS[1] or KEYS[2])
  if ttl < 1 then ttl = window end
  local notify = redis.call('SET', KEYS[3], '1', 'NX', 'PX', ttl) and 1 or 0
  return {'limited', scope, ttl, notify}
end
for i = 1, 2 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], window) end
end
if ARGV[4] == '1' and not redis.call('SET', KEYS[4], '1', 'NX', 'PX', window) then
  return {'help-answered', '', 0, 0}
end
return {'allowed', '', 0, 0}
`;

type ScriptReply = [string, string, number, number];

/** Counts the command and says whether to answer it. `keyPrefix` is FOUREYES_QUEUE_PREFIX (default "foureyes"). */
export async function admitCommand(
  redis: RedisClient,
  data: Pick<CommandJobData, "installationId" | "owner" | "repo" | "pullNumber" | "commands">,
  limits: CommandLimits,
  keyPrefix = "foureyes",
): Promise<CommandAdmission> {
  // GitHub names are case-insensitive; ":" cannot occur in them.
  const pull = `${keyPrefix}:commands:pull:${data.owner}/${data.repo}#${data.pullNumber}`.toLowerCase();
  const keys = [`${pull}:count`, `${keyPrefix}:commands:installation:${data.installationId}:count`, `${pull}:limit-notice`, `${pull}:help`];
  const asksForList = data.commands.every((command) => command.name === "help" || command.name === "unknown") ? "1" : "0";
  const args = [limits.windowMs, limits.perPull, limits.perInstallation, asksForList];
  const [status, scope, ttl, notify] = (await redis.eval(ADMIT_SCRIPT, keys.length, ...keys, ...args)) as ScriptReply;
  if (status === "limited") return { status, scope: scope === "pull" ? "pull" : "installation", retryInMs: ttl, notify: notify === 1 };
  if (status === "help-answered") return { status };
  return { status: "allowed" };
}
