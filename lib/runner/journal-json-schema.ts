import { z } from 'zod';
import { journalSchema } from './journal-schema';

/** The `$id` of the published schema (the same in the file `drills schema journal` prints). */
export const JOURNAL_SCHEMA_ID = 'https://fis-drills.dev/schemas/journal.json';

/** The journal's JSON Schema (draft 2020-12), generated from its zod schema (journal-schema.ts), for tools that read evidence. */
export function journalJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(journalSchema, { io: 'output', unrepresentable: 'any' }), $id: JOURNAL_SCHEMA_ID };
}
