/**
 * Deploy by substitution: the synthesized templates resolved with the physical names
 * CloudFormation generates (the ECS service has no explicit name), then what the runner
 * publishes and queries compared with what the alarms watch. A name taken from the config
 * instead of the deployment shows here as a mismatch.
 */
import { windowQueries } from '../../../lib/runner/aws/metric-queries';
import type { MetricDatum, MetricsApi } from '../../../lib/runner/aws/metrics-api';
import { HeartbeatPublisher } from '../../../lib/runner/aws/heartbeat';
import { resolveOutputs } from '../../../lib/runner/aws/resolve-outputs';
import { deployByResolving } from '../../fixtures/fake-aws/fake-deployment';
import { synthesizedTemplates } from '../../fixtures/fake-aws/synthesized-templates';

const deployment = deployByResolving(synthesizedTemplates());
const deployed = resolveOutputs(deployment.outputs);

function recordingMetrics(): { api: MetricsApi; published: MetricDatum[] } {
  const published: MetricDatum[] = [];
  const refuse = async (): Promise<never> => {
    throw new Error('not used');
  };
  return { published, api: { describeAlarms: refuse, getMetricData: refuse, alarmHistory: refuse, putMetricData: async (data) => void published.push(...data) } };
}

describe('what the runner publishes and queries on a deployed app', () => {
  it('reads a generated ECS service name from the outputs, distinct from the cluster and the config name', () => {
    expect(deployed.serviceName).toMatch(/^DrillsDemo-Workload-Service[0-9A-F]{8}-[0-9A-Za-z]{12}$/);
    expect(new Set([deployed.serviceName, deployed.clusterName, 'drills-demo']).size).toBe(3);
  });

  it('publishes the heartbeat under exactly the dimensions the probe-heartbeat alarm watches', async () => {
    const alarm = deployment.alarms.find((a) => a.name.endsWith('-probe-heartbeat'));
    expect(alarm?.series).toHaveLength(1);
    const { api, published } = recordingMetrics();
    const heartbeat = new HeartbeatPublisher(api, deployed.serviceName);
    heartbeat.record(true);
    await heartbeat.flush();
    expect(published).toHaveLength(1);
    const { namespace, metric, dimensions } = published[0];
    expect({ namespace, metric, dimensions }).toEqual(alarm?.series[0]);
  });

  it('queries every figure from a series some stop-condition alarm watches, dimension for dimension', () => {
    const watched = deployment.alarms.flatMap((a) => a.series).map((s) => JSON.stringify([s.namespace, s.metric, sorted(s.dimensions)]));
    const queries = windowQueries(deployed);
    expect(queries.length).toBeGreaterThanOrEqual(5);
    for (const q of queries) expect(watched).toContain(JSON.stringify([q.namespace, q.metric, sorted(q.dimensions)]));
  });
});

function sorted(dims: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(dims).sort(([a], [b]) => a.localeCompare(b));
}
