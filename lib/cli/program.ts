/** Builds the `drills` commander program from the command list. */
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands';
import { COMMAND_EXIT } from './command-exit';
import type { CliContext } from './context';
import type { IoHost } from './io-host';
import { packageVersion } from './package-version';

export function buildProgram(ctx: CliContext): Command {
  // commander's own output: help and the version are the answer (stdout), its errors are usage failures.
  const output = { writeOut: (text: string) => ctx.io.notify({ level: 'result', text }), writeErr: (text: string) => ctx.io.notify({ level: 'failure', text }) };
  const program = new Command('drills')
    .description('Chaos drills as code for ECS Fargate services: rehearse locally, run through AWS FIS.')
    .version(packageVersion(), '-V, --version', 'print the version of drills')
    .exitOverride()
    .configureOutput(output);
  for (const register of COMMANDS) register(program, ctx);
  // Each usage error (unknown option, bad value, missing argument) ends with where to look next.
  program.showHelpAfterError('(drills --help lists the commands)');
  for (const c of program.commands) c.exitOverride().configureOutput(output).showHelpAfterError(`(drills ${c.name()} --help lists what it takes)`);
  return program;
}

/** Runs argv; resolves with the exit code (a usage error: 2). Rethrows what a command throws. */
export async function runCli(argv: readonly string[], io: IoHost): Promise<number> {
  let code = 0;
  const program = buildProgram({ io, setExitCode: (c) => (code = c) });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? COMMAND_EXIT.OK : COMMAND_EXIT.USAGE;
    throw e;
  }
}
