import { Match, type Template } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import { synthApp } from '../stacks/synth-app';

const scheduled = catalogue.filter((d) => d.schedule);

describe('game days switched on but not enabled', () => {
  let t: Template;
  beforeAll(() => {
    t = synthApp({ drills: { gameDays: true } }).drillsTemplate;
  });

  test('creates one schedule per drill that declares one, DISABLED', () => {
    expect(scheduled.map((d) => d.id)).toEqual(['task-stop-drain']);
    t.resourceCountIs('AWS::Scheduler::Schedule', 1);
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 10 ? * TUE *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      State: 'DISABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
  });

  test('starts the drill\'s template through the FIS universal target, with the scheduled time as clientToken', () => {
    const schedule = Object.values(t.findResources('AWS::Scheduler::Schedule'))[0].Properties;
    expect(schedule.Target.Arn).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':scheduler:::aws-sdk:fis:startExperiment']] });
    expect(schedule.Target.RetryPolicy).toEqual(expect.objectContaining({ MaximumRetryAttempts: 2 }));
    const input = JSON.stringify(schedule.Target.Input);
    expect(input).toContain('\\"clientToken\\":\\"fis-drills:drills-demo:task-stop-drain:<aws.scheduler.scheduled-time>\\"');
    expect(input).toMatch(/experimentTemplateId.*Ref.*DrillTaskStopDrainTemplate/);
    expect(input).toContain('\\"trigger\\":\\"game-day\\"');
  });

  test('lets the scheduler role start only the scheduled templates', () => {
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })],
      }),
    });
    const policies = Object.values(t.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes('GameDaysRole'));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement).filter((s) => s.Sid !== 'CreateFisServiceLinkedRole');
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toEqual(['fis:StartExperiment', 'fis:TagResource']);
    const resources = JSON.stringify(statements[0].Resource);
    expect(resources).toMatch(/experiment-template\/.*DrillTaskStopDrainTemplate/);
    expect(resources).toContain(':experiment/*');
    expect(resources).not.toMatch(/experiment-template\/\*/);
    expect(resources).not.toMatch(/DrillTaskHardKillTemplate|DrillAzOutageTemplate/);
  });
});

describe('game days on two drills with the same cron', () => {
  let t: Template;
  beforeAll(() => {
    const sameCron = catalogue.slice(0, 2).map((d) => ({ ...d, schedule: 'cron(0 10 ? * TUE *)' }));
    t = synthApp({ drills: { gameDays: true } }, sameCron).drillsTemplate;
  });

  test('gives each schedule its own clientToken, so the second drill is not taken for a retry of the first', () => {
    const tokens = Object.values(t.findResources('AWS::Scheduler::Schedule'))
      .map((r) => JSON.parse(JSON.stringify(r.Properties.Target.Input).replace(/^.*clientToken\\":\\"([^\\]+)\\".*$/, '"$1"')) as string);
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(2);
    for (const token of tokens) expect(token).toMatch(/^fis-drills:drills-demo:[a-z-]+:<aws\.scheduler\.scheduled-time>$/);
  });

  test('lets the scheduler role create the FIS service-linked role, only for fis.amazonaws.com', () => {
    const statements = Object.values(t.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('GameDaysRole'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Sid?: string; Action: unknown; Resource: unknown; Condition?: unknown }[]);
    const slr = statements.filter((s) => s.Sid === 'CreateFisServiceLinkedRole');
    expect(slr).toHaveLength(1);
    expect(slr[0].Action).toBe('iam:CreateServiceLinkedRole');
    expect(slr[0].Condition).toEqual({ StringEquals: { 'iam:AWSServiceName': 'fis.amazonaws.com' } });
    expect(JSON.stringify(slr[0].Resource)).toContain(':role/aws-service-role/fis.amazonaws.com/AWSServiceRoleForFIS');
  });
});

describe('game days enabled', () => {
  test('creates the schedules ENABLED', () => {
    synthApp({ drills: { gameDays: true, gameDaysEnabled: true } }).drillsTemplate.hasResourceProperties('AWS::Scheduler::Schedule', { State: 'ENABLED' });
  });
});

describe('game days off', () => {
  test('creates no schedule and no scheduler role even when gameDaysEnabled is true', () => {
    const t = synthApp({ drills: { gameDaysEnabled: true } }).drillsTemplate;
    t.resourceCountIs('AWS::Scheduler::Schedule', 0);
    expect(JSON.stringify(t.toJSON())).not.toContain('scheduler.amazonaws.com');
  });
});
