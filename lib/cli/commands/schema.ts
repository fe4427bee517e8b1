/**
 * `drills schema traffic`: prints the JSON Schema of the traffic profile (generated from its zod
 * schema, lib/traffic/traffic-profile.ts) on stdout, for editors (`"$schema"` in the file, or
 * VS Code's `json.schemas`); `drills schema journal`: that of a run's journal.json
 * (lib/runner/journal-schema.ts). Exit 0, or 2 for an unknown schema name.
 */
import type { Command } from 'commander';
import { trafficJsonSchema } from '../../traffic';
import { journalJsonSchema } from '../../runner/journal-json-schema';
import { EXIT_CODE } from '../../runner/verdict';
import type { CliContext } from '../context';
import type { CommandIo } from './preflight';

const SCHEMAS: Record<string, () => Record<string, unknown>> = { traffic: trafficJsonSchema, journal: journalJsonSchema };

export function schemaCommand(name: string, io: CommandIo): number {
  const schema = SCHEMAS[name];
  if (!schema) {
    io.err(`drills schema: no schema '${name}' (known: ${Object.keys(SCHEMAS).join(', ')})\n`);
    return EXIT_CODE.USAGE;
  }
  io.out(`${JSON.stringify(schema(), null, 2)}\n`);
  return EXIT_CODE.HELD;
}

export function registerSchema(program: Command, ctx: CliContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of a file drills reads or writes (traffic: the traffic profile; journal: a run\'s journal.json)')
    .argument('<name>', 'traffic | journal')
    .action((name: string) => ctx.setExitCode(schemaCommand(name, ctx.io)));
}
