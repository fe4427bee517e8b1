/**
 * The period a window can still be read at (lib/runner/aws/metric-period.ts), at CloudWatch's
 * retention boundaries (GetMetricData API reference; fis-facts §10 "Retention" and "GetMetricData
 * periods for older data"): 60 s datapoints for 15 days, 300 s for 63 days, 3600 s for 455 days.
 * The boundaries themselves are in evidence-completeness.test.ts; this file holds the journal
 * notes word for word and the edges around them.
 */
import { metricPeriodFor } from '../../../lib/runner/aws/metric-period';

const NOW = new Date('2026-12-01T08:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe('metricPeriodFor', () => {
  it('reads a window that started just now, or a second before 15 days, at 60 s without a note', () => {
    expect(metricPeriodFor(NOW, NOW)).toEqual({ periodSeconds: 60 });
    expect(metricPeriodFor(new Date(daysAgo(15).getTime() + 1000), NOW)).toEqual({ periodSeconds: 60 });
  });

  it('reads a window 20.9 days old at 300 s, the note giving its age in whole days', () => {
    expect(metricPeriodFor(daysAgo(20.9), NOW)).toEqual({
      periodSeconds: 300,
      note: 'the window started 20 days ago: CloudWatch keeps only 5-minute datapoints after 15 days, so figures are 5-minute minima and sums',
    });
  });

  it('reads a window 100 days old at 3600 s, saying the datapoints are hourly', () => {
    expect(metricPeriodFor(daysAgo(100.5), NOW)).toEqual({
      periodSeconds: 3600,
      note: 'the window started 100 days ago: CloudWatch keeps only 1-hour datapoints after 63 days, so figures are 1-hour minima and sums',
    });
  });

  it('warns from 455 days on, not before, that CloudWatch keeps nothing and the metric figures will be unmeasured', () => {
    expect(metricPeriodFor(daysAgo(454.9), NOW).note).not.toContain('455');
    expect(metricPeriodFor(daysAgo(455), NOW)).toEqual({
      periodSeconds: 3600,
      note: 'the window started 455 days ago: CloudWatch keeps only 1-hour datapoints after 63 days, so figures are 1-hour minima and sums; after 455 days CloudWatch keeps nothing, so metric figures will be unmeasured',
    });
  });
});
