/** `drills stop`, with real clients against the strict fake AWS. */
import { promises as fs } from 'fs';
import { stopCommand } from '../../../lib/cli/commands/stop';
import { CALLER_ARN } from '../../fixtures/fake-aws/fake-aws-server';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

const setupFake = useFakeAws();

async function setup(scenario: Partial<FakeScenario> = {}) {
  const s = await setupFake({ scenario });
  return { ...s, templateId: s.fake.state.templateFor('task-stop-drain').id };
}

describe('drills stop', () => {
  it('stops only the active experiments this tool started for the caller', async () => {
    const { io, out, fake, templateId } = await setup({ initiatingMs: 10, stoppingMs: 50 });
    const mine = fake.state.start(templateId, 't1', { 'fis-drills:run-id': 'r1', 'fis-drills:operator': CALLER_ARN });
    fake.state.start(templateId, 't2', { 'fis-drills:run-id': 'r2', 'fis-drills:operator': 'arn:someone-else' });
    fake.state.start(templateId, 't3', { drill: 'scheduled' });
    expect(await stopCommand({ allMine: true, pollMs: 20 }, io)).toBe(0);
    expect(fake.state.callsTo('StopExperiment').map((c) => (c.input as { id: string }).id)).toEqual([mine.id]);
    expect(out.join('')).toMatch(new RegExp(`ok {6}${mine.id} {2}stopped`));
  });

  it('rejects both an id and --all-mine, or neither', async () => {
    const { io } = await setup();
    expect(await stopCommand({}, io)).toBe(2);
    expect(await stopCommand({ experimentId: 'E', allMine: true }, io)).toBe(2);
  });

  it('fails with exit 5 when the experiment does not exist, naming the call that failed', async () => {
    const { io, out } = await setup();
    expect(await stopCommand({ experimentId: 'EXPnope' }, io)).toBe(5);
    expect(out.join('')).toMatch(/FAILED {2}EXPnope {2}GetExperiment failed \(nothing was stopped\): ResourceNotFoundException/);
  });
});

describe('drills stop --service', () => {
  /** The demo's stacks keep task-stop-drain's template; an existing Payments-Drills in the same outputs file owns task-hard-kill's. */
  async function twoServices() {
    const s = await setup({ initiatingMs: 10, stoppingMs: 50 });
    const hardKill = s.fake.state.templateFor('task-hard-kill').id;
    const all = s.fake.outputs() as Record<string, Record<string, string>>;
    const demo = Object.fromEntries(Object.entries(all).map(([stack, o]) => [stack, Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith('DrillTaskHardKill')))]));
    const payments = { ServiceUrl: 'https://payments.example.com', ClusterName: 'platform-prod', ServiceName: 'payments-api', DrillTaskHardKillTemplateId: hardKill };
    await fs.writeFile(s.outputs, JSON.stringify({ ...demo, 'Payments-Drills': payments }));
    const mine = { 'fis-drills:operator': CALLER_ARN };
    const demoRun = s.fake.state.start(s.templateId, 't1', { ...mine, 'fis-drills:run-id': 'r1' });
    const paymentsRun = s.fake.state.start(hardKill, 't2', { ...mine, 'fis-drills:run-id': 'r2' });
    return { ...s, demoRun, paymentsRun };
  }

  it("stops only the caller's experiments started from that service's templates", async () => {
    const { io, fake, outputs, paymentsRun } = await twoServices();
    expect(await stopCommand({ service: 'payments', outputs, pollMs: 20 }, io)).toBe(0);
    expect(fake.state.callsTo('StopExperiment').map((c) => (c.input as { id: string }).id)).toEqual([paymentsRun.id]);
  });

  it('rejects an unknown service with exit 2, listing the services the outputs file holds, and stops nothing', async () => {
    const { io, err, fake, outputs } = await twoServices();
    expect(await stopCommand({ service: 'orders', outputs }, io)).toBe(2);
    expect(err.join('')).toMatch(/no stacks of service "orders" \(Orders-Drills\) in \S+: it holds DrillsDemo \(DrillsDemo-Workload, DrillsDemo-Drills\); Payments \(Payments-Drills\)/);
    expect(fake.state.callsTo('StopExperiment')).toEqual([]);
  });
});
