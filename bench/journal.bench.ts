/** The journal writer: timeline appends per second (each schedules an atomic rewrite) and file size. */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { catalogue } from '../experiments';
import { JournalWriter } from '../lib/runner/journal-writer';
import type { StreamSample, RequestSample } from '../lib/runner/samples';
import { round, type Benchmark } from './types';

const EVENTS = 20_000;

export const journalBench: Benchmark = {
  name: 'journal',
  run: async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-journal-'));
    try {
      const { id, title, hypothesis, fault, expect, file } = catalogue[0];
      const writer = await JournalWriter.create(dir, { runId: 'bench', mode: 'local', drill: { id, title, hypothesis, fault, expect, file }, settings: {}, target: {}, startedAt: new Date().toISOString() });
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < EVENTS; i += 1) writer.event({ kind: 'note', atMs: i, at: new Date().toISOString(), detail: `event ${i}` });
      await writer.flush();
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      await fs.rm(dir, { recursive: true, force: true });

      // A typical local run: 6 streams, ~100 requests, ~25 timeline events (what npm start writes).
      const typical = await JournalWriter.create(dir, { runId: 'typical', mode: 'local', drill: { id, title, hypothesis, fault, expect, file }, settings: {}, target: {}, startedAt: new Date().toISOString() });
      for (let i = 0; i < 25; i += 1) typical.event({ kind: 'note', atMs: i * 100, at: new Date().toISOString(), detail: 'a timeline event' });
      const streams: StreamSample[] = Array.from({ length: 6 }, (_, i) => ({ id: i, startedAtMs: 1000, firstEventAtMs: 1300, endedAtMs: 6300, events: 25, bytes: 2100, task: 't1-zone-a', zone: 'zone-a', status: 200, outcome: 'clean' }));
      const requests: RequestSample[] = Array.from({ length: 100 }, (_, i) => ({ atMs: 1000 + i * 50, latencyMs: 2, status: 200, task: 't1-zone-a' }));
      typical.samples({ streams, requests });
      await typical.flush();
      const bytes = (await fs.stat(typical.file)).size;
      return [
        { name: `timeline appends (${EVENTS}) per second`, value: round(EVENTS / seconds, 0), unit: 'events/s', target: { op: '>=', bound: 10_000 } },
        { name: 'typical local journal size', value: round(bytes / 1024, 1), unit: 'KiB', target: { op: '<=', bound: 256 } },
      ];
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
};
