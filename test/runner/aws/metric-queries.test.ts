import { batchQueries, metricFigures, metricWindow, windowQueries } from '../../../lib/runner/aws/metric-queries';

const target = { clusterName: 'c', serviceName: 's', loadBalancerFullName: 'app/demo/1', targetGroupFullName: 'targetgroup/demo/2' };

describe('metric queries', () => {
  it('queries the load balancer, its target group and the service in one batch', () => {
    const queries = windowQueries(target);
    expect(batchQueries(queries)).toHaveLength(1);
    expect(queries.find((q) => q.id === 'healthy_hosts')).toMatchObject({ metric: 'HealthyHostCount', stat: 'Minimum', dimensions: { LoadBalancer: 'app/demo/1', TargetGroup: 'targetgroup/demo/2' } });
    expect(queries.find((q) => q.id === 'elb_5xx')?.dimensions).toEqual({ LoadBalancer: 'app/demo/1' });
    expect(queries.find((q) => q.id === 'running_tasks')).toMatchObject({ namespace: 'ECS/ContainerInsights', dimensions: { ClusterName: 'c', ServiceName: 's' } });
  });

  it('leaves out load balancer metrics when the outputs do not name it', () => {
    expect(windowQueries({ clusterName: 'c', serviceName: 's' }).map((q) => q.id)).toEqual(['running_tasks']);
  });

  it("queries the database cluster's DatabaseConnections Maximum in the same batch when the deployment has one", () => {
    const queries = windowQueries({ ...target, databaseClusterIdentifier: 'demo-db' });
    expect(batchQueries(queries)).toHaveLength(1);
    expect(queries.find((q) => q.id === 'db_connections')).toEqual({
      id: 'db_connections',
      namespace: 'AWS/RDS',
      metric: 'DatabaseConnections',
      dimensions: { DBClusterIdentifier: 'demo-db' },
      stat: 'Maximum',
      periodSeconds: 60,
    });
    expect(windowQueries(target).map((q) => q.namespace)).not.toContain('AWS/RDS');
  });

  it('takes dependency.connections.peak as the largest per-minute Maximum, unmeasured without datapoints', () => {
    expect(metricFigures([{ id: 'db_connections', timestamps: [], values: [8, 31, 12] }])).toEqual({ 'dependency.connections.peak': 31 });
    expect(metricFigures([{ id: 'db_connections', timestamps: [], values: [] }])).toEqual({});
  });

  it('packs queries into calls of at most 500', () => {
    expect(batchQueries(Array.from({ length: 1001 }, (_, i) => i)).map((b) => b.length)).toEqual([500, 500, 1]);
  });

  it('widens the window to whole periods', () => {
    const w = metricWindow(new Date('2026-11-23T04:00:30Z'), new Date('2026-11-23T04:03:10Z'));
    expect([w.start.toISOString(), w.end.toISOString()]).toEqual(['2026-11-23T04:00:00.000Z', '2026-11-23T04:05:00.000Z']);
  });

  it('sums 5xx, takes minima, and counts missing 5xx as zero only while requests flowed', () => {
    expect(
      metricFigures([
        { id: 'elb_5xx', timestamps: [], values: [2] },
        { id: 'target_5xx', timestamps: [], values: [1, 3] },
        { id: 'healthy_hosts', timestamps: [], values: [2, 1] },
        { id: 'running_tasks', timestamps: [], values: [2, 1, 2] },
      ]),
    ).toEqual({ 'alb.5xx': 6, 'alb.healthyHosts.min': 1, 'tasks.running.min': 1 });
    expect(metricFigures([{ id: 'requests', timestamps: [], values: [10] }])).toEqual({ 'alb.5xx': 0 });
    expect(metricFigures([])).toEqual({});
  });
});
