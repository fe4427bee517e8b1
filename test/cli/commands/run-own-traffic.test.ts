/**
 * `drills run` with a service's own traffic profile (`--traffic`) over the strict fake AWS: the
 * real runner core probes the paths the profile names — POST /v1/chat/completions with its
 * bearer token, GET /v1/models — not the demo's, and the token reaches no evidence.
 */
import { spawn, type ChildProcess } from 'child_process';
import { randomUUID } from 'crypto';
import { EventEmitter } from 'events';
import { promises as fs } from 'fs';
import * as path from 'path';
import { runCommand, type RunDeps } from '../../../lib/cli/commands/run';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';
import { quickAwsDrill } from '../../helpers/quick-aws-drill';
import { freePort } from '../../../lib/runner/local/free-port';

const setup = useFakeAws();
const TOKEN = `sk-aws-${randomUUID()}`;
let gateway: ChildProcess | undefined;
const saved = process.env.API_TOKEN;

afterAll(() => {
  gateway?.kill('SIGKILL');
  if (saved === undefined) delete process.env.API_TOKEN;
  else process.env.API_TOKEN = saved;
});

describe('drills run with the service’s own traffic', () => {
  it('probes the configured paths with the profile’s token and keeps the token out of the evidence', async () => {
    const port = await freePort();
    const calls: string[] = [];
    gateway = spawn(process.execPath, [path.resolve(__dirname, '../../fixtures/services/chat-gateway.js')], {
      env: { ...process.env, PORT: String(port), API_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const listening = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the gateway did not say it started within 30 s')), 30_000);
      gateway!.stdout!.setEncoding('utf8').on('data', (c: string) => {
        calls.push(...c.split('\n').filter((l) => l.includes('"call"')));
        if (c.includes('"msg":"started"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await listening;
    process.env.API_TOKEN = TOKEN;
    const s = await setup({
      serviceUrl: `http://127.0.0.1:${port}`,
      scenario: { initiatingMs: 100, runningMs: 1200, runningDuringFault: 2, datapoints: { RequestCount: [120], HealthyHostCount: [2, 2], RunningTaskCount: [2, 2] } },
    });
    const deps: RunDeps = {
      probe: async () => ({ ok: true, detail: 'stub' }),
      interactive: false,
      signals: new EventEmitter() as never,
      newRunId: () => 'run-own-traffic',
      findDrill: (id) => (id === 'task-stop-drain' ? quickAwsDrill(id, 1) : undefined),
      engineTimings: { poll: { initialMs: 100, maxMs: 300, factor: 1.5 }, recoveryPollMs: 100, runningPollMs: 100, rebalanceSettleMs: 500 },
    };
    const traffic = path.resolve(__dirname, '../../fixtures/traffic/chat-sse.json');
    const code = await runCommand({ drill: 'task-stop-drain', outputs: s.outputs, yes: true, json: true, traffic, out: path.join(s.dir, 'evidence') }, s.io, deps);
    const result = JSON.parse(s.out.join('')) as { verdict: string; runs: { figures: Record<string, number>; evidence: string }[] };
    expect(calls.filter((l) => l.includes('POST /v1/chat/completions') && l.includes('"status":200')).length).toBeGreaterThanOrEqual(3); // preflight, gate, 2 streams
    expect(calls.some((l) => l.includes('GET /v1/models') && l.includes('"status":200'))).toBe(true);
    expect(calls.some((l) => l.includes('/v1/stream'))).toBe(false);
    expect(result.runs[0].figures['streams.clean']).toBe(2);
    // The profile has no jobs: jobs.failed is not judged, with the reason, and nothing was sent for it.
    expect(result.runs[0].figures['jobs.total']).toBeUndefined();
    const journal = await fs.readFile(path.join(result.runs[0].evidence, 'journal.json'), 'utf8');
    expect(journal).not.toContain(TOKEN);
    expect(s.err.join('')).not.toContain(TOKEN);
    expect(code).toBe(0);
  }, 90_000);
});
