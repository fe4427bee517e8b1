import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JOURNAL_SCHEMA } from '../../lib/contract';
import { isJournal, type JournalHeader } from '../../lib/runner/journal';
import { JournalWriter } from '../../lib/runner/journal-writer';
import taskStopDrain from '../../experiments/task-stop-drain';

const header = (): JournalHeader => ({
  runId: 'r1',
  mode: 'local',
  drill: { id: taskStopDrain.id, title: taskStopDrain.title, hypothesis: taskStopDrain.hypothesis, fault: taskStopDrain.fault, expect: taskStopDrain.expect, file: taskStopDrain.file },
  settings: {},
  target: {},
  startedAt: new Date(0).toISOString(),
});

describe('JournalWriter', () => {
  let dir: string;
  beforeEach(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'journal-'))));
  afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

  it('writes the header at once with the schema, so a crash keeps the run', async () => {
    const w = await JournalWriter.create(dir, header());
    const j = JSON.parse(await fs.readFile(w.file, 'utf8')) as unknown;
    expect(isJournal(j)).toBe(true);
    expect((j as { schema: string }).schema).toBe(JOURNAL_SCHEMA);
  });

  it('rewrites the journal with events on flush and leaves no temporary file', async () => {
    const w = await JournalWriter.create(dir, header());
    w.event({ atMs: 1, at: new Date(1).toISOString(), kind: 'note', detail: 'x' });
    await w.flush();
    const j = JSON.parse(await fs.readFile(w.file, 'utf8')) as { timeline: unknown[] };
    expect(j.timeline).toHaveLength(1);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
