import { preflightChecks, preflightResult, type PreflightFacts } from '../../../lib/runner/aws/preflight-checks';

const steadyService = { name: 's', running: 2, desired: 2, pending: 0, deployments: [{ status: 'PRIMARY', rolloutState: 'COMPLETED', running: 2, desired: 2 }], events: [] };

function facts(overrides: Partial<PreflightFacts> = {}): PreflightFacts {
  return {
    drillId: 'task-stop-drain',
    expected: { account: '111122223333', region: 'eu-west-1' },
    caller: { account: '111122223333', arn: 'arn:aws:iam::111122223333:user/alice', region: 'eu-west-1' },
    templateId: 'EXT1',
    template: { id: 'EXT1', tags: { drill: 'task-stop-drain' }, stopConditionAlarmArns: ['arn:aws:cloudwatch:eu-west-1:111122223333:alarm:err'] },
    alarmNames: ['err'],
    alarms: [{ name: 'err', state: 'OK' }],
    service: steadyService,
    experiments: [],
    probe: { ok: true, detail: 'GET / → 200' },
    ...overrides,
  };
}

const failed = (f: PreflightFacts, opts = {}) => preflightChecks(f, opts).filter((c) => !c.ok);

describe('preflightChecks', () => {
  it('passes every check for a healthy, idle, guarded deployment', () => {
    const result = preflightResult(preflightChecks(facts()));
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => c.name)).toEqual(['account', 'region', 'template', 'alarm err', 'service steady', 'no active experiment on template', 'active-experiment quota', 'probe']);
  });

  it('refuses a caller in another account', () => {
    const f = failed(facts({ caller: { account: '999999999999', arn: 'arn:aws:iam::999999999999:user/bob', region: 'eu-west-1' } }));
    expect(f).toEqual([expect.objectContaining({ name: 'account', detail: expect.stringMatching(/999999999999 but the deployment is in 111122223333/) })]);
  });

  it('refuses clients configured for another region', () => {
    expect(failed(facts({ caller: { account: '111122223333', arn: 'a', region: 'us-east-1' } })).map((c) => c.name)).toEqual(['region']);
  });

  it('rejects a failed GetCallerIdentity as one failed check', () => {
    expect(failed(facts({ caller: new Error('no credentials') }))).toEqual([{ name: 'caller', ok: false, detail: 'sts:GetCallerIdentity failed: no credentials' }]);
  });

  it('rejects an alarm in ALARM', () => {
    expect(failed(facts({ alarms: [{ name: 'err', state: 'ALARM', reason: 'threshold crossed' }] }))[0].detail).toMatch(/in ALARM: threshold crossed/);
  });

  it('rejects an alarm in INSUFFICIENT_DATA unless allowed', () => {
    const f = facts({ alarms: [{ name: 'err', state: 'INSUFFICIENT_DATA' }] });
    expect(failed(f).map((c) => c.name)).toEqual(['alarm err']);
    expect(failed(f, { allowInsufficientData: true })).toEqual([]);
  });

  it('rejects a stop condition whose alarm does not exist', () => {
    expect(failed(facts({ alarms: [] }))[0]).toMatchObject({ name: 'alarm err', detail: expect.stringMatching(/not found/) });
  });

  it('rejects a template tagged for another drill', () => {
    expect(failed(facts({ template: { id: 'EXT1', tags: { drill: 'az-outage' }, stopConditionAlarmArns: ['a'] } }))[0].detail).toMatch(/tagged drill=az-outage/);
  });

  it('rejects a drill with no deployed template', () => {
    expect(failed(facts({ templateId: undefined, template: undefined }))[0].detail).toMatch(/no template id output/);
  });

  it('rejects a service that is not steady', () => {
    const rolling = { ...steadyService, deployments: [...steadyService.deployments, { status: 'ACTIVE', rolloutState: 'IN_PROGRESS', running: 1, desired: 2 }] };
    expect(failed(facts({ service: rolling })).map((c) => c.name)).toEqual(['service steady']);
    expect(failed(facts({ service: { ...steadyService, running: 1 } })).map((c) => c.name)).toEqual(['service steady']);
  });

  it('rejects an active experiment on the same template', () => {
    const f = failed(facts({ experiments: [{ id: 'EXP9', templateId: 'EXT1', status: 'running', tags: {} }] }));
    expect(f).toEqual([expect.objectContaining({ name: 'no active experiment on template', detail: 'already active: EXP9 (running)' })]);
  });

  it('rejects a start when the account already runs five experiments', () => {
    const others = [1, 2, 3, 4, 5].map((i) => ({ id: `E${i}`, templateId: `OTHER${i}`, status: 'running' as const, tags: {} }));
    expect(failed(facts({ experiments: [...others, { id: 'old', templateId: 'EXT1', status: 'completed', tags: {} }] })).map((c) => c.name)).toEqual(['active-experiment quota']);
  });

  it('rejects a service URL that does not answer', () => {
    expect(failed(facts({ probe: { ok: false, detail: 'ECONNREFUSED' } }))).toEqual([{ name: 'probe', ok: false, detail: 'ECONNREFUSED' }]);
  });

  it('fails overall when any one check fails', () => {
    expect(
      preflightResult([
        { name: 'a', ok: true, detail: '' },
        { name: 'b', ok: false, detail: '' },
      ]).ok,
    ).toBe(false);
    expect(preflightResult([]).ok).toBe(false);
  });
});

