/** The bench's stdout: one row per figure, columns sized to their contents. Pure. */
import { met, type Measurement } from './types';

export interface BenchResult {
  readonly bench: string;
  readonly seconds: number;
  readonly measurements: readonly Measurement[];
  /** Set when the benchmark could not run at all. */
  readonly error?: string;
}

export function verdictOf(m: Measurement): '' | 'PASS' | 'FAIL' {
  const ok = met(m);
  return ok === undefined ? '' : ok ? 'PASS' : 'FAIL';
}

export function formatTable(results: readonly BenchResult[]): string {
  const rows = [
    ['benchmark', 'figure', 'value', 'unit', 'target', ''],
    ...results.flatMap((r) =>
      r.error !== undefined
        ? [[r.bench, `could not run: ${r.error}`, '', '', '', 'ERROR']]
        : r.measurements.map((m) => [r.bench, m.name, String(m.value), m.unit, m.target ? `${m.target.op} ${m.target.bound}` : '', verdictOf(m)]),
    ),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, c) => (c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), ...rows.slice(1).map(line)].join('\n');
}

/** "bench: figure" for every missed target. */
export function missedTargets(results: readonly BenchResult[]): string[] {
  return results.flatMap((r) => r.measurements.filter((m) => met(m) === false).map((m) => `${r.bench}: ${m.name}`));
}

/** 0 every target met, 1 a target missed, 2 a benchmark could not run (it measured nothing to judge). */
export function exitCode(results: readonly BenchResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.error !== undefined)) return 2;
  return missedTargets(results).length > 0 ? 1 : 0;
}

export function summary(results: readonly BenchResult[]): string {
  const failed = results.filter((r) => r.error !== undefined).map((r) => r.bench);
  const missed = missedTargets(results);
  const parts = [...(failed.length > 0 ? [`could not run: ${failed.join(', ')}`] : []), ...(missed.length > 0 ? [`missed: ${missed.join('; ')}`] : [])];
  return parts.length === 0 ? 'every target met' : parts.join('; ');
}
