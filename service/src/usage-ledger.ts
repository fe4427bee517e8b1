import type { Database } from './database';
import type { LogFields } from './log';

/** What a task's work is booked as: a completed stream (units: events sent) or a finished job (units: seconds). */
export type UsageKind = 'stream' | 'job';

/** Totals per kind: how many entries, and their units summed. */
export type UsageTotals = Record<UsageKind, { readonly count: number; readonly units: number }>;

/** Entries kept while the database is away; the oldest are dropped (and counted) past this. */
const MAX_PENDING = 10_000;
const BATCH = 200;
const SCHEMA = `CREATE TABLE IF NOT EXISTS usage_ledger (
  id bigserial PRIMARY KEY, task text NOT NULL, kind text NOT NULL, units integer NOT NULL, at timestamptz NOT NULL DEFAULT now())`;

/**
 * The usage ledger: each completed stream and each finished job is booked once. With a database
 * the entries go to PostgreSQL in batches, never on the stream's or job's own path: `record` only
 * queues (bounded), and the queue is flushed whenever the database is up. Without one the totals
 * are this task's own, in memory. `totals()` is what the read endpoint answers; with a database it
 * rejects (DatabaseUnavailable, or pg's error within the query timeout) while the database is away.
 */
export class UsageLedger {
  private readonly memory: Record<UsageKind, { count: number; units: number }> = { stream: { count: 0, units: 0 }, job: { count: 0, units: 0 } };
  private readonly pending: { kind: UsageKind; units: number }[] = [];
  private dropped = 0;
  private flushing = false;
  private schemaReady = false;

  constructor(
    private readonly task: string,
    private readonly db: Database | undefined,
    private readonly log: (event: string, fields?: LogFields) => void,
  ) {}

  get backend(): 'postgres' | 'memory' {
    return this.db ? 'postgres' : 'memory';
  }

  /** Entries waiting for the database. */
  get backlog(): number {
    return this.pending.length;
  }

  record(kind: UsageKind, units: number): void {
    if (!this.db) {
      this.memory[kind].count += 1;
      this.memory[kind].units += units;
      return;
    }
    this.pending.push({ kind, units });
    if (this.pending.length > MAX_PENDING) {
      this.pending.shift();
      this.dropped += 1;
      if (this.dropped === 1 || this.dropped % 1000 === 0) this.log('ledger-dropped', { dropped: this.dropped, kept: MAX_PENDING });
    }
    void this.flush();
  }

  async totals(): Promise<UsageTotals> {
    if (!this.db) return { stream: { ...this.memory.stream }, job: { ...this.memory.job } };
    await this.ensureSchema();
    const result = await this.db.query<{ kind: string; count: number; units: number }>('SELECT kind, count(*)::int AS count, coalesce(sum(units), 0)::int AS units FROM usage_ledger GROUP BY kind');
    const totals: UsageTotals = { stream: { count: 0, units: 0 }, job: { count: 0, units: 0 } };
    for (const row of result.rows) if (row.kind === 'stream' || row.kind === 'job') totals[row.kind] = { count: row.count, units: row.units };
    return totals;
  }

  /** Writes what is queued, a batch at a time, while the database takes it. Called on record and when the database comes back. */
  async flush(): Promise<void> {
    if (!this.db || this.flushing || !this.db.up) return;
    this.flushing = true;
    try {
      await this.ensureSchema();
      while (this.pending.length > 0 && this.db.up) {
        const batch = this.pending.slice(0, BATCH);
        const values = batch.map((_, i) => `($1, $${i * 2 + 2}, $${i * 2 + 3})`).join(', ');
        await this.db.query(`INSERT INTO usage_ledger (task, kind, units) VALUES ${values}`, [this.task, ...batch.flatMap((e) => [e.kind, e.units])]);
        this.pending.splice(0, batch.length);
      }
    } catch {
      // Kept for the next flush: the database's own gate says when that is.
    } finally {
      this.flushing = false;
    }
  }

  private async ensureSchema(): Promise<void> {
    if (this.schemaReady || !this.db) return;
    try {
      await this.db.query(SCHEMA);
    } catch (err) {
      // Two tasks creating the table at once: one loses the race on the catalog; the table is there.
      const code = (err as { code?: string }).code;
      if (code !== '23505' && code !== '42P07') throw err;
    }
    this.schemaReady = true;
  }
}
