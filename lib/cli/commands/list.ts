/** `drills list`: the catalogue (id, fault, hypothesis), then which drills each configured service gets. */
import type { Command } from 'commander';
import * as path from 'path';
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

/**
 * `root`: where cdk.json (the services) is. Returns 0; 2 (COMMAND_EXIT.USAGE) when the config has
 * problems, as every other command that reads it does: the catalogue is still listed on stdout
 * (the problems refer to it), the services are not, and stderr says each problem and where to fix it.
 */
export function listCommand(args: { json?: boolean }, io: IoHost, root: string = projectRoot()): number {
  const output = new Output(io, 'list', { json: args.json });
  const services = servicesWithDrills(readCdkContext(root), catalogue);
  const list = 'problem' in services ? [] : services;
  const json = drillListJson(catalogue).map((d, i) => ({ ...d, services: list.filter((s) => s.drills.includes(catalogue[i].id)).map((s) => s.name) }));
  output.result(list.length > 0 ? [drillListTable(catalogue, output.columns), servicesMatrixTable(list, catalogue, output.columns)] : drillListTable(catalogue, output.columns), json);
  if ('problem' in services) {
    output.failure(`services not shown: ${services.problem}\nfix the \`drills\` context in ${path.join(root, 'cdk.json')}, then run \`drills list\` again`);
    return COMMAND_EXIT.USAGE;
  }
  return COMMAND_EXIT.OK;
}

export function registerList(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('list the drills in the catalogue, and which drills each service in cdk.json gets')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => ctx.setExitCode(listCommand(opts, ctx.io)));
}