const check = (f: PreflightFacts, name: string, opts = {}) => preflightChecks(f, opts).find((c) => c.name === name);

describe('preflightChecks: caller, account and region', () => {
  it('passes a caller in the expected account and region, saying so', () => {
    expect(preflightChecks(facts()).slice(0, 2)).toEqual([
      { name: 'account', ok: true, detail: 'caller arn:aws:iam::111122223333:user/alice in account 111122223333, as expected' },
      { name: 'region', ok: true, detail: 'region eu-west-1, as expected' },
    ]);
  });

  it('passes any account and region when none is pinned, saying how to pin them', () => {
    expect(preflightChecks(facts({ expected: {} })).slice(0, 2)).toEqual([
      { name: 'account', ok: true, detail: 'caller arn:aws:iam::111122223333:user/alice in account 111122223333 (no expected account configured; pass --account to pin it)' },
      { name: 'region', ok: true, detail: 'region eu-west-1 (no expected region configured; pass --region to pin it)' },
    ]);
  });

  it('rejects another region naming both regions and the fix', () => {
    expect(check(facts({ caller: { account: '111122223333', arn: 'a', region: 'us-east-1' } }), 'region')).toEqual({
      name: 'region',
      ok: false,
      detail: 'clients use region us-east-1 but the deployment is in eu-west-1: refusing (set AWS_REGION or --region)',
    });
  });

  it('rejects another account with the whole reason', () => {
    expect(check(facts({ caller: { account: '999999999999', arn: 'b', region: 'eu-west-1' } }), 'account')?.detail).toBe(
      'caller is in account 999999999999 but the deployment is in 111122223333: refusing (check your profile or --account)',
    );
  });
});

describe('preflightChecks: the template', () => {
  it('passes a guarded template tagged for the drill, counting its stop conditions', () => {
    expect(check(facts({ template: { id: 'EXT1', tags: { drill: 'task-stop-drain' }, stopConditionAlarmArns: ['a', 'b'] } }), 'template')).toEqual({
      name: 'template',
      ok: true,
      detail: 'template EXT1 tagged drill=task-stop-drain, 2 stop condition(s)',
    });
  });

  it('rejects a template that was not read', () => {
    expect(check(facts({ template: undefined }), 'template')).toEqual({ name: 'template', ok: false, detail: 'template EXT1 not read' });
  });

  it('rejects a template GetExperimentTemplate failed on, with the error', () => {
    expect(check(facts({ template: new Error('ResourceNotFoundException') }), 'template')).toEqual({ name: 'template', ok: false, detail: 'template EXT1: ResourceNotFoundException' });
  });

  it('rejects an untagged template, saying it has no drill tag', () => {
    expect(check(facts({ template: { id: 'EXT1', tags: {}, stopConditionAlarmArns: ['a'] } }), 'template')?.detail).toBe(
      "template EXT1 is tagged drill=(none), not task-stop-drain: refusing to run another drill's template",
    );
  });

  it('rejects a template without a stop condition as unguarded', () => {
    expect(check(facts({ template: { id: 'EXT1', tags: { drill: 'task-stop-drain' }, stopConditionAlarmArns: [] } }), 'template')).toEqual({
      name: 'template',
      ok: false,
      detail: 'template EXT1 has no CloudWatch-alarm stop condition: refusing to run unguarded',
    });
  });

  it('rejects a drill without a template id, naming the drill', () => {
    expect(check(facts({ templateId: undefined }), 'template')?.detail).toBe('no template id output for drill task-stop-drain: is the drill deployed?');
  });
});

