/** `drills list`: the catalogue (id, fault, hypothesis). */
import type { Command } from 'commander';
import { catalogue } from '../../../experiments';
import type { CliContext } from '../context';
import { drillListJson, drillListTable } from '../reporter';

export function listCommand(args: { json?: boolean }, io: CliContext['io']): number {
  const drills = catalogue;
  io.out(args.json ? drillListJson(drills) : drillListTable(drills));
  return 0;
}

export function registerList(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('list the drills in the catalogue')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => ctx.setExitCode(listCommand(opts, ctx.io)));
}
