/** A figure's value in its unit, the way a person reads it: `9.6 %`, `1.8 s`, `338 ms`, `6,255`. Pure. */

export function formatFigure(name: string, value: number | undefined): string {
  if (value === undefined) return 'not measured';
  if (name.endsWith('errorRate')) return `${trim(value * 100, 1)} %`;
  if (name.endsWith('Ms') || name.includes('Ms.')) return `${trim(value, 0)} ms`;
  if (name.endsWith('seconds') || name.endsWith('Seconds') || name.includes('.seconds.')) return `${trim(value, value < 10 ? 2 : 1)} s`;
  return value.toLocaleString('en-US');
}

function trim(n: number, digits: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}
