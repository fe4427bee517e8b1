import { spawn } from 'child_process';
import * as path from 'path';
import { killTree, track } from './children';

const ROOT = path.resolve(__dirname, '../..');

/**
 * One `npx cdk synth -q` of `app` (this repo's app when undefined) into `out`, in its own process
 * group, killed after `timeoutMs`. Resolves the wall time in seconds; rejects with the exit code or
 * signal and the last lines of stderr.
 */
export function cdkSynth(out: string, app: string | undefined, timeoutMs: number, env: Record<string, string> = {}): Promise<number> {
  const args = ['cdk', 'synth', '-q', '--no-notices', '-o', out, ...(app ? ['--app', app] : [])];
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    // Telemetry off: the CLI would otherwise start a detached sender that posts to AWS after the
    // synth exits, outside the process group the bench stops, and the bench talks to 127.0.0.1 only.
    const childEnv = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', ...env };
    const child = track(spawn('npx', args, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'], detached: true }));
    let err = '';
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (err = (err + c).slice(-2000)));
    const timer = setTimeout(() => killTree(child), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(Number(process.hrtime.bigint() - t0) / 1e9);
      reject(new Error(`cdk synth ${app ?? '(this app)'} ended with ${signal ?? code}${signal ? ` (timeout ${timeoutMs} ms)` : ''}: ${err.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}
