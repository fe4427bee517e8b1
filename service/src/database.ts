import { Pool, type QueryResult, type QueryResultRow } from 'pg';
import { backoffDelayMs } from './backoff';
import type { DatabaseSettings } from './database-settings';
import type { LogFields } from './log';

/** Thrown at once, without touching the pool, while the database is known to be unreachable. */
export class DatabaseUnavailable extends Error {
  constructor(readonly retryInMs: number) {
    super('the database is unreachable; reconnecting');
    this.name = 'DatabaseUnavailable';
  }
}

/** The retry interval of `reconnect: immediate` (no backoff, no jitter). */
const IMMEDIATE_RETRY_MS = 10;

/**
 * The service's connection to PostgreSQL: a bounded pg pool (poolMax, connect and query
 * timeouts) plus a gate. The gate opens once a probe (`SELECT 1`) succeeds; a connection-level
 * failure (timeout, reset, refused, the server shutting down) closes it, and from then on queries
 * fail fast with DatabaseUnavailable while one probe reconnects with exponential backoff and full
 * jitter. Nothing here is on the health check's path unless the service puts it there.
 */
export class Database {
  private state: 'connecting' | 'up' | 'down' = 'connecting';
  private readonly pool: Pool;
  private attempt = 0;
  private timer?: NodeJS.Timeout;
  private retryAt = 0;
  private downSince = Date.now();
  private closed = false;

  constructor(
    private readonly settings: DatabaseSettings,
    private readonly log: (event: string, fields?: LogFields) => void,
    /** Called each time the gate opens (a first connection, or back after an outage). */
    private readonly onUp: () => void = () => undefined,
    private readonly random: () => number = Math.random,
  ) {
    this.pool = new Pool({
      connectionString: settings.url,
      max: settings.poolMax,
      connectionTimeoutMillis: settings.connectTimeoutMs,
      query_timeout: settings.queryTimeoutMs,
      statement_timeout: settings.queryTimeoutMs,
      idleTimeoutMillis: 10_000,
    });
    // An idle connection the server dropped (a restart) reports here; unhandled, it would crash the process.
    this.pool.on('error', (err) => this.lost(err));
    this.schedule(0);
  }

  /** True while the gate is open. */
  get up(): boolean {
    return this.state === 'up';
  }

  /**
   * One query through the pool. Rejects with DatabaseUnavailable at once while the gate is closed
   * (reconnect `backoff`), with pg's error otherwise; a connection-level error closes the gate.
   */
  async query<R extends QueryResultRow = QueryResultRow>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    if (this.closed) throw new DatabaseUnavailable(0);
    if (this.state !== 'up' && this.settings.reconnect === 'backoff') throw new DatabaseUnavailable(Math.max(0, this.retryAt - Date.now()));
    try {
      return await this.pool.query<R>(sql, params as unknown[]);
    } catch (err) {
      if (isConnectionError(err)) this.lost(err as Error);
      throw err;
    }
  }

  /** Stops reconnecting and closes every connection (bounded: a black-holed one is not waited for). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.race([this.pool.end().catch(() => undefined), new Promise((r) => setTimeout(r, 500).unref())]);
  }

  private lost(err: Error): void {
    if (this.closed || this.state !== 'up') return;
    this.state = 'down';
    this.downSince = Date.now();
    this.attempt = 0;
    this.log('database-down', { reason: err.message });
    this.schedule(this.delay());
  }

  private delay(): number {
    return this.settings.reconnect === 'immediate' ? IMMEDIATE_RETRY_MS : backoffDelayMs(this.attempt, this.settings.backoff, this.random);
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.retryAt = Date.now() + ms;
    this.timer = setTimeout(() => void this.probe(), ms);
    this.timer.unref();
  }

  private async probe(): Promise<void> {
    try {
      await this.pool.query('SELECT 1');
    } catch (err) {
      if (this.closed) return;
      this.attempt += 1;
      if (this.attempt === 1 || this.attempt % 20 === 0) this.log('database-retry', { attempt: this.attempt, reason: (err as Error).message });
      return this.schedule(this.delay());
    }
    if (this.closed) return;
    const was = this.state;
    this.state = 'up';
    this.log('database-up', { after: was, attempts: this.attempt + 1, downMs: Date.now() - this.downSince });
    this.attempt = 0;
    this.onUp();
  }
}

/**
 * Errors that mean the connection (or the server) is gone, not that the query was wrong: no
 * SQLSTATE at all (timeouts, resets, refused), class 08 (connection exception) or class 57
 * (operator intervention: admin shutdown, crash shutdown, cannot connect now), but not 57014
 * (a statement cancelled by its own timeout on a live server).
 */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  // Node's own codes (ECONNREFUSED, EPIPE…) start with E, which no SQLSTATE class does.
  if (typeof code !== 'string' || !/^[0-9A-DF-Z][0-9A-Z]{4}$/.test(code)) return true;
  return code.startsWith('08') || (code.startsWith('57') && code !== '57014');
}
