/** The dead-man's switch publisher, with real CloudWatch clients against the strict fake AWS. */
import { createClients, destroyClients, type AwsClients } from '../../../lib/runner/aws/clients';
import { HeartbeatPublisher, heartbeatValue } from '../../../lib/runner/aws/heartbeat';
import { metricsApi } from '../../../lib/runner/aws/metrics-api';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

const setupFake = useFakeAws();
let clients: AwsClients | undefined;

async function setup(scenario: Partial<FakeScenario> = {}) {
  const { fake } = await setupFake({ scenario });
  clients = createClients();
  const published = () =>
    fake.state.callsTo('PutMetricData').map((c) => c.input as { Namespace: string; MetricData: { MetricName: string; Dimensions: unknown[]; Value: number; StorageResolution: number }[] });
  return { metrics: metricsApi(clients.cloudwatch), published, service: fake.deployment.service.name };
}

afterEach(() => {
  if (clients) destroyClients(clients);
  clients = undefined;
});

describe("heartbeat (dead-man's switch)", () => {
  it('publishes the count of successful probes, so the alarm (Sum < 1) trips only when none succeeded', () => {
    expect(heartbeatValue(3)).toBe(3);
    expect(heartbeatValue(0)).toBe(0);
  });

  it('puts ProbeSuccess for the service at 1-second storage resolution and resets the counts', async () => {
    const { metrics, published, service } = await setup();
    const hb = new HeartbeatPublisher(metrics, service);
    hb.record(true);
    hb.record(false);
    await hb.flush();
    await hb.flush();
    expect(published()[0]).toMatchObject({ Namespace: 'FisDrills', MetricData: [{ MetricName: 'ProbeSuccess', Dimensions: [{ Name: 'Service', Value: service }], Value: 1, StorageResolution: 1 }] });
    expect(published()[1].MetricData[0].Value).toBe(0);
  });

  it('reports a failed publish once instead of throwing', async () => {
    const { metrics, service } = await setup({ deny: ['PutMetricData'] });
    const errors: string[] = [];
    const hb = new HeartbeatPublisher(metrics, service, (m) => errors.push(m));
    await hb.flush();
    await hb.flush();
    expect(errors).toEqual([expect.stringMatching(/^heartbeat: PutMetricData failed: .*not authorized to perform: PutMetricData/)]);
  });
});

describe('heartbeat with its own probe', () => {
  it('counts the probe results it gathers into the next datapoint', async () => {
    const { metrics, published, service } = await setup();
    const hb = new HeartbeatPublisher(metrics, service, undefined, 60_000);
    let calls = 0;
    hb.start(async () => ++calls % 2 === 1, 5);
    await new Promise((r) => setTimeout(r, 200));
    await hb.stop();
    await hb.flush();
    expect(calls).toBeGreaterThan(2);
    expect(published()[0].MetricData[0].Value).toBe(Math.ceil(calls / 2));
  });
});
