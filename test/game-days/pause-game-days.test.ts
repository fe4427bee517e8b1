/**
 * Pausing every game day at once, as docs/game-days.md says: `drills.gameDaysEnabled=false` and a
 * deploy turns every schedule of every service DISABLED and changes nothing else; and every
 * schedule of a service is in its schedule group `fis-drills-<service>`, the prefix the
 * documented AWS CLI loop looks for.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import { loadServices } from '../../lib/config-services';
import { GAME_DAY_SCHEDULE_GROUP_PREFIX, gameDayScheduleGroup } from '../../lib/contract';
import { buildGuardedServices } from '../../lib/stacks/build-guarded-app';
import { demoImageDirectory } from '../stacks/synth-app';
import { TWO_SERVICES } from '../stacks/two-services';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** Every Drills stack's template, by stack name, for the two-service app with game days on. */
function drillsTemplates(enabled: boolean): Record<string, Record<string, unknown>> {
  const app = new App();
  const context = { ...TWO_SERVICES, drills: { gameDays: true, gameDaysEnabled: enabled } };
  const services = loadServices((key) => (key === 'drills' ? context : undefined), { catalogue });
  const built = buildGuardedServices(app, { services, catalogue, demoImageDirectory: demoImageDirectory() });
  return Object.fromEntries(built.map((b) => [(b.drills as Stack).stackName, Template.fromStack(b.drills).toJSON() as Record<string, unknown>]));
}

function schedules(template: Record<string, unknown>): { State: unknown; GroupName: unknown }[] {
  return Object.values(template.Resources as Resources)
    .filter((r) => r.Type === 'AWS::Scheduler::Schedule')
    .map((r) => r.Properties as { State: unknown; GroupName: unknown });
}

/** The template with every schedule's State taken out. */
function withoutStates(template: Record<string, unknown>): string {
  return JSON.stringify(template, (key, value: unknown) => (key === 'State' ? undefined : value));
}

describe('pausing every game day of an app with two services', () => {
  let running: Record<string, Record<string, unknown>>;
  let paused: Record<string, Record<string, unknown>>;
  beforeAll(() => {
    running = drillsTemplates(true);
    paused = drillsTemplates(false);
  });

  test('drills.gameDaysEnabled=false turns every schedule of every service DISABLED, true ENABLED', () => {
    expect(Object.keys(running)).toEqual(['Checkout-Drills', 'Payments-Drills']);
    for (const name of Object.keys(running)) {
      expect(schedules(running[name]).length).toBeGreaterThan(0);
      expect(schedules(running[name]).map((s) => s.State)).toEqual(schedules(running[name]).map(() => 'ENABLED'));
      expect(schedules(paused[name]).map((s) => s.State)).toEqual(schedules(running[name]).map(() => 'DISABLED'));
    }
  });

  test('changes nothing but the schedules’ state (a deploy pauses, it does not rebuild)', () => {
    for (const name of Object.keys(running)) expect(withoutStates(paused[name])).toBe(withoutStates(running[name]));
  });

  test('puts every schedule of a service in its group fis-drills-<service>, the prefix the AWS CLI loop filters on', () => {
    expect(Object.entries(running).map(([name, t]) => [name, [...new Set(schedules(t).map((s) => s.GroupName))]])).toEqual([
      ['Checkout-Drills', ['fis-drills-checkout']],
      ['Payments-Drills', ['fis-drills-payments']],
    ]);
    expect(gameDayScheduleGroup('checkout').startsWith(GAME_DAY_SCHEDULE_GROUP_PREFIX)).toBe(true);
  });
});

describe('the schedule group name', () => {
  test('keeps to what Scheduler accepts: 64 characters of letters, digits, - _ .', () => {
    expect(gameDayScheduleGroup('payments-api')).toBe('fis-drills-payments-api');
    const long = gameDayScheduleGroup(`Team/${'x'.repeat(80)}`);
    expect(long).toMatch(/^fis-drills-Team-x+$/);
    expect(long).toHaveLength(64);
  });
});
