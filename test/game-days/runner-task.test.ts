import * as fs from 'fs';
import * as path from 'path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import { runnerPolicy } from '../../lib/runner/aws/runner-policy';
import { synthApp } from '../stacks/synth-app';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

function countByType(t: Template): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of Object.values(t.toJSON().Resources as Resources)) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
  return counts;
}

function added(on: Record<string, number>, off: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(on)
      .filter(([type, n]) => n !== (off[type] ?? 0))
      .map(([type, n]) => [type, n - (off[type] ?? 0)]),
  );
}

describe('the game-day runner task (game days on, one scheduled drill)', () => {
  let t: Template;
  let off: Template;
  let two: Template;
  beforeAll(() => {
    t = synthApp({ drills: { gameDays: true } }).drillsTemplate;
    off = synthApp().drillsTemplate;
    const secondScheduled = catalogue.findIndex((d) => !d.schedule);
    two = synthApp(
      { drills: { gameDays: true } },
      catalogue.map((d, i) => (i === secondScheduled ? { ...d, schedule: 'cron(0 10 ? * WED *)' } : d)),
    ).drillsTemplate;
  });

  test('builds the CLI image from this package with runner.Dockerfile: exec-form entrypoint, non-root user', () => {
    const dockerfile = fs.readFileSync(path.resolve(__dirname, '../../runner.Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "\/app\/dist\/bin\/drills\.js"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    const image = JSON.stringify(t.findResources('AWS::ECS::TaskDefinition'));
    expect(image).toContain('cdk-hnb659fds-container-assets');
  });

  test('runs it as a Fargate task with 120 s to stop the experiment on SIGTERM, an init process and logs', () => {
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RequiresCompatibilities: ['FARGATE'],
      NetworkMode: 'awsvpc',
      ContainerDefinitions: [
        Match.objectLike({ Name: 'drills', Essential: true, StopTimeout: 120, LinuxParameters: { InitProcessEnabled: true }, LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }) }),
      ],
    });
  });

  test('gives the task role exactly the runner policy, for this service, its evidence prefix and its topic', () => {
    const policies = Object.values(t.findResources('AWS::IAM::Policy') as Resources).filter((p) => JSON.stringify(p.Properties.Roles).includes('GameDayRunnerTaskRole'));
    expect(policies).toHaveLength(1);
    const statements = (policies[0].Properties.PolicyDocument as { Statement: { Sid: string; Action: unknown; Resource: unknown; Condition?: unknown }[] }).Statement;
    const expected = runnerPolicy({ partition: 'p', region: 'r', account: 'a', service: 'drills-demo', evidence: { bucket: 'b', prefix: 'x' }, notifyTopicArn: 't' }).Statement;
    expect(statements.map((s) => [s.Sid, s.Action])).toEqual(expected.map((s) => [s.Sid, s.Action]));
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, JSON.stringify(s)]));
    expect(bySid.StartThisServicesDrills).toContain('"aws:ResourceTag/service":"drills-demo"');
    expect(bySid.EvidenceInS3).toMatch(/GameDayEvidenceBucket.*\/game-days\/drills-demo\/\*/);
    expect(bySid.NotifyOnCall).toContain('GameDayVerdictsTopic');
    t.hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'ecs-tasks.amazonaws.com' } })] }) });
  });

  test('schedules the drill as an ECS RunTask of the runner in private subnets, with the runner command', () => {
    const schedule = Object.values(t.findResources('AWS::Scheduler::Schedule') as Resources)[0].Properties as { Target: { Arn: unknown; Input: unknown } };
    expect(JSON.stringify(schedule.Target.Arn)).toContain(':scheduler:::aws-sdk:ecs:runTask');
    const input = JSON.stringify(schedule.Target.Input);
    expect(input).toContain('\\"command\\":[\\"run\\",\\"task-stop-drain\\",\\"--service\\",\\"drills-demo\\",\\"--yes\\",\\"--out\\",\\"s3://');
    expect(input).not.toContain('--notify');
    expect(input).not.toContain('--stack');
    expect(input).toContain('\\"assignPublicIp\\":\\"DISABLED\\"');
    expect(input).toMatch(/PrivateSubnet1/);
    expect(input).not.toContain('startExperiment');
  });

  test('lets the scheduler role run only the runner task definition and pass only its roles', () => {
    const statements = Object.values(t.findResources('AWS::IAM::Policy') as Resources)
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('GameDaysRole'))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement);
    expect(statements.map((s) => s.Action)).toEqual(['ecs:RunTask', 'ecs:TagResource', 'iam:PassRole']);
    expect(JSON.stringify(statements[0].Resource)).toContain('GameDayRunnerTaskDefinition');
    expect(JSON.stringify(statements[2].Resource)).toMatch(/GameDayRunnerTaskRole.*GameDayRunnerTaskDefinitionExecutionRole/);
  });

  test('keeps evidence in an encrypted, private, TLS-only, versioned bucket with a lifecycle rule', () => {
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: [Match.objectLike({ Id: 'ExpireEvidence', ExpirationInDays: 400, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' })] },
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) }),
    });
  });

  test('synthesizes a fixed set of resources per service and two per scheduled drill (counted)', () => {
    // game days on, one scheduled drill, against game days off
    const withOneDrill = added(countByType(t), countByType(off));
    expect(withOneDrill).toEqual({
      'AWS::S3::Bucket': 1,
      'AWS::S3::BucketPolicy': 1, // evidence
      'AWS::SNS::Topic': 1,
      'AWS::SNS::TopicPolicy': 1,
      'AWS::CloudWatch::Dashboard': 1, // verdicts
      'AWS::ECS::TaskDefinition': 1,
      'AWS::Logs::LogGroup': 1,
      'AWS::EC2::SecurityGroup': 1, // runner task
      'AWS::IAM::Role': 3,
      'AWS::IAM::Policy': 3, // task role, execution role, scheduler role
      'AWS::Scheduler::ScheduleGroup': 1, // fis-drills-<service>: pause them all
      'AWS::Scheduler::Schedule': 1,
      'AWS::CloudWatch::Alarm': 1, // the drill's own
    });
    // 15 per service and 2 per scheduled drill: docs/game-days.md says so
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total(withOneDrill)).toBe(17);
    // a second scheduled drill adds its schedule and its alarm, nothing else
    expect(added(countByType(two), countByType(t))).toEqual({ 'AWS::Scheduler::Schedule': 1, 'AWS::CloudWatch::Alarm': 1 });
  });

  test('synthesizes two resources fewer per service with an existing topic (drills.gameDaysTopicArn): no topic, no topic policy', () => {
    const existing = synthApp({ drills: { gameDays: true, gameDaysTopicArn: 'arn:aws:sns:eu-west-1:111122223333:oncall-pages' } }).drillsTemplate;
    expect(added(countByType(t), countByType(existing))).toEqual({ 'AWS::SNS::Topic': 1, 'AWS::SNS::TopicPolicy': 1 });
  });
});
