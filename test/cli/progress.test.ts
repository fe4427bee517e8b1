/** Progress on stderr: listr2 at a terminal, plain lines elsewhere; stdout never touched. */
import { spawnSync } from 'child_process';
import { Writable } from 'stream';
import { findDrill } from '../../experiments';
import { Output } from '../../lib/cli/output';
import { rehearsalProgress } from '../../lib/cli/progress';
import { recordingIoHost } from '../../lib/cli/recording-io-host';
import { ROOT } from './drills-cli';

const drill = findDrill('task-stop-drain')!;
const run = { drill: drill.id, verdict: 'HELD' as const, figures: { 'streams.total': 6, 'streams.clean': 6, 'streams.broken': 0 }, evidence: 'e' };

/**
 * The start of the scripts that run the built module: a fake terminal stderr collecting what is
 * drawn, and `until(cond)`, which waits (20 ms steps, 10 s at most) for a frame instead of a
 * fixed sleep — listr2 loads its renderer first, slower on a loaded machine.
 */
function prelude(tty: { columns: number; rows: number }): string {
  return `
      const { Writable } = require('stream');
      const { rehearsalProgress } = require('./dist/lib/cli/progress');
      const { Output } = require('./dist/lib/cli/output');
      const recording = (texts) => new Output({ notify: (m) => texts.push(m.text) }, 'rehearse');
      const { findDrill } = require('./dist/experiments');
      let drawn = '';
      const tty = Object.assign(new Writable({ write: (c, _e, done) => ((drawn += c), done()) }), { isTTY: true, columns: ${tty.columns}, rows: ${tty.rows} });
      const until = (cond) => new Promise((resolve) => {
        const t0 = Date.now();
        const tick = () => (cond() || Date.now() - t0 > 10000 ? resolve() : setTimeout(tick, 20));
        tick();
      });`;
}

function terminal(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({ write: (chunk, _enc, done) => ((text += chunk.toString()), done()) }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 160, rows: 40 });
  return { stream, text: () => text };
}

