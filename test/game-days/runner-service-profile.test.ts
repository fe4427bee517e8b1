/**
 * The service profile travels with the runner task definition (DRILLS_SERVICE_PROFILE): a team's
 * own stack with its own traffic, and a service given only with `-c` at synth, each get exactly
 * their profile in the task's environment; a bad or oversized profile is refused at synth.
 */
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import { loadServices } from '../../lib/config-services';
import { RUNNER_ENV } from '../../lib/contract';
import { runnerServiceProfile, SERVICE_PROFILE_MAX_BYTES } from '../../lib/game-days/runner-service-profile';
import { ServiceDrills } from '../../lib/service-drills/service-drills';
import { buildServices } from '../../lib/stacks/build-app';
import { DEMO_TRAFFIC, type TrafficProfile } from '../../lib/traffic';
import { ConstructPropsError } from '../../lib/workload/drain-ready-props';
import { teamStack } from '../service-drills/team-stack';
import { demoImageDirectory } from '../stacks/synth-app';

/** A team's own traffic: nothing like the demo's paths. */
const TEAM_TRAFFIC: TrafficProfile = {
  headers: { authorization: 'Bearer ${env:PAYMENTS_TOKEN}' },
  requests: { method: 'GET', path: '/payments/v2/quote?currency=EUR', expectStatus: [200] },
};

const scheduled = catalogue.filter((d) => d.schedule);

type Container = { Name: string; Environment?: { Name: string; Value: unknown }[] };

/** The runner container's DRILLS_SERVICE_PROFILE, parsed. */
function runnerProfile(template: Template): Record<string, unknown> {
  const defs = Object.values(template.findResources('AWS::ECS::TaskDefinition')).flatMap((r) => r.Properties.ContainerDefinitions as Container[]);
  const values = defs.flatMap((c) => (c.Environment ?? []).filter((e) => e.Name === RUNNER_ENV.serviceProfile).map((e) => e.Value));
  expect(values).toHaveLength(1);
  expect(typeof values[0]).toBe('string');
  return JSON.parse(values[0] as string) as Record<string, unknown>;
}

describe('the runner task carries its service profile (DRILLS_SERVICE_PROFILE)', () => {
  beforeAll(() => expect(scheduled.length).toBeGreaterThan(0));

  test("a team's own stack (ServiceDrills, no cdk.json, no context) gets exactly its own traffic and health path", () => {
    const { stack, web } = teamStack();
    new ServiceDrills(stack, 'Drills', { service: web, name: 'payments', drills: scheduled, gameDays: true, serviceProfile: { traffic: TEAM_TRAFFIC, healthPath: '/ready' } });
    const profile = runnerProfile(Template.fromStack(stack));
    expect(profile).toMatchObject({ name: 'payments', healthPath: '/ready', drills: scheduled.map((d) => d.id) });
    expect(profile.traffic).toEqual(TEAM_TRAFFIC);
    expect(profile.traffic).not.toEqual(DEMO_TRAFFIC);
    // `${env:…}` travels as written, but not as `${` in the template (cfn-lint E1029 reads that as Fn::Sub's).
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('${env:');
    // What the CLI reads back from it is that service, with that traffic (the same loader as cdk.json).
    const [read] = loadServices((key) => (key === 'drills' ? { services: [profile] } : undefined));
    expect({ name: read.name, traffic: read.config.service.traffic, healthPath: read.config.service.healthPath }).toEqual({ name: 'payments', traffic: TEAM_TRAFFIC, healthPath: '/ready' });
    // The app container's own settings do not travel.
    expect(Object.keys(profile)).not.toEqual(expect.arrayContaining(['environment']));
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp("sends the demo's traffic"))).toEqual([]);
  });

  test('a service given only with -c at synth gets that service’s profile, not the defaults', () => {
    const app = new App({
      context: { 'service.name': 'orders', 'service.healthPath': '/status', 'service.traffic': JSON.stringify(TEAM_TRAFFIC), 'drills.gameDays': 'true' },
    });
    const services = loadServices((key) => app.node.tryGetContext(key), { catalogue });
    const [built] = buildServices(app, { services, catalogue, demoImageDirectory: demoImageDirectory() });
    expect(built.drills.stackName).toBe('Orders-Drills');
    const profile = runnerProfile(Template.fromStack(built.drills));
    expect(profile).toMatchObject({ name: 'orders', healthPath: '/status' });
    expect(profile.traffic).toEqual(TEAM_TRAFFIC);
  });

  test('warns at synth when a ServiceDrills gives no traffic: its game days would send the demo’s', () => {
    const { stack, web } = teamStack();
    new ServiceDrills(stack, 'Drills', { service: web, name: 'payments', drills: scheduled, gameDays: true });
    Annotations.fromStack(stack).hasWarning('/Team/Drills', Match.stringLikeRegexp("sends the demo's traffic \\(no serviceProfile.traffic given\\)"));
    expect(runnerProfile(Template.fromStack(stack)).traffic).toEqual(DEMO_TRAFFIC);
  });

  test('rejects at synth a profile the config schema refuses, naming the variable and the setting', () => {
    const { stack, web } = teamStack();
    const bad = { requests: { path: '/x', method: 'FETCH' } } as unknown as TrafficProfile;
    let thrown: unknown;
    try {
      new ServiceDrills(stack, 'Drills', { service: web, name: 'payments', drills: scheduled, gameDays: true, serviceProfile: { traffic: bad } });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConstructPropsError);
    expect((thrown as ConstructPropsError).problems).toEqual([
      expect.stringMatching(/^serviceProfile of payments \(the game-day runner's DRILLS_SERVICE_PROFILE\): service\.traffic\.requests\.method/),
    ]);
  });

  test('rejects a profile named after another service', () => {
    const result = runnerServiceProfile({ name: 'payments', settings: { name: 'orders' }, drillIds: ['task-stop-drain'] });
    expect(result).toEqual({ problems: [expect.stringContaining('name is "orders" but the service is named payments')] });
  });

  test(`rejects a profile over ${SERVICE_PROFILE_MAX_BYTES} bytes, which the task definition could not hold, and accepts one just under`, () => {
    const withBody = (n: number): TrafficProfile => ({ requests: { method: 'POST', path: '/p', body: { pad: 'x'.repeat(n) } } });
    const size = (n: number) => Buffer.byteLength((runnerServiceProfile({ name: 'p', settings: { traffic: withBody(n) }, drillIds: ['task-stop-drain'] }) as { json: string }).json);
    const overhead = size(0);
    const fits = runnerServiceProfile({ name: 'p', settings: { traffic: withBody(SERVICE_PROFILE_MAX_BYTES - overhead) }, drillIds: ['task-stop-drain'] });
    expect('json' in fits && Buffer.byteLength(fits.json)).toBe(SERVICE_PROFILE_MAX_BYTES);
    const over = runnerServiceProfile({ name: 'p', settings: { traffic: withBody(SERVICE_PROFILE_MAX_BYTES - overhead + 1) }, drillIds: ['task-stop-drain'] });
    expect(over).toEqual({ problems: [expect.stringMatching(new RegExp(`is ${SERVICE_PROFILE_MAX_BYTES + 1} bytes of JSON, over the ${SERVICE_PROFILE_MAX_BYTES}.*make service.traffic smaller`))] });
  });
});
