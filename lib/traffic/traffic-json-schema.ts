import { z } from 'zod';
import { trafficProfileSchema } from './traffic-profile';

/** The `$id` of the published schema (the same in the file `drills schema traffic` prints). */
export const TRAFFIC_SCHEMA_ID = 'https://fis-drills.dev/schemas/traffic-profile.json';

/** The traffic profile's JSON Schema (draft 2020-12), generated from the zod schema, for editors. */
export function trafficJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(trafficProfileSchema, { io: 'input', unrepresentable: 'any' }), $id: TRAFFIC_SCHEMA_ID };
}
