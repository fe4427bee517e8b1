import type { ServerResponse } from 'http';
import { DatabaseUnavailable } from './database';
import { sendJson } from './http-reply';
import type { UsageLedger } from './usage-ledger';

/** What `GET /` says about the task besides the ledger. */
export interface TaskView {
  readonly task: string;
  readonly zone: string;
  readonly inflight: number;
}

/**
 * `GET /`, the quick read the request probe sends. Without a database: the task's identity, as
 * it always was. With one: the identity plus the ledger's totals read from PostgreSQL — and a 503
 * at once while the database is known to be away, or within the query timeout when it stops
 * answering (never a request left hanging on a dead connection).
 */
export function answerRead(res: ServerResponse, view: TaskView, ledger: UsageLedger | undefined): void {
  const identity = { task: view.task, zone: view.zone, inflight: view.inflight, draining: false };
  if (!ledger || ledger.backend === 'memory') return sendJson(res, 200, identity);
  ledger.totals().then(
    (usage) => sendJson(res, 200, { ...identity, usage, backlog: ledger.backlog }),
    (err: Error) => {
      if (res.headersSent || res.destroyed) return;
      const retryInMs = err instanceof DatabaseUnavailable ? err.retryInMs : undefined;
      if (retryInMs !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryInMs / 1000))));
      sendJson(res, 503, { error: `the usage ledger is unavailable: ${err.message}`, task: view.task });
    },
  );
}

/**
 * `GET /healthz`: 200 while the task serves. Only when the service was told to
 * (HEALTH_CHECK_DATABASE=true, the anti-pattern) does it also need the database.
 */
export function answerHealth(res: ServerResponse, databaseCheck: (() => Promise<unknown>) | undefined): void {
  if (!databaseCheck) return sendJson(res, 200, { status: 'ok' });
  databaseCheck().then(
    () => sendJson(res, 200, { status: 'ok', database: 'ok' }),
    (err: Error) => {
      if (!res.headersSent && !res.destroyed) sendJson(res, 503, { status: 'database unreachable', error: err.message });
    },
  );
}
