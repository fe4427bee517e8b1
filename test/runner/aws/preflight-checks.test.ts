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
