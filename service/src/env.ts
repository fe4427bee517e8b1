import * as os from 'os';
import { readDatabaseSettings, type DatabaseSettings } from './database-settings';

/** Settings from the environment (the contract names: PORT, HOST, TASK_ID, ZONE, DRAIN_TIMEOUT_MS, and DATABASE_* in database-settings.ts). */
export interface ServiceEnv {
  readonly port: number;
  readonly host: string;
  readonly task: string;
  readonly zone: string;
  readonly drainTimeoutMs: number;
  /** The usage ledger's database; undefined (DATABASE_URL unset) keeps the ledger in memory. */
  readonly database?: DatabaseSettings;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_DRAIN_TIMEOUT_MS = 110_000;

/** Reads the settings; throws one message naming every bad variable. */
export function readEnv(env: NodeJS.ProcessEnv): ServiceEnv {
  const problems: string[] = [];
  const whole = (name: string, fallback: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    if (!/^\d+$/.test(raw.trim()) || Number(raw) > max) {
      problems.push(`${name}=${JSON.stringify(raw)} is not a whole number from 0 to ${max}`);
      return fallback;
    }
    return Number(raw);
  };
  const port = whole('PORT', DEFAULT_PORT, 65535);
  const drainTimeoutMs = whole('DRAIN_TIMEOUT_MS', DEFAULT_DRAIN_TIMEOUT_MS, 24 * 3600 * 1000);
  const database = readDatabaseSettings(env, problems);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    task: env.TASK_ID?.trim() || os.hostname(),
    zone: env.ZONE?.trim() || 'local',
    drainTimeoutMs,
    ...(database ? { database } : {}),
  };
}
