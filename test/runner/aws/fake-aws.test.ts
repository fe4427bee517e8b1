/**
 * The real SDK clients, built from the default chain, against the local fake of the AWS
 * endpoints: proves the wire protocols and `AWS_ENDPOINT_URL_<SERVICE>` routing end to end.
 */
import { findDrill } from '../../../experiments';
import { createClients, destroyClients, type AwsClients } from '../../../lib/runner/aws/clients';
import { FisEngine } from '../../../lib/runner/aws/fis-engine';
import { fisApi } from '../../../lib/runner/aws/fis-api';
import { identityApi } from '../../../lib/runner/aws/identity-api';
import { metricsApi } from '../../../lib/runner/aws/metrics-api';
import { runPreflight } from '../../../lib/runner/aws/preflight';
import { resolveOutputs } from '../../../lib/runner/aws/resolve-outputs';
import { serviceApi } from '../../../lib/runner/aws/service-api';
import { stackApi } from '../../../lib/runner/aws/stack-api';
import { startFakeAws, stackOutputs, type FakeAws } from '../../fixtures/fake-aws/fake-aws-server';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';

const drill = findDrill('task-stop-drain')!;
const saved = { ...process.env };
let fake: FakeAws;
let clients: AwsClients;

async function withFake(scenario: Partial<FakeScenario> = {}) {
  fake = await startFakeAws(scenario);
  Object.assign(process.env, fake.env());
  delete process.env.AWS_PROFILE;
  clients = createClients();
  const apis = { fis: fisApi(clients.fis), metrics: metricsApi(clients.cloudwatch), service: serviceApi(clients.ecs), identity: identityApi(clients.sts) };
  const deployed = resolveOutputs({ Drills: stackOutputs(fake.state) });
  return { apis, deployed };
}

afterEach(async () => {
  if (clients) destroyClients(clients);
  await fake?.close();
  process.env = { ...saved };
});

describe('the AWS adapters against a local fake of the endpoints', () => {
  it('reads stack outputs through CloudFormation and the caller through STS', async () => {
    await withFake();
    const stack = await stackApi(clients.cloudformation).outputs('Drills');
    expect(resolveOutputs({ [stack.stackName]: stack.outputs }, stack.stackId ? { [stack.stackName]: stack.stackId } : {})).toMatchObject({ clusterName: 'drills-demo', account: '111122223333' });
    expect(await identityApi(clients.sts).callerIdentity()).toEqual({ account: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/oncall/e2e', region: 'eu-west-1' });
  });

  it('passes preflight and starts nothing', async () => {
    const { apis, deployed } = await withFake();
    const result = await runPreflight({ apis, deployed, drillId: drill.id, probe: async () => ({ ok: true, detail: 'stub' }) });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
  });

  it('sends actionsMode skip-all on the wire for a dry run', async () => {
    const { apis, deployed } = await withFake({ initiatingMs: 50 });
    const result = await runPreflight({ apis, deployed, drillId: drill.id, probe: async () => ({ ok: true, detail: 'stub' }), dryRun: { runId: 'dry', pollMs: 50 } });
    expect(result.checks.at(-1)).toMatchObject({ ok: true, detail: expect.stringMatching(/would hit 1 target/) });
    expect(fake.state.callsTo('StartExperiment')[0].input).toMatchObject({ experimentOptions: { actionsMode: 'skip-all' } });
  });

  it('runs an experiment to completion, riding out throttling, and reads figures', async () => {
    const { apis, deployed } = await withFake({ initiatingMs: 100, runningMs: 400, throttleGetExperiment: 2 });
    const engine = new FisEngine({ ...apis, deployed, templateId: 'EXTfake0001', runId: 'run-ok', operator: 'arn:op', poll: { initialMs: 50, maxMs: 200, factor: 1.5 }, recoveryPollMs: 50 });
    const injection = await engine.inject(drill);
    expect(injection).toEqual({ injected: true, targets: ['task0001'] });
    await new Promise((r) => setTimeout(r, 3100));
    expect((await engine.awaitRecovery(5000)).recovered).toBe(true);
    expect(engine.figures()).toMatchObject({ 'alb.5xx': 0, 'alb.healthyHosts.min': 1, 'tasks.sigkilled': 0, 'replacement.launchSeconds': expect.any(Number), 'fault.targets': 1 });
    expect(fake.state.callsTo('GetMetricData')).toHaveLength(1);
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(0);
  });

  it('stops the experiment on abort and waits until FIS says stopped', async () => {
    const { apis, deployed } = await withFake({ initiatingMs: 50, runningMs: 60_000, stoppingMs: 300 });
    const controller = new AbortController();
    const engine = new FisEngine({ ...apis, deployed, templateId: 'EXTfake0001', runId: 'run-int', operator: 'arn:op', signal: controller.signal, poll: { initialMs: 50, maxMs: 200, factor: 1.5 } });
    setTimeout(() => controller.abort('SIGINT'), 400);
    const injection = await engine.inject(drill);
    expect(injection.aborted).toMatch(/SIGINT/);
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
    expect(fake.state.statusOf(fake.state.experiments[0]).status).toBe('stopped');
    await engine.close();
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
  });

  it('fails as ABORTED naming the alarm when the fake ends the experiment by a stop condition', async () => {
    const { apis, deployed } = await withFake({ initiatingMs: 50, runningMs: 100, endsAs: 'stopped', alarmState: 'ALARM' });
    const engine = new FisEngine({ ...apis, deployed, templateId: 'EXTfake0001', runId: 'run-sc', operator: 'arn:op', poll: { initialMs: 50, maxMs: 100, factor: 1.5 } });
    expect((await engine.inject(drill)).aborted).toMatch(/drills-demo-error-rate/);
  });
});
