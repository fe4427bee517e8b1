/**
 * `drills preflight` on a service whose task definition the app may not have built: the drill's
 * in-task actions are checked against the deployed task definition (ECS DescribeServices, then
 * DescribeTaskDefinition), through the real SDK clients and the strict fake AWS.
 */
import { findDrill } from '../../../experiments';
import { inTaskActionsOf } from '../../../lib/fis/task-action-prerequisites';
import { createClients, destroyClients, type AwsClients } from '../../../lib/runner/aws/clients';
import { fisApi } from '../../../lib/runner/aws/fis-api';
import { identityApi } from '../../../lib/runner/aws/identity-api';
import { metricsApi } from '../../../lib/runner/aws/metrics-api';
import { runPreflight } from '../../../lib/runner/aws/preflight';
import { resolveOutputs } from '../../../lib/runner/aws/resolve-outputs';
import { serviceApi } from '../../../lib/runner/aws/service-api';
import type { FakeDeployment } from '../../fixtures/fake-aws/fake-deployment';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

const setup = useFakeAws();
let clients: AwsClients | undefined;
afterEach(() => {
  if (clients) destroyClients(clients);
  clients = undefined;
});

async function preflightOf(drillId: string, amend?: (d: FakeDeployment) => FakeDeployment) {
  const s = await setup(amend ? { amend } : {});
  clients = createClients();
  const apis = { fis: fisApi(clients.fis), metrics: metricsApi(clients.cloudwatch), service: serviceApi(clients.ecs), identity: identityApi(clients.sts) };
  const drill = findDrill(drillId)!;
  const result = await runPreflight({ apis, deployed: resolveOutputs(s.fake.outputs()), drillId, inTaskActions: inTaskActionsOf(drill), probe: async () => ({ ok: true, detail: 'stub' }) });
  const asked = s.fake.state.calls.filter((c) => c.operation === 'DescribeTaskDefinition').map((c) => (c.input as { taskDefinition: string }).taskDefinition);
  return { result, asked, fake: s.fake, check: result.checks.find((c) => c.name === 'task definition') };
}

/** What a task definition written without the FIS prerequisites looks like (no sidecar, no pidMode, no fault injection). */
const bare = (d: FakeDeployment): FakeDeployment => ({
  ...d,
  taskDefinition: {
    ...d.taskDefinition,
    pidMode: undefined,
    enableFaultInjection: undefined,
    containers: d.taskDefinition.containers.filter((c) => !c.image.includes('ssm-agent') && !c.name.includes('ssm-agent')),
  },
});

describe("preflight checks the deployed task definition for the drill's in-task actions", () => {
  it('passes kill-process on a task definition with the sidecar, pidMode task and fault injection, read from the service', async () => {
    const { result, asked, fake, check } = await preflightOf('task-hard-kill');
    expect(asked).toEqual([fake.deployment.taskDefinition.arn]);
    expect(check).toMatchObject({ ok: true, detail: expect.stringMatching(/:1 has what aws:ecs:task-kill-process need\(s\)/) });
    expect(result.ok).toBe(true);
  });

  it('refuses kill-process on a task definition without them, naming each missing part and the fix', async () => {
    const { result, check } = await preflightOf('task-hard-kill', bare);
    expect(result.ok).toBe(false);
    expect(check?.ok).toBe(false);
    expect(check?.detail).toMatch(
      /:1 lacks enableFaultInjection: true, pidMode: task, the SSM agent sidecar: task-hard-kill's aws:ecs:task-kill-process would fail inside the task; add them to the service's task definition and deploy it \(docs\/deploy\.md/,
    );
  });

  it('does not read the task definition for a drill with no in-task action', async () => {
    const { result, asked, check } = await preflightOf('task-stop-drain', bare);
    expect(asked).toEqual([]);
    expect(check).toBeUndefined();
    expect(result.ok).toBe(true);
  });
});
