#!/usr/bin/env node
// The `foureyes` command. Thin: all logic lives in src/cli/.

import { runCli } from "./cli/run-cli.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
});
