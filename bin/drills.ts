#!/usr/bin/env node
/** The `drills` CLI: the only place that sets process.exitCode. */
import { runCli } from '../lib/cli/program';

runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`drills: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 5;
  },
);
