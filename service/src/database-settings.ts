import type { BackoffSettings } from './backoff';

/**
 * How the service reaches its database (the usage ledger). Absent when DATABASE_URL is unset:
 * the service then keeps the ledger in memory and never opens a connection.
 */
export interface DatabaseSettings {
  /** `postgres://user:password@host:port/database`. */
  readonly url: string;
  /** Connections the pool may hold at once (the task's share of the database's budget). */
  readonly poolMax: number;
  /** A connection not established within this is given up, ms. */
  readonly connectTimeoutMs: number;
  /** A query not answered within this fails (client side; the server's statement_timeout too), ms. */
  readonly queryTimeoutMs: number;
  /**
   * `backoff` (default): once the database is lost, requests that need it fail fast (503) and one
   * probe reconnects with exponential backoff and full jitter. `immediate`: no backoff, no fail-fast
   * — every request goes to the pool and the probe retries every 10 ms (the storm the
   * database-failover drill exists to catch; for tests and demonstrations only).
   */
  readonly reconnect: 'backoff' | 'immediate';
  readonly backoff: BackoffSettings;
  /**
   * The health check also queries the database (HEALTH_CHECK_DATABASE=true). An anti-pattern kept
   * for the dependency-outage drill to catch: a database blip then fails every task's health
   * check and ECS replaces healthy tasks. @default false
   */
  readonly healthIncludesDatabase: boolean;
}

export const DATABASE_DEFAULTS = { poolMax: 4, connectTimeoutMs: 1000, queryTimeoutMs: 1000, backoff: { baseMs: 100, capMs: 2000 } } as const;

/**
 * The URL from its parts, as ECS gives them on AWS (host, port and name in the environment; user and
 * password as secrets from the database's Secrets Manager secret): DATABASE_HOST, DATABASE_PORT
 * (default 5432), DATABASE_NAME (default postgres), DATABASE_USER, DATABASE_PASSWORD, DATABASE_SSL
 * (`no-verify`: TLS without checking the server's certificate — the image ships no RDS CA bundle;
 * `disable`; unset: pg's default). Undefined without DATABASE_HOST.
 */
function urlFromParts(env: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  const host = env.DATABASE_HOST?.trim();
  if (!host) return undefined;
  const user = env.DATABASE_USER ?? '';
  const password = env.DATABASE_PASSWORD ?? '';
  if (user === '' || password === '') problems.push('DATABASE_HOST is set without DATABASE_USER and DATABASE_PASSWORD: give both (on AWS, ECS passes them from the database secret)');
  const port = env.DATABASE_PORT?.trim() || '5432';
  const ssl = env.DATABASE_SSL?.trim();
  if (ssl !== undefined && ssl !== '' && ssl !== 'no-verify' && ssl !== 'disable') problems.push(`DATABASE_SSL=${JSON.stringify(ssl)} must be no-verify or disable`);
  const query = ssl ? `?sslmode=${encodeURIComponent(ssl)}` : '';
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${encodeURIComponent(env.DATABASE_NAME?.trim() || 'postgres')}${query}`;
}

/**
 * Reads DATABASE_URL (or its parts, urlFromParts), DATABASE_POOL_MAX, DATABASE_CONNECT_TIMEOUT_MS,
 * DATABASE_QUERY_TIMEOUT_MS, DATABASE_RECONNECT (backoff | immediate), HEALTH_CHECK_DATABASE.
 * Returns undefined without DATABASE_URL and DATABASE_HOST; pushes one message per bad variable onto `problems`.
 */
export function readDatabaseSettings(env: NodeJS.ProcessEnv, problems: string[]): DatabaseSettings | undefined {
  const url = env.DATABASE_URL?.trim() || urlFromParts(env, problems);
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url)) problems.push('DATABASE_URL must start with postgres:// (postgres://user:password@host:port/database)');
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}=${JSON.stringify(raw)} is not a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(raw);
  };
  const reconnect = env.DATABASE_RECONNECT?.trim() || 'backoff';
  if (reconnect !== 'backoff' && reconnect !== 'immediate') problems.push(`DATABASE_RECONNECT=${JSON.stringify(reconnect)} must be backoff or immediate`);
  const health = env.HEALTH_CHECK_DATABASE?.trim() || 'false';
  if (health !== 'true' && health !== 'false') problems.push(`HEALTH_CHECK_DATABASE=${JSON.stringify(health)} must be true or false`);
  return {
    url,
    poolMax: whole('DATABASE_POOL_MAX', DATABASE_DEFAULTS.poolMax, 1, 100),
    connectTimeoutMs: whole('DATABASE_CONNECT_TIMEOUT_MS', DATABASE_DEFAULTS.connectTimeoutMs, 1, 60_000),
    queryTimeoutMs: whole('DATABASE_QUERY_TIMEOUT_MS', DATABASE_DEFAULTS.queryTimeoutMs, 1, 60_000),
    reconnect: reconnect === 'immediate' ? 'immediate' : 'backoff',
    backoff: DATABASE_DEFAULTS.backoff,
    healthIncludesDatabase: health === 'true',
  };
}
