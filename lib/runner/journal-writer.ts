/** Writes journal.json atomically (tmp file + rename), rewritten as the run goes. */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { Figures } from '../drill';
import type { FaultInjection } from './engine';
import { JOURNAL_SCHEMA, type Journal, type JournalHeader } from './journal';
import type { Judgement } from './judge';
import type { JobSample, MetricSample, RequestSample, StreamSample, TimelineEvent } from './samples';

export async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}

export class JournalWriter {
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(
    readonly dir: string,
    readonly journal: Journal,
  ) {}

  static async create(dir: string, header: JournalHeader): Promise<JournalWriter> {
    await fs.mkdir(dir, { recursive: true });
    const writer = new JournalWriter(dir, { schema: JOURNAL_SCHEMA, ...header, timeline: [], samples: { streams: [], requests: [] } });
    await writer.flush();
    return writer;
  }

  get file(): string {
    return path.join(this.dir, 'journal.json');
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

  /** Writes the journal as it is now (queued after any write in flight). */
  flush(): Promise<void> {
    this.dirty = false;
    const text = `${JSON.stringify(this.journal, null, 2)}\n`;
    this.writing = this.writing.then(() => writeAtomically(this.file, text)).catch(() => undefined);
    return this.writing;
  }

  async finish(result: { endedAt: string; figures: Figures; judgement: Judgement }): Promise<void> {
    Object.assign(this.journal, result);
    await this.flush();
  }

  private schedule(): void {
    if (this.dirty) return;
    this.dirty = true;
    setTimeout(() => {
      if (this.dirty) void this.flush();
    }, 200).unref();
  }
}
