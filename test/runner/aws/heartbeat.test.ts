/** The dead-man's switch publisher, with real CloudWatch clients against the strict fake AWS. */
import { createClients, destroyClients, type AwsClients } from '../../../lib/runner/aws/clients';
import { failedOnlyOnHeartbeat, HeartbeatPublisher, heartbeatValue, isHeartbeatAlarm } from '../../../lib/runner/aws/heartbeat';
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
  return { metrics: metricsApi(clients.cloudwatch), published, service: fake.deployment.service.name, fake };
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
    // Wait for the probe results, not a fixed 200 ms: a loaded event loop may fire the probe only once in that time.
    for (const deadline = Date.now() + 10_000; calls <= 2 && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 10));
    await hb.stop();
    await hb.flush();
    expect(calls).toBeGreaterThan(2);
    expect(published()[0].MetricData[0].Value).toBe(Math.ceil(calls / 2));
  });
});

describe("which failed preflight waits for the dead-man's switch", () => {
  const switchAlarm = { name: 'alarm drills-demo-probe-heartbeat', ok: false };

  it('names the switch alarm by the suffix lib/workload gives it, at the end of the name', () => {
    expect(isHeartbeatAlarm('drills-demo-probe-heartbeat')).toBe(true);
    expect(isHeartbeatAlarm('drills-demo-probe-heartbeat-latency')).toBe(false);
  });

  it('waits when the only failed checks are switch alarms', () => {
    expect(failedOnlyOnHeartbeat([switchAlarm, { name: 'alarm drills-demo-error-rate', ok: true }, { name: 'probe', ok: true }])).toBe(true);
    expect(failedOnlyOnHeartbeat([switchAlarm, { name: 'alarm other-probe-heartbeat', ok: false }])).toBe(true);
  });

  it('fails to wait when another check failed too, alarm or not', () => {
    expect(failedOnlyOnHeartbeat([switchAlarm, { name: 'alarm drills-demo-error-rate', ok: false }])).toBe(false);
    expect(failedOnlyOnHeartbeat([switchAlarm, { name: 'service steady', ok: false }])).toBe(false);
  });

  it('fails to wait on a failed check that is not an alarm, even one named like the switch', () => {
    expect(failedOnlyOnHeartbeat([{ name: 'drills-demo-probe-heartbeat', ok: false }])).toBe(false);
  });

  it('fails to wait when nothing failed', () => {
    expect(failedOnlyOnHeartbeat([{ name: 'alarm drills-demo-probe-heartbeat', ok: true }])).toBe(false);
    expect(failedOnlyOnHeartbeat([])).toBe(false);
  });
});

describe('heartbeat on its timer', () => {
  /** Polls (bounded) until `cond` holds; the publisher's timers are real. */
  async function until(cond: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
    if (!cond()) throw new Error(`timed out waiting for ${what}`);
  }

  it('publishes every interval once started, once however often start is called, and nothing after stop', async () => {
    const { metrics, published, service } = await setup();
    const hb = new HeartbeatPublisher(metrics, service, undefined, 40);
    hb.start();
    hb.start();
    await until(() => published().length >= 2, 'two datapoints');
    await hb.stop();
    const count = published().length;
    await new Promise((r) => setTimeout(r, 200));
    expect(published().length).toBe(count);
  });

  it('probes on one timer however often start is called, and on none without a probe', async () => {
    const { metrics, service } = await setup();
    const hb = new HeartbeatPublisher(metrics, service, undefined, 60_000);
    hb.start(undefined, 5);
    let calls = 0;
    const probe = async () => {
      calls++;
      return true;
    };
    hb.start(probe, 5);
    hb.start(probe, 5);
    await until(() => calls >= 3, 'three probes');
    await hb.stop();
    const probed = calls;
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(probed);
  });

  it('counts a probe that throws as a failed probe, and stops probing on stop', async () => {
    const { metrics, published, service } = await setup();
    const hb = new HeartbeatPublisher(metrics, service, undefined, 60_000);
    let calls = 0;
    hb.start(async () => {
      calls++;
      throw new Error('ECONNREFUSED');
    }, 5);
    await until(() => calls >= 3, 'three probes');
    await hb.stop();
    const probed = calls;
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(probed);
    await hb.flush();
    expect(published().map((p) => p.MetricData[0].Value)).toEqual([0]);
  });

  it('reports a failed publish again after one succeeded in between', async () => {
    const { metrics, service, fake } = await setup({ deny: ['PutMetricData'] });
    const denied = fake.state.scenario;
    /** The caller's policy changes under the running publisher (the fake reads its scenario on each call). */
    const policy = (deny: string[]) => Object.assign(fake.state, { scenario: { ...denied, deny } });
    const errors: string[] = [];
    const hb = new HeartbeatPublisher(metrics, service, (m) => errors.push(m));
    await hb.flush();
    await hb.flush();
    policy([]);
    await hb.flush();
    policy(['PutMetricData']);
    await hb.flush();
    expect(errors).toEqual([expect.stringMatching(/^heartbeat: PutMetricData failed: /), expect.stringMatching(/^heartbeat: PutMetricData failed: /)]);
  });
});
