import { exitCode, formatTable, summary, type BenchResult } from '../../bench/table';
import { percentile } from '../../bench/types';

const passing: BenchResult = { bench: 'journal', seconds: 1, measurements: [{ name: 'appends/s', value: 1500, unit: 'appends/s', target: { op: '>=', bound: 100 } }] };
const missing: BenchResult = {
  bench: 'load-balancer',
  seconds: 1,
  measurements: [
    { name: 'p99 latency', value: 120, unit: 'ms', target: { op: '<=', bound: 100 } },
    { name: 'direct requests/s', value: 5000, unit: 'req/s' },
  ],
};

describe('bench table and exit code', () => {
  it('marks a figure within its target PASS and exits 0 when all are met', () => {
    expect(formatTable([passing])).toMatch(/journal\s+appends\/s\s+1500\s+appends\/s\s+>= 100\s+PASS/);
    expect(exitCode([passing])).toBe(0);
    expect(summary([passing])).toBe('every target met');
  });

  it('fails a missed target with FAIL, names it, and exits 1; a figure without a target is not judged', () => {
    const table = formatTable([passing, missing]);
    expect(table).toMatch(/p99 latency\s+120\s+ms\s+<= 100\s+FAIL/);
    expect(table).toMatch(/direct requests\/s\s+5000\s+req\/s$/m);
    expect(exitCode([passing, missing])).toBe(1);
    expect(summary([passing, missing])).toBe('missed: load-balancer: p99 latency');
  });

  it('fails with exit 2 when a benchmark could not run, even if the others passed', () => {
    const broken: BenchResult = { bench: 'synth', seconds: 0, measurements: [], error: 'cdk synth ended with 1' };
    expect(formatTable([passing, broken])).toMatch(/synth\s+could not run: cdk synth ended with 1.*ERROR/);
    expect(exitCode([passing, broken])).toBe(2);
    expect(summary([passing, broken])).toBe('could not run: synth');
  });

  it('takes the nearest-rank percentile', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(51);
    expect(percentile(xs, 99)).toBe(100);
    expect(Number.isNaN(percentile([], 99))).toBe(true);
  });
});
