/** `drills rehearse --service <name>`: the chosen service's profile (settings, traffic, drills) from cdk.json's `services`. */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { rehearseCommand } from '../../lib/cli/commands/rehearse';
import { recordingIoHost } from '../../lib/cli/recording-io-host';
import { rehearsalTarget } from '../../lib/cli/rehearsal-target';
import { rehearsalConfig } from '../../lib/config-rehearsal';
import { TWO_SERVICES } from '../stacks/two-services';

const PAYMENTS_TRAFFIC = { requests: { path: '/health' } };
const CONTEXT = {
  ...TWO_SERVICES,
  services: [TWO_SERVICES.services[0], { ...TWO_SERVICES.services[1], traffic: PAYMENTS_TRAFFIC, drills: ['task-stop-drain', 'az-outage'] }],
};
const lookup = (key: string) => (key === 'drills' ? CONTEXT : undefined);

function targetOf(ids: string[], service?: string) {
  const target = rehearsalTarget(ids, service, lookup);
  if ('usage' in target) throw new Error(target.usage);
  return target;
}

describe('rehearse --service', () => {
  test("takes the named service's settings, traffic and drills (by name or stack prefix, any case)", () => {
    for (const name of ['payments', 'Payments']) {
      const target = targetOf([], name);
      expect(target.drills.map((d) => d.id)).toEqual(['task-stop-drain', 'az-outage']);
      const { config } = rehearsalConfig(target.lookup, {}, target.drills);
      expect([config.service.name, config.service.healthPath, config.service.processName, config.service.traffic]).toEqual(['payments', '/health', 'java', PAYMENTS_TRAFFIC]);
    }
  });

  test('takes the first service without --service, and the ids given over its drills', () => {
    const target = targetOf(['task-hard-kill']);
    expect(target.drills.map((d) => d.id)).toEqual(['task-hard-kill']);
    expect(rehearsalConfig(target.lookup, { stopTimeout: 90 }, target.drills).config.service).toMatchObject({ name: 'checkout', stopTimeoutSeconds: 90, healthCheckCommand: '/app/healthcheck' });
  });

  test('reads a config with the single `service` key as a list of one', () => {
    const single = (key: string) => (key === 'drills' ? { service: { name: 'orders', healthPath: '/ready' } } : undefined);
    const target = rehearsalTarget([], 'orders', single);
    expect('usage' in target ? target.usage : rehearsalConfig(target.lookup, {}, target.drills).config.service.healthPath).toBe('/ready');
  });

  test('rejects a service whose own `drills` list names a drill not in the catalogue, instead of rehearsing nothing', () => {
    const typo = (key: string) => (key === 'drills' ? { ...CONTEXT, services: [CONTEXT.services[0], { ...CONTEXT.services[1], drills: ['task-stop-drian'] }] } : undefined);
    expect(rehearsalTarget([], 'payments', typo)).toEqual({
      usage:
        "cdk.json: the drills of service payments name 'task-stop-drian', not in the catalogue (known: task-stop-drain, task-hard-kill, az-outage, dependency-outage, database-failover); fix that service's `drills` list",
    });
    // ids given on the command line replace the service's list, typo included
    const given = rehearsalTarget(['task-hard-kill'], 'payments', typo);
    expect('usage' in given ? given.usage : given.drills.map((d) => d.id)).toEqual(['task-hard-kill']);
  });

  test('rejects an unknown service with exit 2, listing the services cdk.json has', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-service-'));
    try {
      await fs.writeFile(path.join(root, 'cdk.json'), JSON.stringify({ context: { drills: CONTEXT } }));
      const io = recordingIoHost();
      expect(await rehearseCommand({ ids: [], service: 'orders' }, io, { cwd: root })).toBe(2);
      expect(io.stderr.join('')).toMatch(/--service orders: no such service in cdk\.json \(it has checkout, payments\); use one of those names/);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
