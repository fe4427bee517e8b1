import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { HeartbeatPublisher, heartbeatValue } from '../../../lib/runner/aws/heartbeat';
import { mockedApis } from './aws-mocks';

describe('heartbeat (dead-man\'s switch)', () => {
  it('publishes the count of successful probes, so the alarm (Sum < 1) trips only when none succeeded', () => {
    expect(heartbeatValue(3)).toBe(3);
    expect(heartbeatValue(0)).toBe(0);
  });

  it('puts ProbeSuccess for the service at 1-second storage resolution and resets the counts', async () => {
    const { mocks, apis } = mockedApis();
    mocks.cloudwatch.on(PutMetricDataCommand).resolves({});
    const hb = new HeartbeatPublisher(apis.metrics, 'drills-demo');
    hb.record(true);
    hb.record(false);
    await hb.flush();
    await hb.flush();
    const inputs = mocks.cloudwatch.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input);
    expect(inputs[0]).toMatchObject({ Namespace: 'FisDrills', MetricData: [{ MetricName: 'ProbeSuccess', Dimensions: [{ Name: 'Service', Value: 'drills-demo' }], Value: 1, StorageResolution: 1 }] });
    expect(inputs[1].MetricData?.[0].Value).toBe(0);
  });

  it('reports a failed publish once instead of throwing', async () => {
    const { mocks, apis } = mockedApis();
    mocks.cloudwatch.on(PutMetricDataCommand).rejects(new Error('denied'));
    const errors: string[] = [];
    const hb = new HeartbeatPublisher(apis.metrics, 's', (m) => errors.push(m));
    await hb.flush();
    await hb.flush();
    expect(errors).toEqual(['heartbeat: PutMetricData failed: denied']);
  });
});

describe('heartbeat with its own probe', () => {
  it('counts the probe results it gathers into the next datapoint', async () => {
    const { mocks, apis } = mockedApis();
    mocks.cloudwatch.on(PutMetricDataCommand).resolves({});
    const hb = new HeartbeatPublisher(apis.metrics, 's', undefined, 60_000);
    let calls = 0;
    hb.start(async () => ++calls % 2 === 1, 5);
    await new Promise((r) => setTimeout(r, 200));
    hb.stop();
    await hb.flush();
    const value = mocks.cloudwatch.commandCalls(PutMetricDataCommand)[0].args[0].input.MetricData?.[0].Value ?? 0;
    expect(calls).toBeGreaterThan(2);
    expect(value).toBe(Math.ceil(calls / 2));
  });
});
