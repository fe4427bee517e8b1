/** `drills preflight` over the strict fake AWS built from the synthesized app. */
import { runPreflight } from '../../../lib/runner/aws/preflight';
import { stopAlarmNames } from '../../fixtures/fake-aws/engine-on-fake';
import { CALLER_ARN } from '../../fixtures/fake-aws/fake-aws-server';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

const DRILL = 'task-stop-drain';
const setupFake = useFakeAws();
const probe = async () => ({ ok: true, detail: 'GET / → 200' });

async function setup(scenario: Partial<FakeScenario> = {}) {
  const s = await setupFake({ scenario: { initiatingMs: 50, ...scenario } });
  const template = s.fake.state.templateFor(DRILL);
  return { fake: s.fake, apis: s.apis(), deployed: await s.deployed(), taskIds: s.fake.state.resolvedTasks(template).map((t) => t.id) };
}

/** Resolves once `check` holds, polling every 10 ms for at most 5 s. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error('the awaited state never came');
}

describe('runPreflight', () => {
  it('passes against a steady, guarded deployment in the expected account', async () => {
    const { apis, deployed, fake } = await setup();
    const result = await runPreflight({ apis, deployed, drillId: DRILL, probe });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.checks.length).toBeGreaterThan(3);
    expect(result.ok).toBe(true);
    expect(result.caller?.arn).toBe(CALLER_ARN);
    expect(result.templateId).toBe(fake.state.templateFor(DRILL).id);
  });

  it("refuses a caller whose account is not the deployment's", async () => {
    const { apis, deployed } = await setup();
    const result = await runPreflight({ apis, deployed: { ...deployed, account: '999999999999' }, drillId: DRILL, probe });
    expect(result.ok).toBe(false);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['account']);
  });

  it('refuses a stop-condition alarm in INSUFFICIENT_DATA unless allowed', async () => {
    const [alarm] = stopAlarmNames(DRILL);
    const { apis, deployed } = await setup({ alarmStates: { [alarm]: 'INSUFFICIENT_DATA' } });
    const refused = await runPreflight({ apis, deployed, drillId: DRILL, probe });
    expect(refused.ok).toBe(false);
    expect(refused.checks.filter((c) => !c.ok)).toEqual([{ name: `alarm ${alarm}`, ok: false, detail: expect.stringMatching(/^INSUFFICIENT_DATA: /) }]);
    expect((await runPreflight({ apis, deployed, drillId: DRILL, probe, allowInsufficientData: true })).ok).toBe(true);
  });

  it('refuses a stop-condition alarm in ALARM even when INSUFFICIENT_DATA is allowed', async () => {
    const [alarm] = stopAlarmNames(DRILL);
    const { apis, deployed } = await setup({ alarmStates: { [alarm]: 'ALARM' } });
    const result = await runPreflight({ apis, deployed, drillId: DRILL, probe, allowInsufficientData: true });
    expect(result.ok).toBe(false);
    expect(result.checks.filter((c) => !c.ok)).toEqual([{ name: `alarm ${alarm}`, ok: false, detail: expect.stringMatching(/^in ALARM.*FIS would stop the experiment at once$/) }]);
  });

  it('never starts an experiment without --dry-run', async () => {
    const { apis, deployed, fake } = await setup();
    await runPreflight({ apis, deployed, drillId: DRILL, probe });
    expect(fake.state.callsTo('GetCallerIdentity')).toHaveLength(1);
    expect(fake.state.callsTo('StartExperiment')).toHaveLength(0);
  });

  it('previews the targets with a skip-all experiment on --dry-run', async () => {
    const { apis, deployed, fake, taskIds } = await setup();
    const result = await runPreflight({ apis, deployed, drillId: DRILL, probe, dryRun: { runId: 'r1', pollMs: 20 } });
    expect(taskIds).toHaveLength(1);
    expect(result.checks.at(-1)).toEqual({ name: 'dry run (skip-all)', ok: true, detail: `experiment ${fake.state.experiments[0].id} would hit 1 target(s): ${taskIds[0]}` });
    expect(fake.state.callsTo('StartExperiment').map((c) => c.input)).toEqual([expect.objectContaining({ clientToken: 'r1-dry-run', experimentOptions: { actionsMode: 'skip-all' } })]);
  });

  it("ends a --dry-run wait on the operator's signal and stops the skip-all experiment", async () => {
    const { apis, deployed, fake } = await setup({ initiatingMs: 60_000, stoppingMs: 50 });
    const controller = new AbortController();
    const started = Date.now();
    const preflight = runPreflight({ apis, deployed, drillId: DRILL, probe, dryRun: { runId: 'r1', pollMs: 10_000, signal: controller.signal } });
    await until(() => fake.state.callsTo('GetExperiment').length > 0 || fake.state.experiments.length > 0);
    controller.abort(new Error('operator abort (SIGINT)'));
    const result = await preflight;
    expect(Date.now() - started).toBeLessThan(5000);
    const id = fake.state.experiments[0].id;
    expect(result.checks.at(-1)).toEqual({ name: 'dry run (skip-all)', ok: false, detail: `interrupted; experiment ${id} (skip-all, injects nothing) stopped` });
    expect(fake.state.callsTo('StopExperiment').map((c) => c.input)).toEqual([{ id }]);
  });
});
