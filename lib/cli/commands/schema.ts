/**
 * `drills schema traffic`: prints the JSON Schema of the traffic profile (generated from its zod
 * schema, lib/traffic/traffic-profile.ts) on stdout, for editors (`"$schema"` in the file, or
 * VS Code's `json.schemas`); `drills schema journal`: that of a run's journal.json
 * (lib/runner/journal-schema.ts). Exit OK (0), or USAGE (2) for an unknown schema name.
 */
import type { Command } from 'commander';
import { trafficJsonSchema } from '../../traffic';
import { journalJsonSchema } from '../../runner/journal-json-schema';
import { COMMAND_EXIT } from '../command-exit';
import type { CliContext } from '../context';
import type { IoHost } from '../io-host';
import { Output } from '../output';

const SCHEMAS: Record<string, () => Record<string, unknown>> = { traffic: trafficJsonSchema, journal: journalJsonSchema };

export function schemaCommand(name: string, io: IoHost): number {
  // The schema is JSON whatever the switch says.
  const output = new Output(io, 'schema', { json: true });
  const schema = SCHEMAS[name];
  if (!schema) {
    output.failure(`no schema '${name}' (known: ${Object.keys(SCHEMAS).join(', ')})`);
    return COMMAND_EXIT.USAGE;
  }
  output.result('', schema());
  return COMMAND_EXIT.OK;
}

export function registerSchema(program: Command, ctx: CliContext): void {
  program
    .command('schema')
    .description("print the JSON Schema of a file drills reads or writes (traffic: the traffic profile; journal: a run's journal.json)")
    .argument('<name>', 'traffic | journal')
    .action((name: string) => ctx.setExitCode(schemaCommand(name, ctx.io)));
}
