import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { runPreflight } from '../../../lib/runner/aws/preflight';
import { ACCOUNT, deployed, experiment, mockedApis, RESOLVED, STEADY_SERVICE, TEMPLATE_ID , Fis } from './aws-mocks';

function setup(account = ACCOUNT, alarmState = 'OK') {
  const { mocks, apis } = mockedApis();
  mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: account, Arn: `arn:aws:iam::${account}:user/alice` });
  mocks.fis.on(Fis.Template).resolves({
    experimentTemplate: { id: TEMPLATE_ID, tags: { drill: 'task-stop-drain' }, stopConditions: [{ source: 'aws:cloudwatch:alarm', value: 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:demo-error-rate' }] },
  });
  mocks.fis.on(Fis.List).resolves({ experiments: [] });
  mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'demo-error-rate', StateValue: alarmState as never }] });
  mocks.ecs.on(DescribeServicesCommand).resolves(STEADY_SERVICE);
  const probe = async () => ({ ok: true, detail: 'GET / → 200' });
  return { mocks, apis, probe };
}

describe('runPreflight', () => {
  it('passes against a steady, guarded deployment in the expected account', async () => {
    const { apis, probe } = setup();
    const result = await runPreflight({ apis, deployed, drillId: 'task-stop-drain', probe });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.caller?.arn).toBe('arn:aws:iam::111122223333:user/alice');
  });

  it('refuses a caller whose account is not the deployment\'s', async () => {
    const { apis, probe } = setup('999999999999');
    const result = await runPreflight({ apis, deployed, drillId: 'task-stop-drain', probe });
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.name === 'account')?.ok).toBe(false);
  });

  it('refuses a stop-condition alarm in INSUFFICIENT_DATA unless allowed', async () => {
    const { apis, probe } = setup(ACCOUNT, 'INSUFFICIENT_DATA');
    expect((await runPreflight({ apis, deployed, drillId: 'task-stop-drain', probe })).ok).toBe(false);
    expect((await runPreflight({ apis, deployed, drillId: 'task-stop-drain', probe, allowInsufficientData: true })).ok).toBe(true);
  });

  it('never starts an experiment without --dry-run', async () => {
    const { apis, mocks, probe } = setup();
    await runPreflight({ apis, deployed, drillId: 'task-stop-drain', probe });
    expect(mocks.fis.commandCalls(Fis.Start)).toHaveLength(0);
  });

  it('previews the targets with a skip-all experiment on --dry-run', async () => {
    const { apis, mocks, probe } = setup();
    mocks.fis.on(Fis.Start).resolves({ experiment: experiment('initiating', 'pending') });
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('completed', 'skipped') });
    mocks.fis.on(Fis.Resolved).resolves(RESOLVED);
    const result = await runPreflight({ apis, deployed, drillId: 'task-stop-drain', probe, dryRun: { runId: 'r1', pollMs: 1 } });
    expect(result.checks.at(-1)).toMatchObject({ name: 'dry run (skip-all)', ok: true, detail: expect.stringMatching(/would hit 1 target\(s\): 0123456789abcdef/) });
    expect(mocks.fis.commandCalls(Fis.Start)[0].args[0].input.clientToken).toBe('r1-dry-run');
  });

  it('ends a --dry-run wait on the operator\'s signal and stops the skip-all experiment', async () => {
    const { apis, mocks, probe } = setup();
    mocks.fis.on(Fis.Start).resolves({ experiment: experiment('initiating', 'pending') });
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('running', 'skipped') });
    mocks.fis.on(Fis.Stop).resolves({ experiment: experiment('stopped', 'skipped') });
    mocks.fis.on(Fis.Resolved).resolves(RESOLVED);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('operator abort (SIGINT)')), 100);
    const started = Date.now();
    const result = await runPreflight({ apis, deployed, drillId: 'task-stop-drain', probe, dryRun: { runId: 'r1', pollMs: 10_000, signal: controller.signal } });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.checks.at(-1)).toMatchObject({ name: 'dry run (skip-all)', ok: false, detail: expect.stringMatching(/^interrupted; experiment .* stopped/) });
    expect(mocks.fis.commandCalls(Fis.Stop)).toHaveLength(1);
  });
});
