/** Why an alarm watches a dimension combination AWS does not publish (metric-dimensions.ts), or undefined. */
import type { CfnResourceView } from '../../types';
import { watchedMetrics } from './alarm-metrics';
import { PUBLISHED_DIMENSIONS } from './metric-dimensions';

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().every((d, i) => d === [...b].sort()[i]);
const show = (dims: readonly string[]): string => (dims.length === 0 ? 'no dimension' : dims.join(' + '));

export function unpublishedDimensions(alarm: CfnResourceView): string | undefined {
  for (const m of watchedMetrics(alarm)) {
    const sets = PUBLISHED_DIMENSIONS[m.namespace]?.[m.metricName];
    if (!sets || sets.some((s) => same(s, m.dimensions))) continue;
    return (
      `${m.namespace} ${m.metricName} by ${show(m.dimensions)} is never published (published by ${sets.map(show).join('; ')}): ` +
      'the alarm gets no data point and cannot fire; use one of those dimension sets'
    );
  }
  return undefined;
}
