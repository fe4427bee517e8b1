/**
 * The journal writer: how fast events can be appended when every one is written atomically
 * (tmp file + rename), the same with the writer's own coalescing, and what a run's journal weighs.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { catalogue } from '../experiments';
import { JournalWriter } from '../lib/runner/journal-writer';
import type { RequestSample, StreamSample } from '../lib/runner/samples';
import { round, type Benchmark } from './types';

const FLUSHED_APPENDS = 300;
const COALESCED_APPENDS = 20_000;

async function newWriter(dir: string, runId: string): Promise<JournalWriter> {
  const { id, title, hypothesis, fault, expect, file } = catalogue[0];
  return JournalWriter.create(path.join(dir, runId), { runId, mode: 'local', drill: { id, title, hypothesis, fault, expect, file }, settings: {}, target: {}, startedAt: new Date().toISOString() });
}

/** Samples shaped like a real run's: `streams` SSE streams and `requests` short requests. */
function samples(streams: number, requests: number): { streams: StreamSample[]; requests: RequestSample[] } {
  return {
    streams: Array.from({ length: streams }, (_, i) => ({
      id: i,
      startedAtMs: 1080.144023,
      firstEventAtMs: 1388.554811,
      endedAtMs: 6194.923381,
      events: 25,
      bytes: 1687,
      task: 't2-zone-b',
      zone: 'zone-b',
      status: 200,
      outcome: 'clean',
    })),
    requests: Array.from({ length: requests }, (_, i) => ({ atMs: 1081.549644 + i * 50.123, latencyMs: 15.233073, status: 200, task: i % 2 ? 't1-zone-a' : 't2-zone-b' })),
  };
}

async function journalKiB(dir: string, runId: string, streams: number, requests: number, events: number): Promise<number> {
  const w = await newWriter(dir, runId);
  for (let i = 0; i < events; i += 1) w.event({ kind: 'note', atMs: i * 1000.123, at: new Date().toISOString(), task: 't1-zone-a', zone: 'zone-a', detail: 'a timeline event of typical length' });
  w.samples(samples(streams, requests));
  await w.flush();
  return (await fs.stat(w.file)).size / 1024;
}

const seconds = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;

export const journalBench: Benchmark = {
  name: 'journal',
  run: async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-journal-'));
    try {
      // Worst case: a flush after every event, on a journal that already holds a local run's samples.
      const flushed = await newWriter(dir, 'flushed');
      flushed.samples(samples(6, 103));
      let t0 = process.hrtime.bigint();
      for (let i = 0; i < FLUSHED_APPENDS; i += 1) {
        flushed.event({ kind: 'note', atMs: i, at: new Date().toISOString(), detail: `event ${i}` });
        await flushed.flush();
      }
      const flushedPerSecond = FLUSHED_APPENDS / seconds(t0);

      // As a run uses it: events only, the writer coalesces rewrites (at most one per 200 ms).
      const coalesced = await newWriter(dir, 'coalesced');
      t0 = process.hrtime.bigint();
      for (let i = 0; i < COALESCED_APPENDS; i += 1) coalesced.event({ kind: 'note', atMs: i, at: new Date().toISOString(), detail: `event ${i}` });
      await coalesced.flush();
      const coalescedPerSecond = COALESCED_APPENDS / seconds(t0);

      // A local rehearsal today: 22 events, 6 streams, ~103 requests (real journals: 24.0–24.8 KiB
      // with the service settings the bench leaves out). An AWS drill: 8 streams and 5 requests/s;
      // 10 minutes of probing is 3,000 requests.
      const local = await journalKiB(dir, 'local', 6, 103, 22);
      const aws = await journalKiB(dir, 'aws', 8, 3000, 60);
      return [
        // A run journals tens of events and rewrites at most 5 times a second: 100/s is 20 times that.
        { name: `appends/s, each written atomically (${FLUSHED_APPENDS})`, value: round(flushedPerSecond, 0), unit: 'appends/s', target: { op: '>=', bound: 100 } },
        { name: `appends/s, coalesced (${COALESCED_APPENDS})`, value: round(coalescedPerSecond, 0), unit: 'appends/s', target: { op: '>=', bound: 10_000 } },
        { name: 'local run journal (6 streams, 103 req)', value: round(local, 1), unit: 'KiB', target: { op: '<=', bound: 64 } },
        { name: 'AWS 10-min journal (8 streams, 3,000 req)', value: round(aws, 1), unit: 'KiB', target: { op: '<=', bound: 1024 } },
      ];
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
};
