/**
 * `cdk synth` of this app (two stacks, guardrails and cdk-nag applied) against a bare
 * ALB-fronted Fargate app, each 3 times, offline, into temporary folders.
 */
import { spawn } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { killTree, track } from './children';
import { percentile, round, type Benchmark } from './types';

const ROOT = path.resolve(__dirname, '../..');
const RUNS = 3;
const TIMEOUT_MS = 90_000;

/** One `npx cdk synth` in its own process group (npx → cdk → ts-node), killed whole on timeout. */
function synthOnce(out: string, app: string | undefined): Promise<number> {
  const args = ['cdk', 'synth', '-q', '--no-notices', '-o', out, ...(app ? ['--app', app] : [])];
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    // Telemetry off: the CLI would otherwise start a detached sender that posts to AWS after the
    // synth exits, outside the process group the bench stops, and the bench talks to 127.0.0.1 only.
    const env = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' };
    const child = track(spawn('npx', args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true }));
    let err = '';
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (err = (err + c).slice(-2000)));
    const timer = setTimeout(() => killTree(child), TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(Number(process.hrtime.bigint() - t0) / 1e9);
      reject(new Error(`cdk synth ${app ?? '(this app)'} ended with ${signal ?? code}${signal ? ` (timeout ${TIMEOUT_MS} ms)` : ''}: ${err.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}

async function timedSynth(app: string | undefined): Promise<number> {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    return await synthOnce(out, app);
  } finally {
    await fs.rm(out, { recursive: true, force: true });
  }
}

export const synthBench: Benchmark = {
  name: 'synth',
  run: async () => {
    // Both run through npx ts-node without type-checking (the bare app by flag, ours by swc in tsconfig).
    // Alternated, so a burst of load from elsewhere on the machine hits both apps alike.
    const bare: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      bare.push(await timedSynth('npx ts-node --transpile-only bench/bare-app.ts'));
      ours.push(await timedSynth(undefined));
    }
    const median = (xs: number[]) => round(percentile(xs, 50), 2);
    // Noise on a shared machine only ever adds time, so the fastest run of each is the fairest pair.
    const fastest = (xs: number[]) => Math.min(...xs);
    const list = (xs: number[]) => xs.map((s) => round(s, 1)).join(', ');
    return [
      { name: 'bare Fargate app synth (median of 3)', value: median(bare), unit: `s (${list(bare)})` },
      { name: 'this app synth (median of 3)', value: median(ours), unit: `s (${list(ours)})` },
      // Within +50 % of the bare app is what a CDK user would not notice as a cost of the guardrails.
      { name: 'this app / bare (fastest of 3 each)', value: round(fastest(ours) / fastest(bare), 2), unit: '×', target: { op: '<=', bound: 1.5 } },
    ];
  },
};
