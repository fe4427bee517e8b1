/**
 * The real SDK clients, built from the default chain, against the strict fake of the AWS
 * endpoints (built from the synthesized app): proves the wire protocols and
 * `AWS_ENDPOINT_URL_<SERVICE>` routing end to end, and that the fake refuses what the templates
 * do not define — the property that makes the tests over it able to fail.
 */
import { findDrill } from '../../../experiments';
import { createClients, destroyClients, type AwsClients } from '../../../lib/runner/aws/clients';
import { FisEngine } from '../../../lib/runner/aws/fis-engine';
import { fisApi } from '../../../lib/runner/aws/fis-api';
import { identityApi } from '../../../lib/runner/aws/identity-api';
import { metricsApi } from '../../../lib/runner/aws/metrics-api';
import { windowQueries } from '../../../lib/runner/aws/metric-queries';
import { runPreflight } from '../../../lib/runner/aws/preflight';
import { resolveOutputs } from '../../../lib/runner/aws/resolve-outputs';
import { serviceApi } from '../../../lib/runner/aws/service-api';
import { stackApi } from '../../../lib/runner/aws/stack-api';
import { CALLER_ARN } from '../../fixtures/fake-aws/fake-aws-server';
import { useFakeAws, type SetupOptions } from '../../fixtures/fake-aws/fake-aws-setup';

const drill = findDrill('task-stop-drain')!;
const setup = useFakeAws();
let clients: AwsClients | undefined;

async function withFake(options: SetupOptions = {}) {
  const s = await setup(options);
  clients = createClients();
  const apis = { fis: fisApi(clients.fis), metrics: metricsApi(clients.cloudwatch), service: serviceApi(clients.ecs), identity: identityApi(clients.sts) };
  const deployed = resolveOutputs(s.fake.outputs());
  const templateId = s.fake.state.templateFor(drill.id).id;
  return { ...s, apis, deployed, templateId };
}

afterEach(() => {
  if (clients) destroyClients(clients);
  clients = undefined;
});

describe('the AWS adapters against the strict fake', () => {
  it('reads stack outputs through CloudFormation and the caller through STS', async () => {
    const { fake } = await withFake();
    const stackName = Object.keys(fake.deployment.outputs).find((n) => n.endsWith('-Workload')) as string;
    const stack = await stackApi(clients!.cloudformation).outputs(stackName);
    expect(resolveOutputs({ [stack.stackName]: stack.outputs }, stack.stackId ? { [stack.stackName]: stack.stackId } : {})).toMatchObject({
      clusterName: fake.deployment.cluster.name,
      account: '111122223333',
    });
    expect(await identityApi(clients!.sts).callerIdentity()).toEqual({ account: '111122223333', arn: CALLER_ARN, region: 'eu-west-1' });
  });

  it('passes preflight and starts nothing', async () => {
    const { apis, deployed, fake } = await withFake();
    const result = await runPreflight({ apis, deployed, drillId: drill.id, probe: async () => ({ ok: true, detail: 'stub' }) });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
  });

  it('sends actionsMode skip-all on the wire for a dry run, tagged with the operator', async () => {
    const { apis, deployed, fake } = await withFake({ scenario: { initiatingMs: 50 } });
    const result = await runPreflight({ apis, deployed, drillId: drill.id, probe: async () => ({ ok: true, detail: 'stub' }), dryRun: { runId: 'dry', pollMs: 50 } });
    expect(result.checks.at(-1)).toMatchObject({ ok: true, detail: expect.stringMatching(/would hit 1 target/) });
    expect(fake.state.callsTo('StartExperiment')[0].input).toMatchObject({
      clientToken: 'dry-dry-run',
      experimentOptions: { actionsMode: 'skip-all' },
      tags: { 'fis-drills:operator': CALLER_ARN, 'fis-drills:dry-run': 'true' },
    });
  });

  it('runs an experiment to completion, riding out throttling, and reads figures', async () => {
    const { apis, deployed, templateId, fake } = await withFake({ scenario: { initiatingMs: 100, runningMs: 400, throttleGetExperiment: 2 } });
    const engine = new FisEngine({ ...apis, deployed, templateId, runId: 'run-ok', operator: 'arn:op', poll: { initialMs: 50, maxMs: 200, factor: 1.5 }, recoveryPollMs: 50, runningPollMs: 50 });
    const injection = await engine.inject(drill);
    expect(injection).toEqual({ injected: true, targets: [fake.state.tasks[0].id] });
    expect((await engine.awaitRecovery(5000)).recovered).toBe(true);
    expect(engine.figures()).toMatchObject({
      'alb.5xx': 0,
      'alb.healthyHosts.min': 1,
      'tasks.sigkilled': 0,
      'tasks.running.min': 1,
      'replacement.launchSeconds': expect.any(Number),
      'fault.targets': 1,
    });
    expect(fake.state.callsTo('GetMetricData')).toHaveLength(1);
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(0);
  });

  it('stops the experiment on abort and waits until FIS says stopped', async () => {
    const { apis, deployed, templateId, fake } = await withFake({ scenario: { initiatingMs: 50, runningMs: 60_000, stoppingMs: 300 } });
    const controller = new AbortController();
    const engine = new FisEngine({ ...apis, deployed, templateId, runId: 'run-int', operator: 'arn:op', signal: controller.signal, poll: { initialMs: 50, maxMs: 200, factor: 1.5 } });
    setTimeout(() => controller.abort('SIGINT'), 400);
    const injection = await engine.inject(drill);
    expect(injection.aborted).toMatch(/SIGINT/);
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
    expect(fake.state.statusOf(fake.state.experiments[0]).status).toBe('stopped');
    await engine.close();
    expect(fake.state.callsTo('StopExperiment')).toHaveLength(1);
  });

  it('fails as ABORTED naming the alarm when the fake ends the experiment by a stop condition', async () => {
    const { apis, deployed, templateId } = await withFake({ scenario: { initiatingMs: 50, runningMs: 100, endsAs: 'stopped', alarmStatesDuringFault: { 'drills-demo-error-rate': 'ALARM' } } });
    const engine = new FisEngine({ ...apis, deployed, templateId, runId: 'run-sc', operator: 'arn:op', poll: { initialMs: 50, maxMs: 100, factor: 1.5 } });
    expect((await engine.inject(drill)).aborted).toMatch(/drills-demo-error-rate/);
  });
});

