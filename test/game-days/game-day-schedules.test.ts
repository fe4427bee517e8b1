import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import type { Drill } from '../../lib/drill';
import { GameDaySchedules } from '../../lib/game-days/game-day-schedules';
import { synthApp } from '../stacks/synth-app';

/**
 * The schedules without a runner task (a service attached by name without subnets): they start
 * the FIS templates directly.
 */
function fisDirect(drills: readonly Drill[]): Template {
  const stack = new Stack(new App(), 'FisDirect');
  const scheduled = drills.map((drill) => ({ drill, templateId: `EXT-${drill.id}`, templateArn: `arn:aws:fis:eu-west-1:111122223333:experiment-template/EXT-${drill.id}` }));
  new GameDaySchedules(stack, 'GameDays', { drills: scheduled, enabled: false, serviceName: 'drills-demo' });
  return Template.fromStack(stack);
}

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

  test("without a runner task, starts the drill's template through the FIS universal target, with the scheduled time as clientToken", () => {
    const schedule = Object.values(fisDirect(scheduled).findResources('AWS::Scheduler::Schedule'))[0].Properties;
    expect(schedule.Target.Arn).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':scheduler:::aws-sdk:fis:startExperiment']] });
    expect(schedule.Target.RetryPolicy).toEqual(expect.objectContaining({ MaximumRetryAttempts: 2 }));
    const input = JSON.stringify(schedule.Target.Input);
    expect(input).toContain('\\"clientToken\\":\\"fis-drills:drills-demo:task-stop-drain:<aws.scheduler.scheduled-time>\\"');
    expect(input).toContain('\\"experimentTemplateId\\":\\"EXT-task-stop-drain\\"');
    expect(input).toContain('\\"trigger\\":\\"game-day\\"');
  });

  test('without a runner task, lets the scheduler role start only the scheduled templates', () => {
    const t = fisDirect(scheduled);
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
    expect(resources).toContain('experiment-template/EXT-task-stop-drain');
    expect(resources).toContain(':experiment/*');
    expect(resources).not.toMatch(/experiment-template\/\*/);
    expect(resources).not.toMatch(/EXT-task-hard-kill|EXT-az-outage/);
  });
});

describe('game days on two drills with the same cron, without a runner task', () => {
  let t: Template;
  beforeAll(() => {
    const sameCron = catalogue.slice(0, 2).map((d) => ({ ...d, schedule: 'cron(0 10 ? * TUE *)' }));
    t = fisDirect(sameCron);
  });

  test('gives each schedule its own clientToken, so the second drill is not taken for a retry of the first', () => {
    const tokens = Object.values(t.findResources('AWS::Scheduler::Schedule')).map(
      (r) => JSON.parse(JSON.stringify(r.Properties.Target.Input).replace(/^.*clientToken\\":\\"([^\\]+)\\".*$/, '"$1"')) as string,
    );
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
