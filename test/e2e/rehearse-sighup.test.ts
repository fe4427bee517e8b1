/**
 * End to end through the built CLI (`node dist/bin/drills.js`, never npm: npm itself exits on a
 * signal at once): SIGHUP — the terminal closed, the SSH session dropped — is handled like
 * SIGTERM, a terminal or pipe that is gone does not kill the stop, and the abort ends the
 * recovery wait at once. After each run: a finished journal saying ABORTED, exit 3, and no
 * process that carries the run's marker alive.
 */
import { spawn } from 'child_process';
import { randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { drills, DRILLS_JS, evidenceFolder, ROOT } from '../cli/drills-cli';
import { expectOrder } from '../helpers/expect-order';
import { pollUntil, survivorsOf } from '../helpers/run-processes';

jest.setTimeout(120_000);
const MARKER = 'DRILLS_E2E_SIGHUP';
/** The replacement task starts 10 s after the fault, so the signal lands while recovery is awaited. */
const SLOW_REPLACEMENT = ['--launch-delay-ms', '10000'];

const out = evidenceFolder('e2e-sighup-');

function rehearse(args: readonly string[]) {
  const marker = randomUUID();
  const dir = path.join(out(), marker);
  const run = drills(['rehearse', 'task-stop-drain', '--out', dir, ...args], 90_000, { [MARKER]: marker });
  let stderr = '';
  run.child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return { ...run, marker, dir, stderrShows: (text: string) => pollUntil(() => stderr.includes(text), 60_000) };
}

/** The run's journal once the CLI has exited. */
async function journalIn(dir: string): Promise<{ endedAt?: string; judgement?: { verdict: string }; timeline: { kind: string; atMs: number }[] }> {
  const drillDir = path.join(dir, 'task-stop-drain');
  const [runId] = await fs.readdir(drillDir);
  return JSON.parse(await fs.readFile(path.join(drillDir, runId, 'journal.json'), 'utf8'));
}

/**
 * Milliseconds from the abort to the run's end (fleet closed), on the runner's own clock in the
 * journal. The abort ends the recovery wait: it used to go on to the drill's 30 s bound (~28 s
 * after the abort). Timed here, not from the signal to the process's exit: writing the evidence
 * after the run ended is CPU work that two loaded cores stretched from about 1 s to 8–15 s.
 */
function abortToEndMs(journal: { timeline: { kind: string; atMs: number }[] }): number {
  expectOrder(
    journal.timeline.map((e) => e.kind),
    'aborted',
    'run-ended',
  );
  const at = (kind: string) => journal.timeline.find((e) => e.kind === kind)?.atMs as number;
  return at('run-ended') - at('aborted');
}

describe('drills rehearse interrupted mid-drill', () => {
  it.each(['SIGHUP', 'SIGINT'] as const)('on %s aborts the drill, ends it within 5 s, finishes its journal as ABORTED and exits 3, leaving nothing', async (name) => {
    const run = rehearse(SLOW_REPLACEMENT);
    expect(await run.stderrShows('fault-injected')).toBe(true);
    process.kill(run.child.pid as number, name);
    const { code, stderr } = await run.done;
    expect(code).toBe(3);
    expect(stderr).toContain(`${name}: aborting`);
    const journal = await journalIn(run.dir);
    expect(journal.judgement?.verdict).toBe('ABORTED');
    expect(journal.endedAt).toEqual(expect.any(String));
    expectOrder(
      journal.timeline.map((e) => e.kind),
      'fault-injected',
      'aborted',
    );
    expect(abortToEndMs(journal)).toBeLessThan(5000);
    expect(await survivorsOf(MARKER, run.marker)).toEqual([]);
  });

  it('keeps stopping when stdout and stderr are gone (EPIPE): evidence written, exit 3, nothing left', async () => {
    const run = rehearse(SLOW_REPLACEMENT);
    expect(await run.stderrShows('fault-injected')).toBe(true);
    // The reader of both pipes goes away, as a closed terminal's would: every write now fails.
    run.child.stdout?.destroy();
    run.child.stderr?.destroy();
    const exited = new Promise<number | null>((resolve) => run.child.on('exit', (code) => resolve(code)));
    process.kill(run.child.pid as number, 'SIGHUP');
    expect(await exited).toBe(3);
    const journal = await journalIn(run.dir);
    expect(journal.judgement?.verdict).toBe('ABORTED');
    expect(journal.endedAt).toEqual(expect.any(String));
    expect(await survivorsOf(MARKER, run.marker)).toEqual([]);
  });

  it('a second SIGHUP (the shell passes one on, the session ending sends another) does not cut the evidence short', async () => {
    // A service that ignores SIGTERM keeps the clean-up busy until its 3 s stopTimeout.
    const run = rehearse(['--command', 'node test/fixtures/services/ignores-sigterm.js', '--stop-timeout', '3', '--drain-timeout-ms', '2000', '--longest-request', '1', ...SLOW_REPLACEMENT]);
    expect(await run.stderrShows('fault-injected')).toBe(true);
    process.kill(run.child.pid as number, 'SIGHUP');
    await new Promise((r) => setTimeout(r, 600)); // apart by more than rehearse's 0.3 s echo window
    process.kill(run.child.pid as number, 'SIGHUP');
    const { code, stderr } = await run.done;
    expect(code).toBe(3);
    expect(stderr).toContain('SIGHUP again');
    expect(stderr).not.toContain('forcing exit');
    const journal = await journalIn(run.dir);
    expect(journal.judgement?.verdict).toBe('ABORTED');
    expect(journal.endedAt).toEqual(expect.any(String));
    expect(await survivorsOf(MARKER, run.marker)).toEqual([]);
  });

  it('survives its terminal closing (a real pty hung up: SIGHUP, then EIO on every write): ABORTED journal, exit 3, nothing left', async () => {
    const marker = randomUUID();
    const dir = path.join(out(), marker);
    // test/helpers/closing-terminal.py runs the CLI as the session leader of a fresh pty, with
    // listr2 drawing on it, and closes the pty once the fault is in.
    const helper = spawn(
      'python3',
      [path.join(__dirname, '../helpers/closing-terminal.py'), 'fault-injected', process.execPath, DRILLS_JS, 'rehearse', 'task-stop-drain', '--out', dir, ...SLOW_REPLACEMENT],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, [MARKER]: marker, CI: '', TERM: 'xterm' },
      },
    );
    let report = '';
    helper.stdout.on('data', (c: Buffer) => (report += c.toString()));
    await new Promise((resolve) => helper.on('close', resolve));
    // Before: killed by the hang-up (129), or Node's own abort at exit on the EIO (134).
    expect(JSON.parse(report)).toMatchObject({ triggered: true, code: 3 });
    const journal = await journalIn(dir);
    expect(journal.judgement?.verdict).toBe('ABORTED');
    expect(abortToEndMs(journal)).toBeLessThan(5000);
    expect(journal.endedAt).toEqual(expect.any(String));
    expect(await survivorsOf(MARKER, marker)).toEqual([]);
  });
});
