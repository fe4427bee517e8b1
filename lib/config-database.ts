/**
 * `service.database` read as the settings the Aurora construct takes: `false` (or unset) is no
 * database, `true` every default, an object its keys over the defaults. Pure. The schema is the
 * settings table's (lib/config-settings.ts, `databaseSettingsSchema`).
 */
import type { z } from 'zod';
import type { databaseSettingsSchema } from './config-settings';

/** What `service.database` may be written as. */
export type DatabaseSetting = z.output<typeof databaseSettingsSchema>;

/** The database of a service, every key set. */
export interface DatabaseSettings {
  /** Aurora capacity units (ACU) each instance scales down to. */
  readonly minCapacity: number;
  /** ACU each instance scales up to. */
  readonly maxCapacity: number;
  /** The database the service connects to (made with the cluster). */
  readonly databaseName: string;
  /** The port the cluster listens on; the dependency-outage drill black-holes it. */
  readonly port: number;
  /** The `database-connections` stop condition trips above this many connections (2 minutes). */
  readonly maxConnections: number;
}

/** The defaults of `service.database: true`: the smallest Serverless v2 range that fails over in seconds. */
export const DATABASE_DEFAULTS: DatabaseSettings = { minCapacity: 0.5, maxCapacity: 2, databaseName: 'drills', port: 5432, maxConnections: 100 };

/** The database settings, or undefined when the service has none (`false`, unset). */
export function databaseSettingsOf(setting: DatabaseSetting | undefined): DatabaseSettings | undefined {
  if (setting === undefined || setting === false) return undefined;
  if (setting === true) return DATABASE_DEFAULTS;
  const given = Object.fromEntries(Object.entries(setting).filter(([, v]) => v !== undefined));
  return { ...DATABASE_DEFAULTS, ...given };
}
