/** `drills doctor --live` checks the deployed task definition for the drills that run inside the task, through the strict fake AWS. */
import { promises as fs } from 'fs';
import * as path from 'path';
import { doctorCommand } from '../../../lib/cli/commands/doctor';
import { recordingIoHost } from '../../../lib/cli/recording-io-host';
import type { FakeDeployment } from '../../fixtures/fake-aws/fake-deployment';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';
import { EXISTING_PAYMENTS } from '../../stacks/two-services';

const setupFake = useFakeAws();
const withoutSidecar = (d: FakeDeployment): FakeDeployment => ({
  ...d,
  taskDefinition: { ...d.taskDefinition, enableFaultInjection: false, containers: d.taskDefinition.containers.filter((c) => !c.image.includes('ssm-agent')) },
});

async function doctorLive(drill: string[] | undefined, amend?: (d: FakeDeployment) => FakeDeployment, servicesInConfig = false) {
  const { fake, dir } = await setupFake(amend ? { amend } : {});
  const existing = { ...EXISTING_PAYMENTS, clusterName: fake.deployment.cluster.name, serviceName: fake.deployment.service.name };
  await fs.writeFile(path.join(dir, 'cdk.json'), JSON.stringify({ context: { drills: servicesInConfig ? { services: [{ name: 'payments', existing, drills: ['task-hard-kill'] }] } : {} } }));
  const io = recordingIoHost();
  const code = await doctorCommand({ paths: [], live: true, cluster: fake.deployment.cluster.name, service: fake.deployment.service.name, json: true, ...(drill ? { drill } : {}) }, io, { cwd: dir });
  const findings = (JSON.parse(io.stdout.join('')) as { findings: { rule: string; message: string }[] }).findings;
  return { code, live: findings.filter((f) => f.rule === 'DRILL-LIVE-1'), err: io.stderr.join(''), fake };
}

describe('drills doctor --live and the in-task prerequisites', () => {
  it('refuses (exit 1) a task definition without the sidecar and fault injection for --drill task-hard-kill, naming the fix', async () => {
    const { code, live, fake } = await doctorLive(['task-hard-kill'], withoutSidecar);
    expect(code).toBe(1);
    expect(live).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^The task definition \S+ lacks enableFaultInjection: true, the SSM agent sidecar: task-hard-kill \(aws:ecs:task-kill-process\) would fail inside the task\. Add them .*docs\/deploy\.md/,
        ),
      }),
    ]);
    expect(fake.state.calls.filter((c) => c.operation === 'DescribeTaskDefinition')).toHaveLength(1);
  });

  it('takes the drills cdk.json gives the existing service with that cluster and service name', async () => {
    const { live } = await doctorLive(undefined, withoutSidecar, true);
    expect(live).toHaveLength(1);
  });

  it('passes a task definition that has what kill-process needs', async () => {
    expect((await doctorLive(['task-hard-kill'])).live).toEqual([]);
  });

  it('does not judge it for a drill that stays outside the task, nor without drills, and says how to name them', async () => {
    expect((await doctorLive(['task-stop-drain'], withoutSidecar)).live).toEqual([]);
    const none = await doctorLive(undefined, withoutSidecar);
    expect(none.live).toEqual([]);
    expect(none.err).toMatch(/not checked for drills that run inside the task .*--drill <id>/);
  });
});

describe('drills doctor --live --service by the name cdk.json gives the service', () => {
  const describedServices = (fake: Awaited<ReturnType<typeof setupFake>>['fake']) =>
    fake.state.calls.filter((c) => c.operation === 'DescribeServices').map((c) => c.input as { cluster?: string; services?: string[] });

  it('reads an existing service by its config name, with the ECS cluster and service names from its existing block, and checks its drills', async () => {
    const { fake, dir } = await setupFake({ amend: withoutSidecar });
    const existing = { ...EXISTING_PAYMENTS, clusterName: fake.deployment.cluster.name, serviceName: fake.deployment.service.name };
    await fs.writeFile(path.join(dir, 'cdk.json'), JSON.stringify({ context: { drills: { services: [{ name: 'payments', existing, drills: ['task-hard-kill'] }] } } }));
    const io = recordingIoHost();
    expect(await doctorCommand({ paths: [], live: true, service: 'payments', json: true }, io, { cwd: dir })).toBe(1);
    expect(describedServices(fake)).toEqual([expect.objectContaining({ cluster: fake.deployment.cluster.name, services: [fake.deployment.service.name] })]);
    const findings = (JSON.parse(io.stdout.join('')) as { findings: { rule: string }[] }).findings;
    expect(findings.filter((f) => f.rule === 'DRILL-LIVE-1')).toHaveLength(1);
  });

  it('reads a service this app built by its config name, with the ECS names from its stacks in the outputs file', async () => {
    const { fake, dir, outputs } = await setupFake();
    await fs.writeFile(path.join(dir, 'cdk.json'), JSON.stringify({ context: { drills: { service: { name: 'drills-demo' } } } }));
    const io = recordingIoHost();
    expect(await doctorCommand({ paths: [], live: true, service: 'drills-demo', outputs, json: true }, io, { cwd: dir })).toBe(0);
    expect(describedServices(fake)).toEqual([expect.objectContaining({ cluster: fake.deployment.cluster.name, services: [fake.deployment.service.name] })]);
  });

  it('rejects with exit 2 a config name whose ECS names no outputs file holds, and a --cluster that contradicts cdk.json, saying what to pass', async () => {
    const { fake, dir } = await setupFake();
    const existing = { ...EXISTING_PAYMENTS, clusterName: fake.deployment.cluster.name, serviceName: fake.deployment.service.name };
    await fs.writeFile(
      path.join(dir, 'cdk.json'),
      JSON.stringify({
        context: {
          drills: {
            services: [
              { name: 'checkout', imageUri: 'x/y:1' },
              { name: 'payments', existing },
            ],
          },
        },
      }),
    );
    const io = recordingIoHost();
    expect(await doctorCommand({ paths: [], live: true, service: 'checkout', outputs: path.join(dir, 'none.json') }, io, { cwd: dir })).toBe(2);
    expect(await doctorCommand({ paths: [], live: true, service: 'payments', cluster: 'other' }, io, { cwd: dir })).toBe(2);
    expect(io.stderr.join('')).toMatch(/checkout is built by this app: its ECS names are made at deploy and no \S+none\.json holds them; pass --outputs <file>/);
    expect(io.stderr.join('')).toMatch(/--cluster other but cdk\.json's service payments runs in cluster \S+ \(ECS service \S+\): drop --cluster/);
    expect(describedServices(fake)).toEqual([]);
  });
});
