/**
 * Writes journal.json through the run's evidence folder (a local directory or S3), rewritten as
 * the run goes: each batch of appended events is written at most once per the folder's
 * `journalEveryMs`, so a run killed mid-way keeps what it saw up to then.
 */
import type { Figures } from '../drill';
import type { FaultInjection } from './engine';
import { JOURNAL_SCHEMA } from '../contract';
import type { EvidenceFolder } from './evidence-store';
import type { Journal, JournalHeader } from './journal';
import type { Judgement } from './judge';
import { localEvidenceFolder } from './local-evidence';
import type { JobSample, MetricSample, RequestSample, StreamSample, TimelineEvent } from './samples';

export { writeAtomically } from './write-atomically';

export const JOURNAL_FILE = 'journal.json';

export class JournalWriter {
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private failure: unknown;

  private constructor(
    readonly folder: EvidenceFolder,
    readonly journal: Journal,
  ) {}

  /**
   * Writes the header at once (so a crash keeps the run) and resolves with the writer.
   * Rejects when that first write fails: a run that cannot keep evidence must not start.
   */
  static async create(folder: string | EvidenceFolder, header: JournalHeader): Promise<JournalWriter> {
    const writer = new JournalWriter(typeof folder === 'string' ? localEvidenceFolder(folder) : folder, { schema: JOURNAL_SCHEMA, ...header, timeline: [], samples: { streams: [], requests: [] } });
    await writer.flush();
    writer.throwIfFailed();
    return writer;
  }

  /** The run's folder, for people (a path or an s3:// URL). */
  get dir(): string {
    return this.folder.location;
  }

  get file(): string {
    return this.folder.locationOf(JOURNAL_FILE);
  }

  event(e: TimelineEvent): void {
    this.journal.timeline.push(e);
    this.schedule();
  }

  samples(samples: { streams: readonly StreamSample[]; requests: readonly RequestSample[]; jobs?: readonly JobSample[]; metrics?: readonly MetricSample[] }): void {
    this.journal.samples = {
      streams: [...samples.streams],
      requests: [...samples.requests],
      ...(samples.jobs ? { jobs: [...samples.jobs] } : {}),
      ...(samples.metrics && samples.metrics.length > 0 ? { metrics: [...samples.metrics] } : {}),
    };
    this.schedule();
  }

  injection(injection: FaultInjection): void {
    this.journal.injection = injection;
    this.schedule();
  }

  set(fields: Partial<Pick<Journal, 'experimentId' | 'target'>>): void {
    Object.assign(this.journal, fields);
    this.schedule();
  }

  /** Writes the journal as it is now (queued after any write in flight). Never rejects: a failed write is kept for `finish`. */
  flush(): Promise<void> {
    this.dirty = false;
    const text = `${JSON.stringify(this.journal, null, 2)}\n`;
    this.writing = this.writing
      .then(() => this.folder.write(JOURNAL_FILE, text))
      .then(
        () => void (this.failure = undefined),
        (e: unknown) => void (this.failure = e),
      );
    return this.writing;
  }

  /** Writes the finished journal; rejects when that last write failed (the evidence would be lost). */
  async finish(result: { endedAt: string; figures: Figures; judgement: Judgement }): Promise<void> {
    Object.assign(this.journal, result);
    await this.flush();
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure === undefined) return;
    const why = this.failure instanceof Error ? this.failure.message : String(this.failure);
    throw new Error(`could not write ${this.file}: ${why}`);
  }

  private schedule(): void {
    if (this.dirty) return;
    this.dirty = true;
    setTimeout(() => {
      if (this.dirty) void this.flush();
    }, this.folder.journalEveryMs).unref();
  }
}
