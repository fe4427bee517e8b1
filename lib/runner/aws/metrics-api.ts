import { DescribeAlarmsCommand, GetMetricDataCommand, PutMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmView {
  readonly name: string;
  readonly arn?: string;
  readonly state: AlarmState;
  readonly reason?: string;
}

/** One metric statistic over the window (no metric math, no Insights). */
export interface MetricQuery {
  /** Unique in the call; lower-case start, letters, digits and underscores (CloudWatch's rule). */
  readonly id: string;
  readonly namespace: string;
  readonly metric: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: 'Sum' | 'Minimum' | 'Maximum' | 'Average' | 'SampleCount';
  readonly periodSeconds: number;
}

export interface MetricSeries {
  readonly id: string;
  readonly timestamps: readonly Date[];
  readonly values: readonly number[];
}

export interface MetricDatum {
  readonly namespace: string;
  readonly metric: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly value: number;
  readonly at: Date;
  /** 1 (high resolution) or 60. */
  readonly storageResolution: 1 | 60;
}

/** The CloudWatch operations the runner needs. */
export interface MetricsApi {
  describeAlarms(names: readonly string[]): Promise<readonly AlarmView[]>;
  /** One GetMetricData call (and its pages) for at most 500 queries. */
  getMetricData(queries: readonly MetricQuery[], start: Date, end: Date): Promise<readonly MetricSeries[]>;
  putMetricData(data: readonly MetricDatum[]): Promise<void>;
}

export const MAX_QUERIES_PER_CALL = 500;
const MAX_ALARM_NAMES_PER_CALL = 100;

export function metricsApi(client: CloudWatchClient): MetricsApi {
  return {
    async describeAlarms(names) {
      const found: AlarmView[] = [];
      for (let i = 0; i < names.length; i += MAX_ALARM_NAMES_PER_CALL) {
        let nextToken: string | undefined;
        do {
          const out = await client.send(new DescribeAlarmsCommand({ AlarmNames: names.slice(i, i + MAX_ALARM_NAMES_PER_CALL), NextToken: nextToken }));
          for (const a of [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])]) {
            found.push({ name: a.AlarmName ?? '', arn: a.AlarmArn, state: (a.StateValue ?? 'INSUFFICIENT_DATA') as AlarmState, reason: a.StateReason });
          }
          nextToken = out.NextToken;
        } while (nextToken);
      }
      return found;
    },
    async getMetricData(queries, start, end) {
      if (queries.length > MAX_QUERIES_PER_CALL) throw new Error(`GetMetricData takes at most ${MAX_QUERIES_PER_CALL} queries, got ${queries.length}`);
      const series = new Map<string, { timestamps: Date[]; values: number[] }>();
      let nextToken: string | undefined;
      for (let page = 0; page < 100; page++) {
        const out = await client.send(
          new GetMetricDataCommand({ MetricDataQueries: queries.map(toSdkQuery), StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', NextToken: nextToken }),
        );
        for (const r of out.MetricDataResults ?? []) {
          const s = series.get(r.Id ?? '') ?? { timestamps: [], values: [] };
          s.timestamps.push(...(r.Timestamps ?? []));
          s.values.push(...(r.Values ?? []));
          series.set(r.Id ?? '', s);
        }
        nextToken = out.NextToken;
        if (!nextToken) break;
      }
      return [...series.entries()].map(([id, s]) => ({ id, ...s }));
    },
    async putMetricData(data) {
      if (data.length === 0) return;
      await client.send(
        new PutMetricDataCommand({
          Namespace: data[0].namespace,
          MetricData: data.map((d) => ({
            MetricName: d.metric,
            Dimensions: Object.entries(d.dimensions).map(([Name, Value]) => ({ Name, Value })),
            Value: d.value,
            Timestamp: d.at,
            StorageResolution: d.storageResolution,
          })),
        }),
      );
    },
  };
}

function toSdkQuery(q: MetricQuery): MetricDataQuery {
  return {
    Id: q.id,
    ReturnData: true,
    MetricStat: {
      Metric: { Namespace: q.namespace, MetricName: q.metric, Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })) },
      Period: q.periodSeconds,
      Stat: q.stat,
    },
  };
}
