/**
 * `cdk synth` of this app (two stacks, guardrails and cdk-nag applied) against a bare
 * ALB-fronted Fargate app, each 3 times, offline, into temporary folders.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cdkSynth } from './cdk-synth';
import { percentile, round, type Benchmark } from './types';

const RUNS = 3;
const TIMEOUT_MS = 90_000;

async function timedSynth(app: string | undefined): Promise<number> {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    return await cdkSynth(out, app, TIMEOUT_MS);
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
