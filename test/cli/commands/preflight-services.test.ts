/** `drills preflight --service` and `drills list` with several services, over the strict fake AWS. */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listCommand } from '../../../lib/cli/commands/list';
import { preflightCommand } from '../../../lib/cli/commands/preflight';
import { recordingIoHost } from '../../../lib/cli/recording-io-host';
import type { FakeDeployment } from '../../fixtures/fake-aws/fake-deployment';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';
import { TWO_SERVICES } from '../../stacks/two-services';

const setupFake = useFakeAws();
const probeOk = async () => ({ ok: true, detail: 'GET / → 200' });
const deps = { probe: probeOk, trafficCheck: async () => [] };

/** The fake's deployment of the demo service (DrillsDemo-Workload, -Drills) and, in the same outputs file, an existing service's Payments-Drills. */
async function twoServices(amend?: (d: FakeDeployment) => FakeDeployment) {
  const s = await setupFake(amend ? { amend } : {});
  const payments = { ServiceUrl: 'https://payments.example.com', ClusterName: 'platform-prod', ServiceName: 'payments-api', DrillTaskStopDrainTemplateId: 'EXTpayments' };
  await fs.writeFile(s.outputs, JSON.stringify({ ...s.fake.outputs(), 'Payments-Drills': payments }));
  return s;
}

describe('drills preflight with an outputs file holding two services', () => {
  it('rejects a missing --service as a usage error, naming both services', async () => {
    const { outputs, io, err } = await twoServices();
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs }, io, deps)).toBe(2);
    expect(err.join('')).toMatch(/holds 2 services: DrillsDemo \(DrillsDemo-Workload, DrillsDemo-Drills\); Payments \(Payments-Drills\); choose one with --service <name>/);
  });

  it('checks the service --service names, against its own stacks', async () => {
    const { outputs, io, out, fake } = await twoServices();
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs, service: 'drills-demo' }, io, deps)).toBe(0);
    expect(out.join('')).toMatch(new RegExp(`^ok +template +template ${fake.state.templateFor('task-stop-drain').id} tagged drill=task-stop-drain`, 'm'));
  });

  it('refuses kill-process on a service whose deployed task definition lacks the in-task prerequisites, with the fix', async () => {
    const bare = (d: FakeDeployment): FakeDeployment => ({
      ...d,
      taskDefinition: { ...d.taskDefinition, pidMode: undefined, containers: d.taskDefinition.containers.filter((c) => !c.image.includes('ssm-agent')) },
    });
    const { outputs, io, out } = await twoServices(bare);
    expect(await preflightCommand({ drill: 'task-hard-kill', outputs, service: 'drills-demo' }, io, deps)).toBe(1);
    expect(out.join('')).toMatch(/^FAILED +task definition +\S+ lacks pidMode: task, the SSM agent sidecar: task-hard-kill's aws:ecs:task-kill-process would fail inside the task; add them/m);
  });
});

describe('drills list with services in cdk.json', () => {
  it("shows services × drills, and each drill's services in --json", async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'list-services-'));
    await fs.writeFile(path.join(root, 'cdk.json'), JSON.stringify({ context: { drills: TWO_SERVICES } }));
    const io = recordingIoHost();
    expect(listCommand({}, io, root)).toBe(0);
    const text = io.stdout.join('');
    expect(text).toMatch(/^SERVICE +KIND +task-stop-drain +task-hard-kill +az-outage +dependency-outage +database-failover$/m);
    expect(text).toMatch(/^checkout +managed +yes +yes +- +- +-$/m);
    expect(text).toMatch(/^payments +existing +yes +yes +yes +- +-$/m);
    const json = recordingIoHost();
    listCommand({ json: true }, json, root);
    expect(JSON.parse(json.stdout.join('')).map((d: { id: string; services: string[] }) => [d.id, d.services])).toEqual([
      ['task-stop-drain', ['checkout', 'payments']],
      ['task-hard-kill', ['checkout', 'payments']],
      ['az-outage', ['payments']],
      ['dependency-outage', []],
      ['database-failover', []],
    ]);
    await fs.rm(root, { recursive: true, force: true });
  });
});
