/**
 * `drills schema traffic`: prints the JSON Schema of the traffic profile (generated from its zod
 * schema, lib/traffic/traffic-profile.ts) on stdout, for editors (`"$schema"` in the file, or
 * VS Code's `json.schemas`). Exit 0, or 2 for an unknown schema name.
 */
import type { Command } from 'commander';
import { trafficJsonSchema } from '../../traffic';
import { EXIT_CODE } from '../../runner/verdict';
import type { CliContext } from '../context';
import type { CommandIo } from './preflight';

const SCHEMAS: Record<string, () => Record<string, unknown>> = { traffic: trafficJsonSchema };

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
    .description('print the JSON Schema of a file drills reads (traffic: the traffic profile)')
    .argument('<name>', 'traffic')
    .action((name: string) => ctx.setExitCode(schemaCommand(name, ctx.io)));
}
