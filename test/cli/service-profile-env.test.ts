/**
 * The runner task's config: DRILLS_SERVICE_PROFILE wins over cdk.json; a profile that is not
 * JSON, that the schema refuses, or that is another service's ends `drills run` with exit 2 and
 * says the variable and the fix, before any AWS call.
 */
import * as path from 'path';
import { runCommand } from '../../lib/cli/commands/run';
import { recordingIoHost } from '../../lib/cli/recording-io-host';
import { awsServiceTraffic } from '../../lib/cli/service-traffic';
import { RUNNER_ENV } from '../../lib/contract';
import { EXIT_CODE } from '../../lib/runner/verdict';

const ROOT = path.resolve(__dirname, '../..');
const TEAM = { name: 'payments', healthPath: '/ready', traffic: { requests: { path: '/payments/v2/quote' } }, drills: ['task-stop-drain'] };
const envWith = (profile: string): NodeJS.ProcessEnv => ({ [RUNNER_ENV.serviceProfile]: profile });

/** `drills run task-stop-drain --yes` with this environment; no AWS is reachable (a session would throw). */
async function runWith(env: NodeJS.ProcessEnv, service?: string) {
  const io = recordingIoHost();
  const session = () => {
    throw new Error('no AWS call may be made');
  };
  const code = await runCommand({ drill: 'task-stop-drain', yes: true, service, out: path.join(ROOT, 'evidence-never') }, io, { env, session, interactive: false, cwd: ROOT });
  return { code, stderr: io.stderr.join('\n') };
}

describe('the service profile in the environment (DRILLS_SERVICE_PROFILE)', () => {
  test("reads the service's traffic and health path from it, not from the project's cdk.json", () => {
    const found = awsServiceTraffic(undefined, ROOT, undefined, envWith(JSON.stringify(TEAM)));
    expect(found).toMatchObject({ healthPath: '/ready', traffic: { source: 'service.traffic', profile: TEAM.traffic } });
    // The same call without it reads cdk.json (the demo).
    expect(awsServiceTraffic(undefined, ROOT, undefined, {})).toMatchObject({ healthPath: '/healthz' });
  });

  test('finds the profile’s service by --service, by name or by its stacks’ prefix', () => {
    for (const name of ['payments', 'Payments']) expect(awsServiceTraffic(undefined, ROOT, name, envWith(JSON.stringify(TEAM)))).toMatchObject({ healthPath: '/ready' });
  });

  test('fails with exit 2 when it is not JSON, naming the variable and what to do', async () => {
    const { code, stderr } = await runWith(envWith('{"name": "payments",'));
    expect(code).toBe(EXIT_CODE.USAGE);
    expect(stderr).toMatch(/DRILLS_SERVICE_PROFILE is not JSON .*it begins "\{\\"name\\": \\"payments\\","\); it is written at synth .* and redeploy/);
  });

  test('fails with exit 2 when the schema refuses a setting, listing it as cdk.json would', async () => {
    const { code, stderr } = await runWith(envWith(JSON.stringify({ ...TEAM, healthPath: 5, traffic: { requests: { path: '/x', method: 'FETCH' } } })));
    expect(code).toBe(EXIT_CODE.USAGE);
    expect(stderr).toContain("DRILLS_SERVICE_PROFILE (this runner task's service profile) has");
    expect(stderr).toMatch(/service\.traffic\.requests\.method/);
    expect(stderr).toMatch(/healthPath/);
    expect(stderr).toContain('redeploy');
  });

  test('fails with exit 2 when --service names another service than the profile’s', async () => {
    const { code, stderr } = await runWith(envWith(JSON.stringify(TEAM)), 'orders');
    expect(code).toBe(EXIT_CODE.USAGE);
    expect(stderr).toContain("--service orders: this runner task's DRILLS_SERVICE_PROFILE is the profile of service payments");
  });

  test('fails with exit 2 when it is JSON but not an object', async () => {
    const { code, stderr } = await runWith(envWith('["payments"]'));
    expect(code).toBe(EXIT_CODE.USAGE);
    expect(stderr).toContain('DRILLS_SERVICE_PROFILE must be a JSON object');
  });
});
