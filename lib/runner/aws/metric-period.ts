/**
 * Pure: the GetMetricData period a window can still be read at. CloudWatch keeps 60 s datapoints
 * for 15 days, 300 s for 63 days and 3600 s for 455 days, and for a start time older than 15
 * (63) days answers only a period that is a multiple of 300 (3600) seconds — with a finer one it
 * returns no datapoints at all (GetMetricData API reference, "Amazon CloudWatch retains metric
 * data as follows"; MetricStat.Period; fis-facts "GetMetricData periods for older data").
 */
const DAY_MS = 86_400_000;

export interface MetricPeriodChoice {
  readonly periodSeconds: number;
  /** Why not 60 s, for the journal; undefined for a recent window. */
  readonly note?: string;
}

export function metricPeriodFor(windowStart: Date, now: Date): MetricPeriodChoice {
  const ageDays = (now.getTime() - windowStart.getTime()) / DAY_MS;
  if (ageDays < 15) return { periodSeconds: 60 };
  if (ageDays < 63) {
    return { periodSeconds: 300, note: `the window started ${Math.floor(ageDays)} days ago: CloudWatch keeps only 5-minute datapoints after 15 days, so figures are 5-minute minima and sums` };
  }
  const kept = ageDays < 455 ? '' : '; after 455 days CloudWatch keeps nothing, so metric figures will be unmeasured';
  return { periodSeconds: 3600, note: `the window started ${Math.floor(ageDays)} days ago: CloudWatch keeps only 1-hour datapoints after 63 days, so figures are 1-hour minima and sums${kept}` };
}
