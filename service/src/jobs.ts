import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A job's record, as `GET /v1/jobs/:id` answers it. */
export interface JobRecord {
  readonly id: string;
  /** `lost`: still marked running, but its task stopped renewing its lease (it died). */
  readonly state: 'running' | 'done' | 'failed' | 'lost';
  readonly task: string;
  readonly seconds: number;
  readonly submittedAt: string;
  /** The running task renews this every LEASE_RENEW_MS; older than LEASE_MS means the task is gone. */
  readonly leaseAt?: string;
  readonly endedAt?: string;
  readonly reason?: string;
}

export const MAX_JOB_SECONDS = 600;
const LEASE_RENEW_MS = 1000;
const LEASE_MS = 4000;

/**
 * The demo's jobs: `seconds` of work on the task that took it. Records live as files in
 * `JOBS_DIR` (default: a folder in the OS temp dir), standing in for the shared store a real job
 * runner keeps (a database, a queue): any task answers a poll, so a job submitted to a task that
 * then drains is still seen to complete. A running job's task renews its lease every second; a
 * job whose lease lapsed (its task was killed) reads as `lost`. On Fargate each task has its own
 * temp dir: mount a shared volume at JOBS_DIR there.
 */
export class Jobs {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, JobRecord>();
  private lease?: NodeJS.Timeout;

  constructor(
    private readonly dir: string,
    private readonly task: string,
    private readonly onEnded: (record: JobRecord) => void,
  ) {
    fs.mkdirSync(dir, { recursive: true });
  }

  static dirFrom(env: NodeJS.ProcessEnv): string {
    return env.JOBS_DIR?.trim() || path.join(os.tmpdir(), 'fis-drills-demo-jobs');
  }

  get inFlight(): number {
    return this.timers.size;
  }

  submit(seconds: number): JobRecord {
    const now = new Date().toISOString();
    const record: JobRecord = { id: randomUUID(), state: 'running', task: this.task, seconds, submittedAt: now, leaseAt: now };
    this.write(record);
    this.running.set(record.id, record);
    this.timers.set(
      record.id,
      setTimeout(() => this.end(record, 'done'), seconds * 1000),
    );
    this.lease ??= setInterval(() => this.renew(), LEASE_RENEW_MS);
    return record;
  }

  /** The record, or undefined when no task of the service knows the id. */
  get(id: string): JobRecord | undefined {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    let record: JobRecord;
    try {
      record = JSON.parse(fs.readFileSync(this.file(id), 'utf8')) as JobRecord;
    } catch {
      return undefined;
    }
    const lapsed = record.state === 'running' && Date.now() - Date.parse(record.leaseAt ?? record.submittedAt) > LEASE_MS;
    return lapsed ? { ...record, state: 'lost' } : record;
  }

  /** The drain deadline: every job still running fails now. */
  cutAll(): void {
    for (const id of [...this.timers.keys()]) {
      const record = this.get(id);
      if (record) this.end(record, 'failed', 'cut at the drain deadline');
    }
  }

  private renew(): void {
    const leaseAt = new Date().toISOString();
    for (const [id, record] of this.running) this.running.set(id, this.write({ ...record, leaseAt }));
  }

  private end(record: JobRecord, state: 'done' | 'failed', reason?: string): void {
    clearTimeout(this.timers.get(record.id));
    this.timers.delete(record.id);
    this.running.delete(record.id);
    if (this.running.size === 0 && this.lease) {
      clearInterval(this.lease);
      this.lease = undefined;
    }
    this.onEnded(this.write({ ...record, state, endedAt: new Date().toISOString(), ...(reason ? { reason } : {}) }));
  }

  private write(record: JobRecord): JobRecord {
    const file = this.file(record.id);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(record));
    fs.renameSync(`${file}.tmp`, file);
    return record;
  }

  private file(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }
}
