/**
 * `drills game-days pause|resume` over the strict fake AWS synthesized with game days on and
 * ENABLED: GetSchedule + UpdateSchedule through the real SDK client, every member of each schedule
 * kept as the template defined it (the fake's UpdateSchedule replaces the whole schedule, as
 * Scheduler does), a prompt unless --yes, and names the app does not define refused.
 */
import { EventEmitter } from 'events';
import { gameDaysCommand, type GameDaysArgs, type GameDaysDeps } from '../../lib/cli/commands/game-days';
import { COMMAND_EXIT } from '../../lib/cli/command-exit';
import { gameDayScheduleGroup } from '../../lib/contract';
import type { FakeScheduleBody } from '../fixtures/fake-aws/fake-scheduler';
import { useFakeAws } from '../fixtures/fake-aws/fake-aws-setup';

const setup = useFakeAws({ synth: { config: { drills: { gameDays: true, gameDaysEnabled: true } } } });
const GROUP = gameDayScheduleGroup('drills-demo');

const withoutState = ({ State: _state, ...rest }: FakeScheduleBody) => rest;

async function gameDays(args: GameDaysArgs, deps: GameDaysDeps = {}) {
  const s = await setup();
  const run = (a: GameDaysArgs, d: GameDaysDeps = deps) => gameDaysCommand(a, s.io, { interactive: false, signals: new EventEmitter() as never, ...d });
  const code = await run(args);
  return { s, code, run, states: () => [...s.fake.scheduler.schedules.values()].map((x) => x.State) };
}

describe('drills game-days pause|resume', () => {
  test('pauses every game-day schedule with --yes, keeping every other member as the template defined it, and resumes them', async () => {
    const { s, code, run, states } = await gameDays({ action: 'pause', yes: true, json: true });
    expect(code).toBe(COMMAND_EXIT.OK);
    const defined = [...s.fake.scheduler.defined.values()];
    expect(defined.length).toBeGreaterThan(0);
    expect(defined.map((d) => d.State)).toEqual(defined.map(() => 'ENABLED'));
    expect(states()).toEqual(defined.map(() => 'DISABLED'));
    for (const [key, now] of s.fake.scheduler.schedules) expect(withoutState(now)).toEqual(withoutState(s.fake.scheduler.defined.get(key) as FakeScheduleBody));
    const json = JSON.parse(s.out.join('')) as { action: string; ok: boolean; schedules: { group: string; from: string; to: string; changed: boolean }[] };
    expect(json).toEqual({ action: 'pause', ok: true, schedules: defined.map((d) => ({ group: GROUP, name: d.Name, from: 'ENABLED', to: 'DISABLED', changed: true })) });
    expect(s.err.join('\n')).toContain(`paused ${GROUP}/${defined[0].Name} (was ENABLED)`);
    // Resumed, each schedule is again exactly the template's.
    expect(await run({ action: 'resume', yes: true })).toBe(COMMAND_EXIT.OK);
    for (const [key, now] of s.fake.scheduler.schedules) expect(now).toEqual(s.fake.scheduler.defined.get(key));
    expect(s.fake.state.callsTo('UpdateSchedule')).toHaveLength(defined.length * 2);
  }, 300_000);

  test('leaves a schedule already in the asked state alone: nothing is sent', async () => {
    const { s, code, run } = await gameDays({ action: 'resume', yes: true, service: 'drills-demo' });
    expect(code).toBe(COMMAND_EXIT.OK);
    expect(s.fake.state.callsTo('UpdateSchedule')).toEqual([]);
    expect(s.out.join('\n')).toMatch(/^1 of 1 game-day schedule\(s\) ENABLED; a deploy that updates a schedule sets it back/);
    expect(await run({ action: 'pause', yes: true, service: 'drills-demo' })).toBe(COMMAND_EXIT.OK);
    expect(s.fake.state.callsTo('UpdateSchedule')).toHaveLength(1);
  }, 300_000);

  test('asks first at a terminal, and changes nothing when the answer is no (exit 3)', async () => {
    const questions: string[] = [];
    const { s, code, states } = await gameDays({ action: 'pause' }, { interactive: true, confirm: async (q) => (questions.push(q), false) });
    expect(questions).toEqual([expect.stringMatching(/^Pause 1 game-day schedule\(s\) in account 111122223333\? \[y\/N\] $/)]);
    expect(code).toBe(COMMAND_EXIT.NOT_CONFIRMED);
    expect(states()).toEqual(['ENABLED']);
    expect(s.fake.state.callsTo('UpdateSchedule')).toEqual([]);
    expect(s.err.join('\n')).toContain('not confirmed; no schedule was changed');
  }, 300_000);

  test('rejects a run without --yes when nobody is at a terminal, before any call (exit 2)', async () => {
    const { s, code } = await gameDays({ action: 'pause' });
    expect(code).toBe(COMMAND_EXIT.USAGE);
    expect(s.err.join('\n')).toContain('pass --yes to pause the game-day schedules without asking');
    expect(s.fake.state.calls.filter((c) => c.service === 'scheduler')).toEqual([]);
  }, 300_000);

  test('rejects --service of a service the app defines no schedule group for (exit 2)', async () => {
    const { s, code, states } = await gameDays({ action: 'pause', yes: true, service: 'orders' });
    expect(code).toBe(COMMAND_EXIT.USAGE);
    expect(s.err.join('\n')).toContain('--service orders: there is no schedule group fis-drills-orders in this account and region');
    expect(states()).toEqual(['ENABLED']);
  }, 300_000);
});