describe('preflightChecks: the stop-condition alarms', () => {
  it('says OK for an alarm in OK', () => {
    expect(check(facts(), 'alarm err')).toEqual({ name: 'alarm err', ok: true, detail: 'OK' });
  });

  it('checks no alarm when they were not read, and one failed check when DescribeAlarms failed', () => {
    expect(preflightChecks(facts({ alarms: undefined })).map((c) => c.name)).toEqual([
      'account',
      'region',
      'template',
      'service steady',
      'no active experiment on template',
      'active-experiment quota',
      'probe',
    ]);
    expect(failed(facts({ alarms: new Error('throttled') }))).toEqual([{ name: 'stop-condition alarms', ok: false, detail: 'cloudwatch:DescribeAlarms failed: throttled' }]);
  });

  it('checks every alarm the template names, each by its own state', () => {
    const f = facts({
      alarmNames: ['err', 'latency'],
      alarms: [
        { name: 'latency', state: 'ALARM' },
        { name: 'err', state: 'OK' },
      ],
    });
    expect(preflightChecks(f).filter((c) => c.name.startsWith('alarm '))).toEqual([
      { name: 'alarm err', ok: true, detail: 'OK' },
      { name: 'alarm latency', ok: false, detail: 'in ALARM; FIS would stop the experiment at once' },
    ]);
  });

  it('rejects an alarm not found with why', () => {
    expect(check(facts({ alarms: [{ name: 'other', state: 'OK' }] }), 'alarm err')).toEqual({
      name: 'alarm err',
      ok: false,
      detail: 'not found: the stop condition names an alarm that does not exist',
    });
  });

  it('rejects INSUFFICIENT_DATA saying how to allow it, and says it was allowed when it is', () => {
    const f = facts({ alarms: [{ name: 'err', state: 'INSUFFICIENT_DATA' }] });
    expect(check(f, 'alarm err')?.detail).toBe('INSUFFICIENT_DATA: a guard without data may not trip; wait for data or pass --allow-insufficient-data');
    expect(check(f, 'alarm err', { allowInsufficientData: true })).toEqual({ name: 'alarm err', ok: true, detail: 'INSUFFICIENT_DATA (allowed by --allow-insufficient-data)' });
  });

  it("rejects the dead-man's switch alarm when not OK, even with INSUFFICIENT_DATA allowed, pointing at --heartbeat", () => {
    const name = 'svc-probe-heartbeat';
    const f = (state: 'ALARM' | 'INSUFFICIENT_DATA') => facts({ alarmNames: [name], alarms: [{ name, state }] });
    const detail = (state: string) => `${state}: the dead-man's switch is OK only while a runner publishes its heartbeat; \`drills run --heartbeat\` publishes and waits for it`;
    expect(check(f('ALARM'), `alarm ${name}`)).toEqual({ name: `alarm ${name}`, ok: false, detail: detail('ALARM') });
    expect(check(f('INSUFFICIENT_DATA'), `alarm ${name}`, { allowInsufficientData: true })).toEqual({ name: `alarm ${name}`, ok: false, detail: detail('INSUFFICIENT_DATA') });
    expect(check(facts({ alarmNames: [name], alarms: [{ name, state: 'OK' }] }), `alarm ${name}`)?.ok).toBe(true);
  });
});

