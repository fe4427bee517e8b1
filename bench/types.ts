/** One measured figure of a benchmark, with the target it is held to. */
export interface Measurement {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Absent: reported, not judged. */
  readonly target?: { readonly op: '<=' | '>='; readonly bound: number };
}

export interface Benchmark {
  readonly name: string;
  readonly run: () => Promise<Measurement[]>;
}

export const met = (m: Measurement): boolean | undefined => (m.target === undefined ? undefined : m.target.op === '<=' ? m.value <= m.target.bound : m.value >= m.target.bound);

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
