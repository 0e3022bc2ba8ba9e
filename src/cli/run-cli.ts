// The `foureyes` command line: arguments and help (commander), dispatched to
// the command runners. Callable in-process with its own I/O, for tests.

import { Command, CommanderError, Option } from "commander";

import { type AuditExportOptions, runAuditExport, runAuditPublicKey, runAuditShow, runAuditVerify } from "./audit-command.js";
import { type LearningExportOptions, runLearningExport } from "./learning-command.js";
import { REPORT_FORMATS, type ReportCommandOptions, runReportCommand } from "./report-command.js";
import { DEFAULT_BASE_DESCRIPTION } from "./resolve-review-range.js";
import { type CliIo, type ReviewCommandOptions, runReviewCommand } from "./run-review-command.js";

export type { CliIo };

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command("foureyes")
    .description("Advisory code reviews from a self-hosted model. It never approves, requests changes or blocks.")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError(true);

  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  addReviewCommand(program, io, setExitCode);
  addReportCommand(program, io, setExitCode);
  addAuditCommands(program, io, setExitCode);
  addLearningCommands(program, io, setExitCode);

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return exitCode;
}

/** `foureyes review` */
function addReviewCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("review")
    .description(
      "Review a local git range with the same pipeline the GitHub App runs, and print the advisory review. " +
        "No Redis, no GitHub. Committed changes only: files are read at the head commit, not from the work tree.",
    )
    .option("--base <ref>", `compare from the merge base of REF and the head (default: ${DEFAULT_BASE_DESCRIPTION})`)
    .option("--head <ref>", "the commit to review (default: HEAD)")
    .addOption(new Option("--format <format>", "output format").choices(["markdown", "json"]).default("markdown"))
    .option("--config <file>", "repo config file to use instead of .github/foureyes.yml at the base commit")
    .option("--model-url <url>", "OpenAI-compatible base URL, ending in /v1 (default: FOUREYES_MODEL_URL)")
    .option("--model <name>", "model name (default: FOUREYES_MODEL)")
    .addHelpText(
      "after",
      "\nExit codes: 0 reviewed (also when no model answered: stderr says so), " +
        "2 not a git work tree, unknown ref, invalid config or settings, 1 unexpected error.",
    )
    .action(async (options: ReviewCommandOptions) => {
      setExitCode(await runReviewCommand(options, io));
    });
}

/** `foureyes report` */
function addReportCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("report")
    .description(
      "Print the weekly review-load report for one repository, read from GitHub's GraphQL API " +
        "(token in GITHUB_TOKEN; GITHUB_API_URL for GitHub Enterprise Server). Writes nothing to GitHub.",
    )
    .requiredOption("--repo <owner/name>", "the repository")
    .option("--since <date>", "first day, YYYY-MM-DD (default: the last complete week)")
    .option("--until <date>", "last day, YYYY-MM-DD (default: today when --since is given)")
    .addOption(new Option("--format <format>", "output format").choices([...REPORT_FORMATS]).default("markdown"))
    .option("--timezone <zone>", "time zone of the week boundaries (default: Europe/Berlin)")
    .addOption(new Option("--people <mode>", "how people appear (default: pseudonymous)").choices(["pseudonymous", "named", "aggregate"]))
    .addHelpText(
      "after",
      "\nExit codes: 0 printed; 2 no GITHUB_TOKEN, bad --repo or dates, unknown repository or rejected token; 1 unexpected error.",
    )
    .action(async (options: ReportCommandOptions) => {
      setExitCode(await runReportCommand(options, io));
    });
}

/** `foureyes learning export` */
function addLearningCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("learning")
    .description("What the teams' reactions taught foureyes, per repository, in Redis.")
    .command("export")
    .description("Print the recorded signals and dismissed patterns as JSON (REDIS_URL, FOUREYES_QUEUE_PREFIX).")
    .option("--repo <owner/name>", "one repository")
    .option("--installation <id>", "one installation")
    .action(async (options: LearningExportOptions) => {
      setExitCode(await runLearningExport(options, io));
    });
}

/** `foureyes audit export|verify|show|public-key` */
function addAuditCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const audit = program
    .command("audit")
    .description("The audit trail: every model call and every write to GitHub, one hash chain per installation, in Redis.");
  audit
    .command("export")
    .description("Print the audit records as NDJSON (REDIS_URL, FOUREYES_QUEUE_PREFIX), each chain closed by its head line.")
    .option("--installation <id>", "one installation's chain")
    .option("--repo <owner/name>", "this repository's records; the others become stubs that keep the chain verifiable")
    .option("--since <date>", "records from this date or time on (ISO 8601)")
    .option("--until <date>", "records before this date or time (ISO 8601)")
    .action(async (options: AuditExportOptions) => {
      setExitCode(await runAuditExport(options, io));
    });
  audit
    .command("verify [file]")
    .description("Recompute every chain of an export (a file, or - for stdin): exit 0 when intact, 1 naming the first broken record.")
    .option("--live", "verify the chains in Redis instead of a file")
    .option("--public-key <file>", "PEM public key that must verify every signed checkpoint")
    .action(async (file: string | undefined, options: { live?: boolean; publicKey?: string }) => {
      setExitCode(await runAuditVerify(file, options, io));
    });
  audit
    .command("show <id>")
    .description("Print one record (installation/sequence, as a review footer names it) and its neighbours.")
    .action(async (id: string) => {
      setExitCode(await runAuditShow(id, io));
    });
  audit
    .command("public-key")
    .description("Print the public key of FOUREYES_AUDIT_SIGNING_KEY, which checks signed checkpoints.")
    .action(async () => {
      setExitCode(await runAuditPublicKey(io));
    });
}
