import { DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricDataCommand, PutMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmView {
  readonly name: string;
  readonly arn?: string;
  readonly state: AlarmState;
  readonly reason?: string;
}

/** One state change of an alarm (DescribeAlarmHistory, HistoryItemType StateUpdate). */
export interface AlarmStateChange {
  readonly name: string;
  readonly at: Date;
  /** The state it changed to, read from HistoryData (`newState.stateValue`); undefined when absent. */
  readonly to?: AlarmState;
  readonly summary: string;
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
  /**
   * `Complete`, or the least complete status any page gave for this query (`PartialData`,
   * `Forbidden`, `InternalError`); with `PartialData` CloudWatch had more than it returned.
   * GetMetricData API reference, MetricDataResult.StatusCode.
   */
  readonly statusCode?: string;
  /** Per-query messages (MetricDataResult.Messages: `Code: Value`). */
  readonly messages?: readonly string[];
}

/** One GetMetricData call's answer: the series and the call-level messages (e.g. a throttled page). */
export interface MetricData {
  readonly series: readonly MetricSeries[];
  readonly messages: readonly string[];
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
  /**
   * Metric and composite alarms by name (DescribeAlarms with AlarmTypes both: without it the API
   * returns metric alarms only — DescribeAlarms API reference, AlarmTypes).
   */
  describeAlarms(names: readonly string[]): Promise<readonly AlarmView[]>;
  /** One GetMetricData call (and its pages) for at most 500 queries; status codes and messages kept. */
  getMetricData(queries: readonly MetricQuery[], start: Date, end: Date): Promise<MetricData>;
  putMetricData(data: readonly MetricDatum[]): Promise<void>;
  /**
   * State changes of one alarm between `start` and `end`, oldest first (DescribeAlarmHistory API
   * reference: AlarmName, AlarmTypes, HistoryItemType StateUpdate, StartDate/EndDate, ScanBy;
   * CloudWatch keeps alarm history for 30 days).
   */
  alarmHistory(name: string, start: Date, end: Date): Promise<readonly AlarmStateChange[]>;
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
          const out = await client.send(new DescribeAlarmsCommand({ AlarmNames: names.slice(i, i + MAX_ALARM_NAMES_PER_CALL), AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], NextToken: nextToken }));
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
      const series = new Map<string, { timestamps: Date[]; values: number[]; statusCode?: string; messages: string[] }>();
      const messages: string[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < 100; page++) {
        const out = await client.send(new GetMetricDataCommand({ MetricDataQueries: queries.map(toSdkQuery), StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', NextToken: nextToken }));
        for (const r of out.MetricDataResults ?? []) {
          const s = series.get(r.Id ?? '') ?? { timestamps: [], values: [], messages: [] };
          s.timestamps.push(...(r.Timestamps ?? []));
          s.values.push(...(r.Values ?? []));
          if (s.statusCode === undefined || s.statusCode === 'Complete') s.statusCode = r.StatusCode ?? s.statusCode;
          s.messages.push(...(r.Messages ?? []).map((m) => `${m.Code ?? '?'}: ${m.Value ?? ''}`));
          series.set(r.Id ?? '', s);
        }
        messages.push(...(out.Messages ?? []).map((m) => `${m.Code ?? '?'}: ${m.Value ?? ''}`));
        nextToken = out.NextToken;
        if (!nextToken) break;
      }
      if (nextToken) messages.push('stopped after 100 pages: more data was left unread');
      return { series: [...series.entries()].map(([id, s]) => ({ id, ...s })), messages };
    },
    async alarmHistory(name, start, end) {
      const changes: AlarmStateChange[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < 20; page++) {
        const out = await client.send(
          new DescribeAlarmHistoryCommand({
            AlarmName: name,
            AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
            HistoryItemType: 'StateUpdate',
            StartDate: start,
            EndDate: end,
            ScanBy: 'TimestampAscending',
            NextToken: nextToken,
          }),
        );
        for (const item of out.AlarmHistoryItems ?? [])
          changes.push({ name: item.AlarmName ?? name, at: item.Timestamp ?? start, to: newStateOf(item.HistoryData), summary: item.HistorySummary ?? '' });
        nextToken = out.NextToken;
        if (!nextToken) break;
      }
      return changes.sort((a, b) => a.at.getTime() - b.at.getTime());
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

function newStateOf(historyData: string | undefined): AlarmState | undefined {
  try {
    const value = (JSON.parse(historyData ?? '') as { newState?: { stateValue?: string } }).newState?.stateValue;
    return value === 'OK' || value === 'ALARM' || value === 'INSUFFICIENT_DATA' ? value : undefined;
  } catch {
    return undefined;
  }
}
