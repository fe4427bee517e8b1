/**
 * `cdk synth` of this app (two stacks, guardrails and cdk-nag applied) against a bare
 * ALB-fronted Fargate app, each 3 times, offline, into temporary folders.
 */
import { execFileSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { percentile, round, type Benchmark } from './types';

const ROOT = path.resolve(__dirname, '../..');
const RUNS = 3;

async function timeSynth(app: string | undefined): Promise<number[]> {
  const seconds: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-synth-'));
    try {
      const args = ['cdk', 'synth', '-q', '--no-notices', '-o', out, ...(app ? ['--app', app] : [])];
      const t0 = process.hrtime.bigint();
      execFileSync('npx', args, { cwd: ROOT, stdio: 'ignore', timeout: 120_000 });
      seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
    } finally {
      await fs.rm(out, { recursive: true, force: true });
    }
  }
  return seconds;
}

export const synthBench: Benchmark = {
  name: 'synth',
  run: async () => {
    const bare = await timeSynth('npx ts-node --transpile-only bench/bare-app.ts');
    const ours = await timeSynth(undefined);
    const median = (xs: number[]) => round(percentile(xs, 50), 2);
    return [
      { name: 'bare Fargate app synth (median of 3)', value: median(bare), unit: `s (${bare.map((s) => round(s, 1)).join(', ')})` },
      // Ours type-checks through ts-node, builds two stacks and runs two rule packs: within
      // +50 % of the bare app (what a CDK user would notice) is the target.
      { name: 'this app synth (median of 3)', value: median(ours), unit: `s (${ours.map((s) => round(s, 1)).join(', ')})`, target: { op: '<=', bound: round(median(bare) * 1.5, 2) } },
    ];
  },
};