describe('the strict fake refuses what the templates do not define', () => {
  it('gives the ECS service a generated name, unlike the cluster and the config', async () => {
    const { fake } = await withFake();
    expect(fake.deployment.service.name).toMatch(/^DrillsDemo-Workload-Service[0-9A-F]{8}-/);
    expect(new Set([fake.deployment.service.name, fake.deployment.cluster.name, 'drills-demo']).size).toBe(3);
  });

  it('rejects DescribeServices with the cluster and service swapped, or under the config name', async () => {
    const { apis, deployed } = await withFake();
    await expect(apis.service.describeService(deployed.serviceName, deployed.clusterName)).rejects.toThrow(/ClusterNotFoundException|Cluster not found/);
    await expect(apis.service.describeService(deployed.clusterName, 'drills-demo')).rejects.toThrow(/MISSING/);
    await expect(apis.service.describeService(deployed.clusterName, deployed.serviceName)).resolves.toMatchObject({ name: deployed.serviceName, desired: 2 });
  });

  it('answers DescribeTasks for unknown tasks with MISSING failures, never silently', async () => {
    const { apis, deployed, fake } = await withFake();
    expect(await apis.service.describeTasks(deployed.clusterName, [fake.state.tasks[0].arn, 'deadbeef'])).toMatchObject({
      tasks: [{ id: fake.state.tasks[0].id }],
      failures: [{ arn: 'deadbeef', reason: 'MISSING' }],
    });
  });

  it('knows alarms only by their template names, and composite alarms only when asked for', async () => {
    const { apis, fake } = await withFake({
      amend: (d) => ({
        ...d,
        alarms: [...d.alarms, { name: 'drills-demo-any-harm', arn: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:drills-demo-any-harm', type: 'CompositeAlarm', series: [] }],
      }),
    });
    const found = await apis.metrics.describeAlarms(['drills-demo-error-rate', 'drills-demo-any-harm', 'no-such-alarm']);
    expect(found.map((a) => a.name).sort()).toEqual(['drills-demo-any-harm', 'drills-demo-error-rate']);
    expect(fake.state.callsTo('DescribeAlarms')[0].input).toMatchObject({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
  });

  it('returns datapoints only for a series an alarm watches: a wrong dimension gets none', async () => {
    const { apis, deployed } = await withFake();
    const queries = windowQueries(deployed).filter((q) => q.id === 'running_tasks');
    const swapped = queries.map((q) => ({ ...q, id: 'swapped', dimensions: { ClusterName: deployed.serviceName, ServiceName: deployed.clusterName } }));
    const { series } = await apis.metrics.getMetricData([...queries, ...swapped], new Date(Date.now() - 600_000), new Date());
    expect(series.find((s) => s.id === 'running_tasks')?.values.length).toBeGreaterThan(0);
    expect(series.find((s) => s.id === 'swapped')?.values).toEqual([]);
  });

  it('refuses a template id the app does not define', async () => {
    const { apis } = await withFake();
    await expect(apis.fis.getTemplate('EXTnotdeployed00')).rejects.toThrow(/ResourceNotFoundException|not found/);
  });
});
