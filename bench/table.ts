/** The bench's stdout: one row per figure, columns sized to their contents. Pure. */
import { met, type Measurement } from './types';

export interface BenchResult {
  readonly bench: string;
  readonly seconds: number;
  readonly measurements: readonly Measurement[];
}

export function verdictOf(m: Measurement): '' | 'PASS' | 'FAIL' {
  const ok = met(m);
  return ok === undefined ? '' : ok ? 'PASS' : 'FAIL';
}

export function formatTable(results: readonly BenchResult[]): string {
  const rows = [
    ['benchmark', 'figure', 'value', 'unit', 'target', ''],
    ...results.flatMap((r) => r.measurements.map((m) => [r.bench, m.name, String(m.value), m.unit, m.target ? `${m.target.op} ${m.target.bound}` : '', verdictOf(m)])),
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
