/** `drills preflight`, with real clients against the strict fake AWS. */
import * as path from 'path';
import { preflightCommand } from '../../../lib/cli/commands/preflight';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

const setupFake = useFakeAws();
const probeOk = async () => ({ ok: true, detail: 'GET / → 200' });

async function setup(scenario: Partial<FakeScenario> = {}) {
  const s = await setupFake({ scenario });
  return { ...s, templateId: s.fake.state.templateFor('task-stop-drain').id };
}

describe('drills preflight', () => {
  it('prints one line per check and exits 0 when all pass', async () => {
    const { outputs, out, io } = await setup();
    const code = await preflightCommand({ drill: 'task-stop-drain', outputs }, io, { probe: probeOk, trafficCheck: async () => [] });
    expect({ code, out: out.join('') }).toEqual({ code: 0, out: expect.stringMatching(/^ok {4} {2}account/m) });
    expect(out.join('')).toMatch(/^ok {4} {2}service steady +running 2\/2/m);
    expect(out).toHaveLength(10);
  });

  it('prints only the preflight object on stdout with --json', async () => {
    const { outputs, out, io } = await setup();
    await preflightCommand({ drill: 'task-stop-drain', outputs, json: true }, io, { probe: probeOk, trafficCheck: async () => [] });
    const parsed = JSON.parse(out.join(''));
    expect(parsed.ok).toBe(true);
    expect(parsed.checks[0]).toEqual({ name: 'account', ok: true, detail: expect.any(String) });
  });

  it('fails with exit 1 when a stop-condition alarm is in INSUFFICIENT_DATA', async () => {
    const { outputs, out, io } = await setup({ alarmStates: { 'drills-demo-error-rate': 'INSUFFICIENT_DATA' } });
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs }, io, { probe: probeOk, trafficCheck: async () => [] })).toBe(1);
    expect(out.join('')).toMatch(/FAILED {2}alarm drills-demo-error-rate +INSUFFICIENT_DATA/);
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs, allowInsufficientData: true }, io, { probe: probeOk, trafficCheck: async () => [] })).toBe(0);
  });

  it('refuses an account other than --account', async () => {
    const { outputs, io } = await setup();
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs, account: '444455556666' }, io, { probe: probeOk, trafficCheck: async () => [] })).toBe(1);
  });

  it('rejects an unknown drill and a missing outputs file as usage errors', async () => {
    const { io, err, dir } = await setup();
    expect(await preflightCommand({ drill: 'no-such-drill', outputs: 'x.json' }, io)).toBe(2);
    expect(await preflightCommand({ drill: 'task-stop-drain', outputs: path.join(dir, 'missing.json') }, io)).toBe(2);
    expect(err.join('')).toMatch(/unknown drill 'no-such-drill'[\s\S]*cannot read outputs file/);
  });

  it('never starts an experiment', async () => {
    const { outputs, io, fake } = await setup();
    await preflightCommand({ drill: 'task-stop-drain', outputs }, io, { probe: probeOk, trafficCheck: async () => [] });
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
  });
});
