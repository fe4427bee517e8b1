/**
 * `cdk synth` of 20 services × 3 drills (managed and existing mixed, guardrails and cdk-nag
 * applied, bench/scale-app.ts) against 20 bare ALB-fronted Fargate services (bench/bare-scale-app.ts),
 * alternated, offline, into temporary folders; then the largest template's resources and outputs
 * against CloudFormation's limits (lib/stacks/stack-limits.ts). SCALE_RUNS sets the runs (default 2).
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MAX_OUTPUTS_PER_STACK, MAX_RESOURCES_PER_STACK } from '../lib/stacks/stack-limits';
import { cdkSynth } from './cdk-synth';
import { round, type Benchmark } from './types';

const SERVICES = 20;
const TIMEOUT_MS = 900_000;

/** The largest resource and output counts over the templates in `out`, and how many templates. */
async function largestTemplate(out: string): Promise<{ stacks: number; resources: number; outputs: number }> {
  const files = (await fs.readdir(out)).filter((f) => f.endsWith('.template.json'));
  let resources = 0;
  let outputs = 0;
  for (const f of files) {
    const t = JSON.parse(await fs.readFile(path.join(out, f), 'utf8')) as { Resources?: object; Outputs?: object };
    resources = Math.max(resources, Object.keys(t.Resources ?? {}).length);
    outputs = Math.max(outputs, Object.keys(t.Outputs ?? {}).length);
  }
  return { stacks: files.length, resources, outputs };
}

async function timed(app: string): Promise<{ seconds: number; largest: Awaited<ReturnType<typeof largestTemplate>> }> {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-scale-'));
  try {
    const seconds = await cdkSynth(out, app, TIMEOUT_MS, { SCALE_SERVICES: String(SERVICES) });
    return { seconds, largest: await largestTemplate(out) };
  } finally {
    await fs.rm(out, { recursive: true, force: true });
  }
}

export const scaleSynthBench: Benchmark = {
  name: 'scale-synth',
  run: async () => {
    const runs = Number(process.env.SCALE_RUNS ?? 2);
    const bare: number[] = [];
    const ours: number[] = [];
    let largest = { stacks: 0, resources: 0, outputs: 0 };
    for (let i = 0; i < runs; i += 1) {
      bare.push((await timed('npx ts-node --transpile-only bench/bare-scale-app.ts')).seconds);
      const o = await timed('npx ts-node --transpile-only bench/scale-app.ts');
      ours.push(o.seconds);
      largest = o.largest;
    }
    const list = (xs: number[]) => xs.map((s) => round(s, 1)).join(', ');
    const fastest = (xs: number[]) => Math.min(...xs);
    return [
      { name: `${SERVICES} bare Fargate services synth (fastest of ${runs})`, value: round(fastest(bare), 1), unit: `s (${list(bare)})` },
      { name: `${SERVICES} services × 3 drills synth (fastest of ${runs})`, value: round(fastest(ours), 1), unit: `s (${list(ours)}; ${largest.stacks} stacks)` },
      { name: 'services app / bare (fastest each)', value: round(fastest(ours) / fastest(bare), 2), unit: '×', target: { op: '<=', bound: 2 } },
      { name: 'largest stack: resources', value: largest.resources, unit: `(CloudFormation: ${MAX_RESOURCES_PER_STACK})`, target: { op: '<=', bound: MAX_RESOURCES_PER_STACK } },
      { name: 'largest stack: outputs', value: largest.outputs, unit: `(CloudFormation: ${MAX_OUTPUTS_PER_STACK})`, target: { op: '<=', bound: MAX_OUTPUTS_PER_STACK } },
    ];
  },
};
