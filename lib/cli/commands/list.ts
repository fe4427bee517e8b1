/** `drills list`: the catalogue (id, fault, hypothesis). */
import type { Command } from 'commander';
import { catalogue } from '../../../experiments';
import { COMMAND_EXIT } from '../command-exit';
import type { CliContext } from '../context';
import type { IoHost } from '../io-host';
import { Output } from '../output';
import { drillListTable } from '../reporter';
import { drillListJson } from '../result-json';

export function listCommand(args: { json?: boolean }, io: IoHost): number {
  new Output(io, 'list', { json: args.json }).result(drillListTable(catalogue), drillListJson(catalogue));
  return COMMAND_EXIT.OK;
}

export function registerList(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('list the drills in the catalogue')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => ctx.setExitCode(listCommand(opts, ctx.io)));
}
