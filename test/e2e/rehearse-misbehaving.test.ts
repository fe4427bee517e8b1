/**
 * End to end, through the built CLI: services that do not drain make task-stop-drain VIOLATED,
 * bad start commands fail clearly, two rehearsals run side by side, a second signal still
 * cleans up — and after every run no process that carries the run's marker is alive.
 */
import { randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { drills, evidenceFolder, processesWithEnv, type RehearseSummary } from '../cli/drills-cli';
import { markedProcessesRunning, pollUntil, survivorsOf } from '../helpers/run-processes';

jest.setTimeout(150_000);
const MARKER = 'DRILLS_E2E_MARKER';
const SHORT_STOP = ['--stop-timeout', '3', '--drain-timeout-ms', '2000', '--longest-request', '1'];

const out = evidenceFolder('e2e-misbehaving-');

/** Starts a rehearsal whose every process carries a fresh marker in its environment. */
function rehearse(args: readonly string[]) {
  const marker = randomUUID();
  const run = drills(['rehearse', ...args], 120_000, { [MARKER]: marker });
  return { ...run, marker };
}

describe('task-stop-drain on services that do not drain', () => {
  // A SIGTERM-ignoring service and a shell wrapper that does not exec: rehearse-leftovers.test.ts.
  it.each([['exits at once on SIGTERM', 'node test/fixtures/services/exits-at-once.js']])('is VIOLATED when the service %s, and nothing of it survives', async (_name, command) => {
    const run = rehearse(['task-stop-drain', '--json', '--out', out(), '--command', command, ...SHORT_STOP]);
    const { code, stdout } = await run.done;
    const result = JSON.parse(stdout) as RehearseSummary;
    expect(result.verdict).toBe('VIOLATED');
    expect(result.runs[0].figures['streams.broken']).toBeGreaterThan(0);
    expect(code).toBe(1);
    expect(await survivorsOf(MARKER, run.marker)).toEqual([]);
  });
});

describe('start commands that cannot serve', () => {
  it('fails with ERROR (exit 5) when the service listens but never becomes healthy, leaving nothing', async () => {
    const run = rehearse(['task-stop-drain', '--out', out(), '--command', 'node test/fixtures/services/never-healthy.js']);
    const { code, stderr } = await run.done;
    expect(code).toBe(5);
    expect(stderr).toContain('did not come up (never-healthy)');
    expect(await survivorsOf(MARKER, run.marker)).toEqual([]);
  });
});

describe('side by side', () => {
  it('runs two rehearsals at the same time, each to its verdict and evidence', async () => {
    const a = rehearse(['task-stop-drain', '--json', '--out', path.join(out(), 'a')]);
    const b = rehearse(['task-stop-drain', '--json', '--out', path.join(out(), 'b')]);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    for (const [r, dir] of [
      [ra, 'a'],
      [rb, 'b'],
    ] as const) {
      const result = JSON.parse(r.stdout) as RehearseSummary;
      expect(result.runs[0].evidence.startsWith(path.join(out(), dir))).toBe(true);
      await expect(fs.stat(path.join(result.runs[0].evidence, 'journal.json'))).resolves.toBeDefined();
      // Both share the machine's two cores; the drill itself must still hold on each.
      expect(result.verdict).toBe('HELD');
      expect(r.code).toBe(0);
    }
    expect(await survivorsOf(MARKER, a.marker)).toEqual([]);
    expect(await survivorsOf(MARKER, b.marker)).toEqual([]);
  });
});

describe('signals', () => {
  it.each([
    ['SIGINT to the process group (Ctrl-C)', (pid: number) => process.kill(-pid, 'SIGINT')],
    ['SIGTERM to the CLI alone', (pid: number) => process.kill(pid, 'SIGTERM')],
  ])('after %s, no task process survives', async (_name, send) => {
    const run = rehearse(['task-stop-drain', '--out', out()]);
    // Both demo tasks up before the signal, so "no survivor" below is about processes that lived.
    expect(await pollUntil(() => markedProcessesRunning(MARKER, run.marker, 'service/dist/server.js').length === 2, 30_000)).toBe(true);
    expect(processesWithEnv(MARKER, run.marker).length).toBeGreaterThan(2); // the scan sees the CLI and its tasks
    send(run.child.pid as number);
    const { code } = await run.done;
    expect(code).toBe(3);
    expect(await survivorsOf(MARKER, run.marker)).toEqual([]);
  });
  // A second signal during clean-up: rehearse-leftovers.test.ts.
});
