/**
 * `npm run bench [-- --only <name>]`: every benchmark in turn, a table of figures against their
 * targets, the results in evidence/bench/latest.json; exit 1 when a target is missed.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { stopChildrenOnExit } from './children';
import { journalBench } from './journal.bench';
import { loadBalancerBench } from './load-balancer.bench';
import { probeBench } from './probe.bench';
import { synthBench } from './synth.bench';
import { met, type Benchmark, type Measurement } from './types';

const BENCHMARKS: readonly Benchmark[] = [loadBalancerBench, probeBench, journalBench, synthBench];

function selected(argv: readonly string[]): readonly Benchmark[] {
  const at = argv.indexOf('--only');
  if (at < 0) return BENCHMARKS;
  const name = argv[at + 1];
  const found = BENCHMARKS.filter((b) => b.name === name);
  if (found.length === 0) throw new Error(`--only: unknown benchmark '${name ?? ''}' (known: ${BENCHMARKS.map((b) => b.name).join(', ')})`);
  return found;
}

function row(bench: string, m: Measurement): string {
  const ok = met(m);
  const target = m.target ? `${m.target.op} ${m.target.bound}` : '';
  return [bench.padEnd(14), m.name.padEnd(38), String(m.value).padStart(10), m.unit.padEnd(28), target.padEnd(12), ok === undefined ? '' : ok ? 'PASS' : 'FAIL'].join(' ');
}

async function main(): Promise<number> {
  stopChildrenOnExit();
  const results: { bench: string; seconds: number; measurements: Measurement[] }[] = [];
  for (const bench of selected(process.argv.slice(2))) {
    process.stderr.write(`bench: ${bench.name} …\n`);
    const t0 = Date.now();
    const measurements = await bench.run();
    results.push({ bench: bench.name, seconds: (Date.now() - t0) / 1000, measurements });
    for (const m of measurements) process.stdout.write(`${row(bench.name, m)}\n`);
  }
  const file = path.resolve(__dirname, '../../evidence/bench/latest.json');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
  const missed = results.flatMap((r) => r.measurements.filter((m) => met(m) === false).map((m) => `${r.bench}: ${m.name}`));
  process.stdout.write(`\n${missed.length === 0 ? 'every target met' : `missed: ${missed.join('; ')}`}; results in ${path.relative(process.cwd(), file)}\n`);
  return missed.length === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
