import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Drill } from '../../../lib/drill';
import { runDrill } from '../../../lib/runner/run-drill';
import { timelineRelay } from '../../../lib/runner/timeline-relay';
import { resolveTraffic } from '../../../lib/traffic';
import { EngineHarness, drillWith, fixtureCommand } from './harness';

jest.setTimeout(30_000);
const h = new EngineHarness();
let out: string;
beforeEach(async () => (out = await fs.mkdtemp(path.join(os.tmpdir(), 'not-recovered-'))));
afterEach(async () => {
  await h.closeAll();
  await fs.rm(out, { recursive: true, force: true });
});

const base = drillWith({ kind: 'stop-task', targets: { count: 1 } });
const drill: Drill = {
  ...base,
  probe: { ...base.probe, local: { streams: { count: 2 }, requests: { perSecond: 10 }, jobs: { count: 0 }, warmup: 'PT0.5S', recoveryTimeout: 'PT4S' } },
  expect: [{ figure: 'recovery.seconds', op: '<=', bound: { aws: 180, local: 20 } }],
};

const traffic = resolveTraffic({ streams: { path: '/v1/stream?tokens=4&intervalMs=100&ttftMs=0', done: '[DONE]' }, requests: { path: '/' } }, {}, 'test');

describe('a service whose replacements never become healthy', () => {
  test('fails with VIOLATED, recovery.seconds censored at the bound with what each task answered, never "not judged"', async () => {
    const timeline = timelineRelay();
    const engine = h.create({ command: fixtureCommand('replacements-never-healthy'), onEvent: timeline.sink });
    const result = await runDrill({ traffic, drill, engine, outRoot: out, timeline });
    expect(result.verdict).toBe('VIOLATED');
    expect(result.judgement.notJudged).toEqual([]);
    expect(result.figures['recovery.seconds']).toBeUndefined();
    const reason = result.judgement.reasons.find((r) => r.startsWith('recovery.seconds'));
    expect(reason).toMatch(
      /^recovery\.seconds > 4(\.\d)? breaks <= 20: not recovered within 4 s \(running 2\/2, healthy 1\/2; GET \/healthz answered t([3-9]|\d\d+)-zone-a: (503|connection refused)\); \d+ task\(s\) replaced by the container health check/,
    );
  });
});
