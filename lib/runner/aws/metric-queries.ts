/**
 * Pure: the CloudWatch queries for a drill's window, packed into as few GetMetricData calls as
 * possible (≤ 500 queries each), and the figures their results give. Dimensions are exactly
 * the combinations AWS publishes (fis-facts §10): load-balancer metrics by `LoadBalancer`,
 * target metrics by `LoadBalancer` + `TargetGroup`, Container Insights by `ClusterName` +
 * `ServiceName`; the database's `AWS/RDS` metrics by `DBClusterIdentifier` (Aurora User Guide,
 * "Amazon CloudWatch dimensions for Aurora").
 */
import type { Figures } from '../../drill/figures';
import { METRIC_DIMENSIONS } from '../../workload/metric-dimensions';
import { MAX_QUERIES_PER_CALL, type MetricQuery, type MetricSeries } from './metrics-api';

export interface MetricTarget {
  readonly clusterName: string;
  readonly serviceName: string;
  readonly loadBalancerFullName?: string;
  readonly targetGroupFullName?: string;
  /** The service's Aurora cluster: its connection count is queried too. @default - no database query */
  readonly databaseClusterIdentifier?: string;
}

export const QUERY_IDS = {
  elb5xx: 'elb_5xx',
  target5xx: 'target_5xx',
  requests: 'requests',
  healthy: 'healthy_hosts',
  running: 'running_tasks',
  dbConnections: 'db_connections',
} as const;

export function windowQueries(target: MetricTarget, periodSeconds = 60): MetricQuery[] {
  const queries: MetricQuery[] = [];
  const alb = 'AWS/ApplicationELB';
  if (target.loadBalancerFullName) {
    const lb = METRIC_DIMENSIONS.loadBalancer(target.loadBalancerFullName);
    queries.push({ id: QUERY_IDS.elb5xx, namespace: alb, metric: 'HTTPCode_ELB_5XX_Count', dimensions: lb, stat: 'Sum', periodSeconds });
    queries.push({ id: QUERY_IDS.requests, namespace: alb, metric: 'RequestCount', dimensions: lb, stat: 'Sum', periodSeconds });
    if (target.targetGroupFullName) {
      const tg = METRIC_DIMENSIONS.targetGroup(target.loadBalancerFullName, target.targetGroupFullName);
      queries.push({ id: QUERY_IDS.target5xx, namespace: alb, metric: 'HTTPCode_Target_5XX_Count', dimensions: tg, stat: 'Sum', periodSeconds });
      queries.push({ id: QUERY_IDS.healthy, namespace: alb, metric: 'HealthyHostCount', dimensions: tg, stat: 'Minimum', periodSeconds });
    }
  }
  queries.push({
    id: QUERY_IDS.running,
    namespace: 'ECS/ContainerInsights',
    metric: 'RunningTaskCount',
    dimensions: METRIC_DIMENSIONS.containerInsightsService(target.clusterName, target.serviceName),
    stat: 'Minimum',
    periodSeconds,
  });
  if (target.databaseClusterIdentifier) {
    const db = METRIC_DIMENSIONS.databaseCluster(target.databaseClusterIdentifier);
    queries.push({ id: QUERY_IDS.dbConnections, namespace: 'AWS/RDS', metric: 'DatabaseConnections', dimensions: db, stat: 'Maximum', periodSeconds });
  }
  return queries;
}

/** Splits queries into batches of at most `max`: one GetMetricData call each. */
export function batchQueries<T>(queries: readonly T[], max = MAX_QUERIES_PER_CALL): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < queries.length; i += max) batches.push(queries.slice(i, i + max));
  return batches;
}

/** The window, widened to whole periods so the first and last minutes are counted. */
export function metricWindow(from: Date, to: Date, periodSeconds = 60): { start: Date; end: Date } {
  const p = periodSeconds * 1000;
  return { start: new Date(Math.floor(from.getTime() / p) * p), end: new Date(Math.ceil(to.getTime() / p) * p + p) };
}

/**
 * alb.5xx: ELB + target 5xx over the window (these counts are only published when nonzero, so
 * no datapoint while requests flowed means 0; with no RequestCount either, unmeasured);
 * alb.healthyHosts.min and tasks.running.min: the minimum datapoint, unmeasured without data;
 * dependency.connections.peak: the largest per-period Maximum of the cluster's DatabaseConnections,
 * unmeasured without data. Whether the cluster-wide series is the busiest instance's count or the
 * sum over the writer and its reader is not confirmed (fis-facts has no RDS metrics section).
 */
export function metricFigures(series: readonly MetricSeries[]): Figures {
  const values = (id: string) => series.find((s) => s.id === id)?.values ?? [];
  const figures: Figures = {};
  const fivexx = [...values(QUERY_IDS.elb5xx), ...values(QUERY_IDS.target5xx)];
  if (values(QUERY_IDS.requests).length > 0 || fivexx.length > 0) figures['alb.5xx'] = fivexx.reduce((a, b) => a + b, 0);
  const healthy = values(QUERY_IDS.healthy);
  if (healthy.length > 0) figures['alb.healthyHosts.min'] = Math.min(...healthy);
  const running = values(QUERY_IDS.running);
  if (running.length > 0) figures['tasks.running.min'] = Math.min(...running);
  const connections = values(QUERY_IDS.dbConnections);
  if (connections.length > 0) figures['dependency.connections.peak'] = Math.max(...connections);
  return figures;
}
