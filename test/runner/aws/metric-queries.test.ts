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

describe('the queries as CloudWatch documents them (fis-facts §10)', () => {
  const full = { ...target, databaseClusterIdentifier: 'demo-db' };

  it('asks each metric in its namespace, with exactly the dimensions AWS publishes it under and the statistic the figure needs', () => {
    const lb = { LoadBalancer: 'app/demo/1' };
    const tg = { LoadBalancer: 'app/demo/1', TargetGroup: 'targetgroup/demo/2' };
    expect(windowQueries(full)).toEqual([
      { id: 'elb_5xx', namespace: 'AWS/ApplicationELB', metric: 'HTTPCode_ELB_5XX_Count', dimensions: lb, stat: 'Sum', periodSeconds: 60 },
      { id: 'requests', namespace: 'AWS/ApplicationELB', metric: 'RequestCount', dimensions: lb, stat: 'Sum', periodSeconds: 60 },
      { id: 'target_5xx', namespace: 'AWS/ApplicationELB', metric: 'HTTPCode_Target_5XX_Count', dimensions: tg, stat: 'Sum', periodSeconds: 60 },
      { id: 'healthy_hosts', namespace: 'AWS/ApplicationELB', metric: 'HealthyHostCount', dimensions: tg, stat: 'Minimum', periodSeconds: 60 },
      { id: 'running_tasks', namespace: 'ECS/ContainerInsights', metric: 'RunningTaskCount', dimensions: { ClusterName: 'c', ServiceName: 's' }, stat: 'Minimum', periodSeconds: 60 },
      { id: 'db_connections', namespace: 'AWS/RDS', metric: 'DatabaseConnections', dimensions: { DBClusterIdentifier: 'demo-db' }, stat: 'Maximum', periodSeconds: 60 },
    ]);
  });

  it('gives every query the period it is asked for (older windows are read at 300 s or 3600 s)', () => {
    const queries = windowQueries(full, 300);
    expect(queries).toHaveLength(6);
    expect(new Set(queries.map((q) => q.periodSeconds))).toEqual(new Set([300]));
  });

  it('asks only the load-balancer metrics, by LoadBalancer alone, when no target group is named', () => {
    expect(windowQueries({ clusterName: 'c', serviceName: 's', loadBalancerFullName: 'app/demo/1' }).map((q) => [q.id, q.dimensions])).toEqual([
      ['elb_5xx', { LoadBalancer: 'app/demo/1' }],
      ['requests', { LoadBalancer: 'app/demo/1' }],
      ['running_tasks', { ClusterName: 'c', ServiceName: 's' }],
    ]);
  });

  it('asks no target metric for a target group without its load balancer (the pair is the dimension)', () => {
    expect(windowQueries({ clusterName: 'c', serviceName: 's', targetGroupFullName: 'targetgroup/demo/2' }).map((q) => q.id)).toEqual(['running_tasks']);
  });

  it('packs 500 queries into one call and 501 into two, keeping their order', () => {
    const ids = Array.from({ length: 501 }, (_, i) => `q${i}`);
    expect(batchQueries(ids.slice(0, 500))).toEqual([ids.slice(0, 500)]);
    const two = batchQueries(ids);
    expect(two.map((b) => b.length)).toEqual([500, 1]);
    expect(two.flat()).toEqual(ids);
    expect(batchQueries([])).toEqual([]);
    expect(batchQueries(ids.slice(0, 5), 2)).toEqual([['q0', 'q1'], ['q2', 'q3'], ['q4']]);
  });
});

describe('the window, in whole periods', () => {
  it('keeps a start on a period boundary and still reads the period the end falls in', () => {
    const w = metricWindow(new Date('2026-11-23T04:00:00Z'), new Date('2026-11-23T04:03:00Z'));
    expect([w.start.toISOString(), w.end.toISOString()]).toEqual(['2026-11-23T04:00:00.000Z', '2026-11-23T04:04:00.000Z']);
  });

  it('widens to whole 5-minute periods when read at 300 s', () => {
    const w = metricWindow(new Date('2026-11-23T04:07:30Z'), new Date('2026-11-23T04:11:10Z'), 300);
    expect([w.start.toISOString(), w.end.toISOString()]).toEqual(['2026-11-23T04:05:00.000Z', '2026-11-23T04:20:00.000Z']);
  });
});

describe('the figures from GetMetricData results', () => {
  const s = (id: string, values: number[]) => ({ id, timestamps: values.map((_, i) => new Date(Date.UTC(2026, 10, 23, 4, i))), values });

  it('counts target 5xx without ELB 5xx or a RequestCount series (a nonzero count is data enough)', () => {
    expect(metricFigures([s('target_5xx', [4])])).toEqual({ 'alb.5xx': 4 });
    expect(metricFigures([s('elb_5xx', [1, 1])])).toEqual({ 'alb.5xx': 2 });
  });

  it('leaves alb.5xx unmeasured when RequestCount came back without datapoints (no request flowed, nothing to count)', () => {
    expect(metricFigures([s('requests', []), s('elb_5xx', []), s('target_5xx', [])])).toEqual({});
  });

  it('leaves the healthy-host and running-task minima unmeasured when their series have no datapoints, never 0', () => {
    expect(metricFigures([s('healthy_hosts', []), s('running_tasks', []), s('requests', [5])])).toEqual({ 'alb.5xx': 0 });
  });

  it('takes the lowest datapoint of the healthy hosts and the running tasks, and the highest of the connections, wherever it falls', () => {
    expect(metricFigures([s('healthy_hosts', [0, 2, 2]), s('running_tasks', [2, 2, 0]), s('db_connections', [40, 3])])).toEqual({
      'alb.healthyHosts.min': 0,
      'tasks.running.min': 0,
      'dependency.connections.peak': 40,
    });
    expect(metricFigures([s('healthy_hosts', [3, 1, 2]), s('running_tasks', [4, 3, 5])])).toEqual({ 'alb.healthyHosts.min': 1, 'tasks.running.min': 3 });
  });

  it('ignores a series it did not ask for', () => {
    expect(metricFigures([s('unknown', [1])])).toEqual({});
  });
});
