/** Builds the `drills` commander program from the command list. */
import { Command, CommanderError } from 'commander';
import { EXIT_CODE } from '../runner/verdict';
import { COMMANDS } from './commands';
import type { CliContext } from './context';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('drills')
    .description('Chaos drills as code for ECS Fargate services: rehearse locally, run through AWS FIS.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  for (const register of COMMANDS) register(program, ctx);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  return program;
}

/** Runs argv; resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliContext['io']): Promise<number> {
  let code = 0;
  const program = buildProgram({ io, setExitCode: (c) => (code = c) });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_CODE.USAGE;
    throw e;
  }
}
