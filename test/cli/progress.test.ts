/** Progress on stderr: listr2 at a terminal, plain lines elsewhere; stdout never touched. */
import { spawnSync } from 'child_process';
import { Writable } from 'stream';
import { findDrill } from '../../experiments';
import { rehearsalProgress } from '../../lib/cli/progress';
import { ROOT } from './drills-cli';

const drill = findDrill('task-stop-drain')!;
const run = { drill: drill.id, verdict: 'HELD' as const, figures: { 'streams.total': 6, 'streams.clean': 6, 'streams.broken': 0 }, evidence: 'e' };

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
    const out: string[] = [];
    const err: string[] = [];
    const progress = rehearsalProgress([drill], { out: (t) => out.push(t), err: (t) => err.push(t) }, { stderr: terminal(false).stream });
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

  // listr2's renderer loads ESM modules with import(), which Jest's CommonJS runtime cannot do:
  // this case runs the built module (npm run build) in a plain node process.
  it('draws listr2 tasks on a terminal stderr, with the verdict in the title, and nothing through io', () => {
    const script = `
      const { Writable } = require('stream');
      const { rehearsalProgress } = require('./dist/lib/cli/progress');
      const { findDrill } = require('./dist/experiments');
      let drawn = '';
      const tty = Object.assign(new Writable({ write: (c, _e, done) => ((drawn += c), done()) }), { isTTY: true, columns: 160, rows: 40 });
      const io = [];
      const drill = findDrill('task-stop-drain');
      const progress = rehearsalProgress([drill, findDrill('az-outage')], { out: (t) => io.push(t), err: (t) => io.push(t) }, { stderr: tty });
      progress.drillStarted(drill);
      progress.event(drill.id, { kind: 'warmup-done', atMs: 1500, at: '' });
      setTimeout(async () => {
        const early = drawn;
        progress.drillEnded(${JSON.stringify(run)});
        await progress.close(); // az-outage never started: the operator aborted
        process.stdout.write(JSON.stringify({ early, drawn, io }));
      }, 400);`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, CI: '', TERM: 'xterm' } });
    expect(r.stderr).toBe('');
    const { early, drawn, io } = JSON.parse(r.stdout) as { early: string; drawn: string; io: string[] };
    expect(early).toContain('[task-stop-drain +1.5s] warmup-done');
    expect(drawn).toContain('task-stop-drain: HELD — streams 6/6 clean, 0 broken');
    expect(drawn).toContain('az-outage: not run (aborted)');
    expect(drawn).toMatch(/\u001b\[/); // a terminal renderer, with escape sequences
    expect(io).toEqual([]);
  });

  it('keeps plain lines with --json even at a terminal', async () => {
    const err: string[] = [];
    const tty = terminal(true);
    const progress = rehearsalProgress([drill], { out: () => undefined, err: (t) => err.push(t) }, { stderr: tty.stream, json: true });
    progress.drillEnded(run);
    await progress.close();
    expect(err.join('')).toContain('HELD');
    expect(tty.text()).toBe('');
  });
});
