import type { Server, ServerResponse } from 'http';
import type { LogFields } from './log';
import type { StreamEnd, StreamHandle } from './stream';

export interface DrainOptions {
  readonly drainTimeoutMs: number;
  readonly log: (event: string, fields?: LogFields) => void;
  /** Ends the process (process.exit in the service; a fake in tests). */
  readonly exit: (code: number) => void;
  /** How long cut streams get to flush before the process exits anyway. */
  readonly flushGraceMs?: number;
}

/** Work that outlives its request (jobs): the drain waits for it, and cuts it at the deadline. */
export interface BackgroundWork {
  readonly inFlight: number;
  cutAll(): void;
}

type Phase = 'serving' | 'draining' | 'cutting' | 'done';

/**
 * The drain on SIGTERM/SIGINT: stop listening, refuse what still arrives, let every request and
 * job in flight finish, exit 0 when none is left — or at the deadline, cutting the streams still
 * open (they end without [DONE]) and failing the jobs still running. A second signal changes nothing.
 */
export class Drain {
  private phase: Phase = 'serving';
  private readonly requests = new Set<ServerResponse>();
  private readonly streams = new Map<ServerResponse, StreamHandle>();
  private deadline?: NodeJS.Timeout;
  private startedAtMs = 0;
  private readonly counts = { inflightAtStart: 0, completed: 0, cut: 0, clientClosed: 0, refused: 0 };

  private work: BackgroundWork = { inFlight: 0, cutAll: () => undefined };

  constructor(
    private readonly server: Server,
    private readonly options: DrainOptions,
  ) {}

  /** The background work the drain waits for; call workEnded() when a piece of it ends. */
  holdWork(work: BackgroundWork): void {
    this.work = work;
  }

  workEnded(): void {
    this.maybeFinish();
  }

  get draining(): boolean {
    return this.phase !== 'serving';
  }

  get streamsInFlight(): number {
    return this.streams.size;
  }

  /** Every request is tracked from arrival until its response closes. */
  track(res: ServerResponse): void {
    this.requests.add(res);
    res.on('finish', () => {
      // A connection that just went idle while draining must not take another request.
      if (this.draining) setImmediate(() => this.server.closeIdleConnections());
    });
    res.on('close', () => {
      this.requests.delete(res);
      this.streams.delete(res);
      this.maybeFinish();
    });
  }

  trackStream(res: ServerResponse, handle: StreamHandle): void {
    this.streams.set(res, handle);
  }

  /** Called once per stream when it ends, for the drain's counts. */
  streamEnded(end: StreamEnd): void {
    if (!this.draining) return;
    if (end === 'completed') this.counts.completed += 1;
    else if (end === 'cut') this.counts.cut += 1;
    else this.counts.clientClosed += 1;
  }

  refused(): void {
    this.counts.refused += 1;
  }

  begin(signal: string): void {
    if (this.draining) {
      this.options.log('signal-ignored', { signal, reason: 'already draining; the drain deadline stands' });
      return;
    }
    this.phase = 'draining';
    this.startedAtMs = Date.now();
    this.counts.inflightAtStart = this.streams.size;
    this.options.log('draining', { signal, inflight: this.requests.size, streams: this.streams.size, jobs: this.work.inFlight, drainTimeoutMs: this.options.drainTimeoutMs });
    this.server.close();
    this.server.closeIdleConnections();
    this.deadline = setTimeout(() => this.cutAtDeadline(), this.options.drainTimeoutMs);
    this.maybeFinish();
  }

  private cutAtDeadline(): void {
    if (this.phase !== 'draining') return;
    this.phase = 'cutting';
    this.options.log('drain-deadline', { drainTimeoutMs: this.options.drainTimeoutMs, streams: this.streams.size, inflight: this.requests.size });
    for (const handle of [...this.streams.values()]) handle.cut();
    this.work.cutAll();
    for (const res of this.requests) if (!this.streams.has(res)) res.destroy();
    setTimeout(() => this.finish(), this.options.flushGraceMs ?? 2000).unref();
    this.maybeFinish();
  }

  private maybeFinish(): void {
    if ((this.phase === 'draining' || this.phase === 'cutting') && this.requests.size === 0 && this.work.inFlight === 0) this.finish();
  }

  private finish(): void {
    if (this.phase === 'done' || this.phase === 'serving') return;
    const reason = this.phase === 'cutting' ? 'deadline' : 'drained';
    this.phase = 'done';
    if (this.deadline) clearTimeout(this.deadline);
    const drainMs = Date.now() - this.startedAtMs;
    this.options.log('drained', { reason, drainMs, ...this.counts });
    this.options.log('exit', { code: 0, reason, cut: this.counts.cut, completed: this.counts.completed });
    setImmediate(() => this.options.exit(0));
  }
}