describe('preflightChecks: the service and the task definition', () => {
  it('passes a steady service with what ECS says of it', () => {
    expect(check(facts(), 'service steady')).toEqual({ name: 'service steady', ok: true, detail: 'running 2/2 desired, 0 pending, deployments: PRIMARY/COMPLETED' });
  });

  it('rejects a service DescribeServices failed on, with its error', () => {
    expect(check(facts({ service: new Error('ECS service s in cluster c: MISSING') }), 'service steady')).toEqual({ name: 'service steady', ok: false, detail: 'ECS service s in cluster c: MISSING' });
  });

  const ready = { arn: 'arn:td', name: 'app:3', enableFaultInjection: true, pidMode: 'task', containers: [{ name: 'app' }, { name: 'amazon-ssm-agent' }] };
  const KILL = 'aws:ecs:task-kill-process';
  const BLACKHOLE = 'aws:ecs:task-network-blackhole-port';

  it('checks no task definition for a drill without in-task actions', () => {
    expect(check(facts({ taskDefinition: undefined }), 'task definition')).toBeUndefined();
    expect(check(facts({ taskDefinition: { actions: [], view: new Error('not read') } }), 'task definition')).toBeUndefined();
  });

  it('passes a task definition with what the in-task actions need, naming them', () => {
    expect(check(facts({ taskDefinition: { actions: [KILL], view: ready } }), 'task definition')).toEqual({
      name: 'task definition',
      ok: true,
      detail: `app:3 has what ${KILL} need(s): the SSM agent sidecar, enableFaultInjection, pidMode`,
    });
  });

  it('names every in-task action, in both the passed and the failed check', () => {
    expect(check(facts({ taskDefinition: { actions: [KILL, BLACKHOLE], view: ready } }), 'task definition')?.detail).toBe(
      `app:3 has what ${KILL}, ${BLACKHOLE} need(s): the SSM agent sidecar, enableFaultInjection, pidMode`,
    );
    expect(check(facts({ taskDefinition: { actions: [KILL, BLACKHOLE], view: { ...ready, pidMode: 'host' } } }), 'task definition')?.detail).toMatch(
      new RegExp(`^app:3 lacks pidMode: task: task-stop-drain's ${KILL}, ${BLACKHOLE} would fail inside the task;`),
    );
  });

  it('rejects a task definition that could not be read', () => {
    expect(check(facts({ taskDefinition: { actions: [KILL], view: new Error('AccessDenied') } }), 'task definition')).toEqual({
      name: 'task definition',
      ok: false,
      detail: "cannot read the service's task definition: AccessDenied",
    });
  });

  it('rejects a task definition lacking one prerequisite, naming it and the fix', () => {
    expect(check(facts({ taskDefinition: { actions: [KILL], view: { ...ready, pidMode: undefined } } }), 'task definition')).toEqual({
      name: 'task definition',
      ok: false,
      detail: `app:3 lacks pidMode: task: task-stop-drain's ${KILL} would fail inside the task; add it to the service's task definition and deploy it (docs/deploy.md, "What an existing service needs")`,
    });
  });

  it('rejects a task definition lacking several, asking to add them', () => {
    const detail = check(facts({ taskDefinition: { actions: [KILL], view: { ...ready, enableFaultInjection: false, containers: [{ name: 'app' }] } } }), 'task definition')?.detail;
    expect(detail).toMatch(/^app:3 lacks enableFaultInjection: true, the SSM agent sidecar: .*; add them to the service's task definition/);
  });
});

describe('preflightChecks: experiments already active', () => {
  const exp = (id: string, status: 'running' | 'pending' | 'initiating' | 'stopping' | 'completed' | 'stopped' | 'failed', templateId = 'OTHER') => ({ id, templateId, status, tags: {} });

  it('counts only active experiments against the quota, and says how many', () => {
    const experiments = [exp('E1', 'running'), exp('E2', 'pending'), exp('E3', 'stopping'), exp('E4', 'initiating'), exp('E5', 'completed'), exp('E6', 'failed'), exp('E7', 'stopped')];
    expect(check(facts({ experiments }), 'active-experiment quota')).toEqual({ name: 'active-experiment quota', ok: true, detail: '4 of 5 active in this account and region' });
  });

  it('rejects a start at the quota, saying FIS would refuse', () => {
    const experiments = ['E1', 'E2', 'E3'].map((id) => exp(id, 'running'));
    expect(check(facts({ experiments }), 'active-experiment quota', { activeExperimentQuota: 3 })).toEqual({
      name: 'active-experiment quota',
      ok: false,
      detail: '3 of 3 active: FIS would refuse another',
    });
    expect(check(facts({ experiments }), 'active-experiment quota', { activeExperimentQuota: 4 })?.ok).toBe(true);
  });

  it('rejects every active experiment on the template, and none that has ended', () => {
    const experiments = [exp('A', 'running', 'EXT1'), exp('B', 'stopping', 'EXT1'), exp('C', 'completed', 'EXT1'), exp('D', 'running')];
    expect(check(facts({ experiments }), 'no active experiment on template')?.detail).toBe('already active: A (running), B (stopping)');
    expect(check(facts({ experiments: [exp('C', 'completed', 'EXT1')] }), 'no active experiment on template')).toEqual({ name: 'no active experiment on template', ok: true, detail: 'none' });
  });

  it('counts no experiment as on the template when the drill has no template id', () => {
    const experiments = [{ id: 'X', status: 'running' as const, tags: {} }];
    expect(check(facts({ templateId: undefined, experiments }), 'no active experiment on template')?.ok).toBe(true);
  });

  it('rejects a failed ListExperiments as one failed check', () => {
    expect(failed(facts({ experiments: new Error('throttled') }))).toEqual([{ name: 'active experiments', ok: false, detail: 'fis:ListExperiments failed: throttled' }]);
  });
});
