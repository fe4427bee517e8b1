/** `drills list`: the catalogue (id, fault, hypothesis), then which drills each configured service gets. */
import type { Command } from 'commander';
import { catalogue } from '../../../experiments';
import { COMMAND_EXIT } from '../command-exit';
import type { CliContext } from '../context';
import type { IoHost } from '../io-host';
import { Output } from '../output';
import { projectRoot } from '../project-root';
import { readCdkContext } from '../read-cdk-context';
import { drillListTable } from '../reporter';
import { drillListJson } from '../result-json';
import { servicesMatrixTable, servicesWithDrills } from '../services-matrix';

/** `root`: where cdk.json (the services) is. A config with problems still lists the catalogue, and says them on stderr. */
export function listCommand(args: { json?: boolean }, io: IoHost, root: string = projectRoot()): number {
  const output = new Output(io, 'list', { json: args.json });
  const services = servicesWithDrills(readCdkContext(root), catalogue);
  if ('problem' in services) output.notice(`services not shown: ${services.problem}`);
  const list = 'problem' in services ? [] : services;
  const json = drillListJson(catalogue).map((d, i) => ({ ...d, services: list.filter((s) => s.drills.includes(catalogue[i].id)).map((s) => s.name) }));
  output.result(list.length > 0 ? [drillListTable(catalogue, output.columns), servicesMatrixTable(list, catalogue, output.columns)] : drillListTable(catalogue, output.columns), json);
  return COMMAND_EXIT.OK;
}

export function registerList(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('list the drills in the catalogue, and which drills each service in cdk.json gets')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => ctx.setExitCode(listCommand(opts, ctx.io)));
}
