#!/usr/bin/env node
/** The `drills` CLI: the only place that sets process.exitCode. */
import { detachHungUpTerminalAtExit } from '../lib/cli/hung-up-terminal';
import { runCli } from '../lib/cli/program';
import { terminalIoHost } from '../lib/cli/terminal-io-host';
import { EXIT_CODE } from '../lib/runner/verdict';

// This package pins its AWS SDK clients and supports Node 20 (package.json engines), so the SDK's
// seven-line notice that releases after January 2027 need Node 22 is noise before every AWS
// command's own answer. A user who sets the variable keeps their choice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// A closed terminal or pipe (EIO, EPIPE) must not end a run that is still stopping its fault.
const io = terminalIoHost();
detachHungUpTerminalAtExit();

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    io.notify({ level: 'failure', text: `drills: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n` });
    process.exitCode = EXIT_CODE.ERROR;
  },
);
