/**
 * `drills run --heartbeat` with the dead-man's switch deployed: its alarm sits in ALARM while no
 * runner publishes (missing data is breaching), so the run must publish before preflight and
 * wait, bounded, for the alarm to turn OK — and without `--heartbeat` refuse and say why.
 */
import { expectOrder } from '../../helpers/expect-order';
import { EventEmitter } from 'events';
import * as http from 'http';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { runCommand, type RunDeps } from '../../../lib/cli/commands/run';
import { failedOnlyOnHeartbeat, isHeartbeatAlarm } from '../../../lib/runner/aws/heartbeat';
import type { runDrill } from '../../../lib/runner/run-drill';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

// The app synthesized with every drill guarded by the dead-man's switch alarm.
const setupFake = useFakeAws({ synth: { extraStopConditions: ['probe-heartbeat'] } });
let service: http.Server | undefined;

/** Stands in for the runner core: starts the experiment and lets it complete (the core runs in the e2e test). */
const coreStandIn: typeof runDrill = async ({ drill, engine, runId }) => {
  await engine.start();
  await engine.inject(drill);
  await engine.close();
  const judgement = { verdict: 'HELD' as const, expectations: [], reasons: [], notJudged: [] };
  return { drill: drill.id, runId: runId ?? 'r', verdict: 'HELD', judgement, figures: engine.figures(), evidence: 'evidence' };
};

async function setup(heartbeatIntervalMs: number) {
  service = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => service!.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  const { fake, outputs, err, io, dir } = await setupFake({ scenario: { initiatingMs: 50, runningMs: 200, stoppingMs: 100 }, serviceUrl });
  const deps: RunDeps = {
    probe: async () => ({ ok: true, detail: 'stub' }),
    trafficCheck: async () => [],
    runDrill: coreStandIn,
    interactive: false,
    signals: new EventEmitter() as never,
    newRunId: () => 'run-heartbeat-1',
    heartbeatIntervalMs,
    // Generous: the first successful probe comes 2 s in, later on a loaded machine.
    heartbeatSettle: { timeoutMs: 20_000, everyMs: 200 },
  };
  return { outputs, err, io, deps, fake, out: path.join(dir, 'evidence') };
}

afterEach(async () => {
  await new Promise((resolve) => (service ? service.close(resolve) : resolve(undefined)));
  service = undefined;
});

describe("the dead-man's switch in drills run", () => {
  it('names the switch alarm by the suffix lib/workload gives it', () => {
    expect(isHeartbeatAlarm('drills-demo-probe-heartbeat')).toBe(true);
    expect(isHeartbeatAlarm('drills-demo-error-rate')).toBe(false);
  });

  it('waits only when every failed check is a switch alarm', () => {
    const hb = { name: 'alarm svc-probe-heartbeat', ok: false };
    expect(failedOnlyOnHeartbeat([hb, { name: 'probe', ok: true }])).toBe(true);
    expect(failedOnlyOnHeartbeat([hb, { name: 'alarm svc-error-rate', ok: false }])).toBe(false);
    expect(failedOnlyOnHeartbeat([{ name: 'service steady', ok: false }])).toBe(false);
    expect(failedOnlyOnHeartbeat([{ name: 'probe', ok: true }])).toBe(false);
  });

  it('publishes the heartbeat before preflight and starts the experiment once the alarm is OK', async () => {
    const { outputs, io, err, deps, fake } = await setup(150);
    const code = await runCommand({ drill: 'task-stop-drain', outputs, yes: true, heartbeat: true }, io, deps);
    expect({ code, err: err.join('') }).toEqual({ code: 0, err: expect.stringContaining("waiting for the dead-man's switch alarm") });
    const ops = fake.state.calls.map((c) => c.operation);
    expectOrder(ops, 'PutMetricData', 'StartExperiment');
    const datum = fake.state.callsTo('PutMetricData')[0].input as { Namespace: string; MetricData: { MetricName: string; Dimensions: unknown[] }[] };
    // The service's generated name: the only dimension value that turns the fake's alarm OK.
    expect(datum).toMatchObject({ Namespace: 'FisDrills', MetricData: [{ MetricName: 'ProbeSuccess', Dimensions: [{ Name: 'Service', Value: fake.deployment.service.name }] }] });
  }, 60_000);

  it('refuses without --heartbeat, starts nothing, and says to pass it', async () => {
    const { outputs, io, err, deps, fake, out } = await setup(150);
    expect(await runCommand({ drill: 'task-stop-drain', outputs, yes: true, out }, io, deps)).toBe(3);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
    const published = fake.state.callsTo('PutMetricData').flatMap((c) => (c.input as { MetricData: { MetricName: string }[] }).MetricData.map((d) => d.MetricName));
    expect(published).not.toContain('ProbeSuccess');
    expect(err.join('')).toMatch(/dead-man's switch .*drills run --heartbeat/);
  }, 60_000);

  it('fails as ABORTED after the bounded wait when the alarm never sees a heartbeat', async () => {
    const { outputs, io, deps, fake, out } = await setup(60_000);
    const started = Date.now();
    const code = await runCommand({ drill: 'task-stop-drain', outputs, yes: true, heartbeat: true, out }, io, { ...deps, heartbeatSettle: { timeoutMs: 1000, everyMs: 200 } });
    expect(code).toBe(3);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);
});
