/**
 * `npm run bench [-- --only <name>]`: every benchmark in turn, a table of figures against their
 * targets on stdout, the results in bench/results/ (gitignored). Exit 0 when every target is met,
 * 1 when one is missed, 2 when a benchmark could not run or `--only` names none.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stopChildrenOnExit } from './children';
import { journalBench } from './journal.bench';
import { loadBalancerBench } from './load-balancer.bench';
import { probeBench } from './probe.bench';
import { scaleSynthBench } from './scale-synth.bench';
import { synthBench } from './synth.bench';
import { trafficProbeBench } from './traffic-probe.bench';
import { exitCode, formatTable, summary, type BenchResult } from './table';
import type { Benchmark } from './types';

const BENCHMARKS: readonly Benchmark[] = [loadBalancerBench, probeBench, trafficProbeBench, journalBench, synthBench, scaleSynthBench];
const RESULTS_DIR = path.resolve(__dirname, '../../bench/results');

function selected(argv: readonly string[]): readonly Benchmark[] {
  const at = argv.indexOf('--only');
  if (at < 0) return BENCHMARKS;
  const names = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--only: unknown benchmark '${unknown.join(',') || ''}' (known: ${BENCHMARKS.map((b) => b.name).join(', ')})`);
  }
  return BENCHMARKS.filter((b) => names.includes(b.name));
}

async function writeResults(results: readonly BenchResult[]): Promise<string> {
  const at = new Date().toISOString();
  const text = `${JSON.stringify({ at, node: process.version, cpus: os.cpus().length, results }, null, 2)}\n`;
  await fs.mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.json`);
  await fs.writeFile(file, text);
  await fs.writeFile(path.join(RESULTS_DIR, 'latest.json'), text);
  return file;
}

async function main(): Promise<number> {
  stopChildrenOnExit();
  const benches = selected(process.argv.slice(2));
  const started = Date.now();
  const results: BenchResult[] = [];
  for (const bench of benches) {
    process.stderr.write(`bench: ${bench.name} …\n`);
    const t0 = Date.now();
    try {
      const measurements = await bench.run();
      results.push({ bench: bench.name, seconds: (Date.now() - t0) / 1000, measurements });
      process.stderr.write(`bench: ${bench.name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    } catch (e) {
      // One benchmark that cannot run (a build error elsewhere, a port clash) does not hide the others.
      const error = e instanceof Error ? e.message : String(e);
      results.push({ bench: bench.name, seconds: (Date.now() - t0) / 1000, measurements: [], error });
      process.stderr.write(`bench: ${bench.name} could not run: ${error}\n`);
    }
  }
  const file = await writeResults(results);
  process.stdout.write(`${formatTable(results)}\n\n${summary(results)} (${((Date.now() - started) / 1000).toFixed(0)} s); results in ${path.relative(process.cwd(), file)}\n`);
  return exitCode(results);
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