describe('rehearsal progress', () => {
  const saved = { CI: process.env.CI, TERM: process.env.TERM };
  beforeEach(() => {
    delete process.env.CI;
    process.env.TERM = 'xterm';
  });
  afterAll(() => Object.assign(process.env, saved));

  it('writes plain lines to stderr when stderr is not a terminal', async () => {
    const io = recordingIoHost();
    const { stdout: out, stderr: err } = io;
    const progress = rehearsalProgress([drill], new Output(io, 'rehearse'), { stderr: terminal(false).stream });
    progress.drillStarted(drill);
    progress.event(drill.id, { kind: 'fault-injected', atMs: 2500, at: '', detail: 't1' });
    progress.drillEnded(run);
    await progress.close();
    expect(err.join('')).toBe(
      'drills rehearse: task-stop-drain: Cooperative task stop drains in-flight streams\n' +
        '[task-stop-drain +2.5s] fault-injected — t1\n' +
        'drills rehearse: task-stop-drain: HELD — streams 6/6 clean, 0 broken\n',
    );
    expect(out).toEqual([]);
  });

  it('writes a notice as a plain line when stderr is not a terminal', async () => {
    const io = recordingIoHost();
    const err = io.stderr;
    const progress = rehearsalProgress([drill], new Output(io, 'rehearse'), { stderr: terminal(false).stream });
    progress.drillStarted(drill);
    progress.notice('SIGINT: aborting');
    await progress.close();
    expect(err).toContain('drills rehearse: SIGINT: aborting\n');
  });

  // listr2's renderer loads ESM modules with import(), which Jest's CommonJS runtime cannot do:
  // this case runs the built module (npm run build) in a plain node process.
  it('draws listr2 tasks on a terminal stderr, with the verdict in the title, and nothing through io', () => {
    const script = `${prelude({ columns: 160, rows: 40 })}
      const io = [];
      const drill = findDrill('task-stop-drain');
      const progress = rehearsalProgress([drill, findDrill('az-outage')], recording(io), { stderr: tty });
      progress.drillStarted(drill);
      progress.event(drill.id, { kind: 'warmup-done', atMs: 1500, at: '' });
      until(() => drawn.includes('warmup-done')).then(async () => {
        const early = drawn;
        progress.drillEnded(${JSON.stringify(run)});
        await progress.close(); // az-outage never started: the operator aborted
        process.stdout.write(JSON.stringify({ early, drawn, io }));
      });`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, CI: '', TERM: 'xterm' } });
    expect(r.stderr).toBe('');
    const { early, drawn, io } = JSON.parse(r.stdout) as { early: string; drawn: string; io: string[] };
    expect(early).toContain('[task-stop-drain +1.5s] warmup-done');
    expect(drawn).toContain('task-stop-drain: HELD — streams 6/6 clean, 0 broken');
    expect(drawn).toContain('az-outage: not run (aborted)');
    // eslint-disable-next-line no-control-regex -- terminal escape sequences start with ESC
    expect(drawn).toMatch(/\u001b\[/); // a terminal renderer, with escape sequences
    expect(io).toEqual([]);
  });

  // Same reason as above: the built module in a plain node process.
  it('draws a VIOLATED drill as failed, keeps a notice under it, and prints the notice once drawing ends', () => {
    const script = `${prelude({ columns: 160, rows: 40 })}
      const io = [];
      const drill = findDrill('task-stop-drain');
      const progress = rehearsalProgress([drill], recording(io), { stderr: tty });
      progress.notice('SIGINT: aborting the current drill'); // before listr2 started the task
      until(() => drawn.includes('aborting the current drill')).then(async () => {
        const early = drawn;
        const ioEarly = [...io];
        progress.drillEnded(${JSON.stringify({ ...run, verdict: 'VIOLATED' })});
        await progress.close();
        process.stdout.write(JSON.stringify({ early, ioEarly, drawn, io }));
      });`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, CI: '', TERM: 'xterm' } });
    expect(r.stderr).toBe('');
    const { early, ioEarly, drawn, io } = JSON.parse(r.stdout) as { early: string; ioEarly: string[]; drawn: string; io: string[] };
    expect(early).toContain('SIGINT: aborting the current drill');
    expect(ioEarly).toEqual([]); // nothing written between the frames
    expect(drawn).toContain('\u2716 task-stop-drain: VIOLATED'); // ✖, a failed task
    expect(io).toEqual(['drills rehearse: SIGINT: aborting the current drill\n']);
  });

  it('gives the terminal back its cursor and prints held-back notices when the process exits mid-drawing', () => {
    const script = `${prelude({ columns: 160, rows: 40 })}
      const io = [];
      const progress = rehearsalProgress([findDrill('task-stop-drain')], recording(io), { stderr: tty });
      until(() => drawn.includes('task-stop-drain')).then(() => {
        progress.notice('second SIGINT: forcing exit');
        process.once('exit', () => process.stdout.write(JSON.stringify({ drawn, io })));
        process.exit(3);
      });`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, CI: '', TERM: 'xterm' } });
    expect(r.status).toBe(3);
    const { drawn, io } = JSON.parse(r.stdout) as { drawn: string; io: string[] };
    expect(drawn).toContain('\u001b[?25l'); // listr2 hid the cursor while drawing…
    expect(drawn.endsWith('\u001b[?25h')).toBe(true); // …and it is shown again at exit
    expect(io).toEqual(['drills rehearse: second SIGINT: forcing exit\n']);
  });

  // The built module again. stdout is a pipe here, so listr2 alone would wrap at 80 columns.
  it.each([
    { columns: 0, rows: 0, widest: 80 }, // a pty nobody sized (script, some CI shells): 80 × 24, not one character a line
    { columns: 50, rows: 40, widest: 50 }, // a narrow terminal: wrapped at its width, so the redraw counts lines right
  ])('wraps the drawing at stderr’s width ($columns columns reported)', ({ columns, rows, widest }) => {
    const script = `${prelude({ columns, rows })}
      const drill = findDrill('task-stop-drain');
      const progress = rehearsalProgress([drill], recording([]), { stderr: tty });
      progress.event(drill.id, { kind: 'task-started', atMs: 100, at: '', task: 't2-zone-b', zone: 'zone-b', detail: 'pid 1202, port 42235, a detail long enough to need a second line' });
      until(() => drawn.includes('task-started')).then(async () => {
        progress.drillEnded(${JSON.stringify(run)});
        await progress.close();
        process.stdout.write(JSON.stringify({ drawn }));
      });`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, CI: '', TERM: 'xterm' } });
    expect(r.stderr).toBe('');
    const { drawn } = JSON.parse(r.stdout) as { drawn: string };
    const lines = drawn
      // eslint-disable-next-line no-control-regex -- terminal escape sequences start with ESC
      .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '') // escape sequences take no room
      .split(/\r?\n/);
    expect(drawn).toContain('[task-stop-drain +0.1s] task-started');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(widest);
    expect(lines.some((l) => [...l].length > widest - 10)).toBe(true); // lines fill the width, they are not cut short
  });

  it('keeps plain lines with --json even at a terminal', async () => {
    const io = recordingIoHost();
    const err = io.stderr;
    const tty = terminal(true);
    const progress = rehearsalProgress([drill], new Output(io, 'rehearse', { json: true }), { stderr: tty.stream });
    progress.drillEnded(run);
    await progress.close();
    expect(err.join('')).toContain('HELD');
    expect(tty.text()).toBe('');
  });
});
