#!/usr/bin/env node
/** The `drills` CLI: the only place that sets process.exitCode. */
import { detachHungUpTerminalAtExit } from '../lib/cli/hung-up-terminal';
import { runCli } from '../lib/cli/program';
import { survivingWriter } from '../lib/cli/surviving-writer';

// A closed terminal or pipe (EIO, EPIPE) must not end a run that is still stopping its fault.
const out = survivingWriter(process.stdout);
const err = survivingWriter(process.stderr);
detachHungUpTerminalAtExit();

runCli(process.argv.slice(2), { out, err }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    err(`drills: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 5;
  },
);
