/**
 * What a game-day schedule starts and where its verdict goes: the RunTask input of the runner
 * task (the ECS API's camelCase members, the container override's command exactly
 * `run <drill> --service <name> --yes --out s3://…`), the topic the task gets in its environment
 * and may publish to — the app's own, or an existing one from `drills.gameDaysTopicArn` with its
 * customer managed key.
 */
import { Template, type Template as T } from 'aws-cdk-lib/assertions';
import { findDrill } from '../../experiments';
import { configWith, type DrillsConfigOverrides } from '../../lib/config';
import { configProblems } from '../helpers/config-problems';
import { RUNNER_ENV } from '../../lib/contract';
import { runnerPolicy } from '../../lib/runner/aws/runner-policy';
import { ServiceDrills } from '../../lib/service-drills';
import { teamStack } from '../service-drills/team-stack';
import { synthApp } from '../stacks/synth-app';
import { scheduleInputs } from './schedule-input';

type Statement = { Sid: string; Action: unknown; Resource: unknown };

const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:oncall-pages';
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function runnerStatements(t: T): Statement[] {
  const policies = Object.values(t.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes('GameDayRunnerTaskRole'));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement as Statement[];
}

function runnerEnvironment(t: T): unknown {
  const [td] = Object.values(t.findResources('AWS::ECS::TaskDefinition'));
  return (td.Properties.ContainerDefinitions as { Environment?: unknown }[])[0].Environment;
}

const problemsOf = (overrides: DrillsConfigOverrides) => configProblems(() => configWith(overrides));

describe("a game-day schedule of the app's own stacks", () => {
  let t: Template;
  beforeAll(() => {
    t = synthApp({ drills: { gameDays: true } }).drillsTemplate;
  });

  test('sends RunTask its request in the ECS API member names, one Fargate task without a public IP', () => {
    const [input, ...more] = scheduleInputs(t);
    expect(more).toEqual([]);
    expect(Object.keys(input)).toEqual(['cluster', 'taskDefinition', 'launchType', 'count', 'startedBy', 'networkConfiguration', 'overrides', 'tags']);
    expect(input).toMatchObject({ launchType: 'FARGATE', count: 1, networkConfiguration: { awsvpcConfiguration: { assignPublicIp: 'DISABLED' } } });
    expect(input.tags).toEqual([
      { key: 'drill', value: 'task-stop-drain' },
      { key: 'service', value: 'drills-demo' },
      { key: 'trigger', value: 'game-day' },
    ]);
  });

  test("overrides the runner container's command with exactly `run <drill> --service <name> --yes --out s3://<bucket>/game-days/<name>`", () => {
    const [input] = scheduleInputs(t);
    expect(input.overrides).toEqual({
      containerOverrides: [
        {
          name: 'drills',
          command: ['run', 'task-stop-drain', '--service', 'drills-demo', '--yes', '--out', expect.stringMatching(/^s3:\/\/<Ref:GameDayEvidenceBucket[0-9A-F]{8}>\/game-days\/drills-demo$/)],
        },
      ],
    });
  });

  test("gives the task the app's topic in its environment, and the role no KMS statement for it (alias/aws/sns)", () => {
    expect(runnerEnvironment(t)).toEqual([
      { Name: RUNNER_ENV.notifyTopicArn, Value: { Ref: expect.stringMatching(/^GameDayVerdictsTopic[0-9A-F]{8}$/) } },
      { Name: RUNNER_ENV.serviceProfile, Value: expect.stringMatching(/^\{"name":"drills-demo",/) },
    ]);
    const [topic] = Object.values(t.findResources('AWS::SNS::Topic'));
    expect(JSON.stringify(topic.Properties.KmsMasterKeyId)).toContain(':alias/aws/sns');
    expect(runnerStatements(t).map((s) => s.Sid)).not.toContain('NotifyThroughTheTopicsKey');
  });
});

describe('game days with an existing topic (drills.gameDaysTopicArn) encrypted with a customer managed key', () => {
  let t: Template;
  beforeAll(() => {
    t = synthApp({ drills: { gameDays: true, gameDaysTopicArn: TOPIC, gameDaysTopicKeyArn: KEY } }).drillsTemplate;
  });

  test('makes no topic and hands the existing one to the task', () => {
    t.resourceCountIs('AWS::SNS::Topic', 0);
    expect(runnerEnvironment(t)).toEqual([
      { Name: RUNNER_ENV.notifyTopicArn, Value: TOPIC },
      { Name: RUNNER_ENV.serviceProfile, Value: expect.stringMatching(/^\{"name":"drills-demo",/) },
    ]);
    expect(t.toJSON().Outputs.GameDayTopicArn).toMatchObject({ Value: TOPIC });
  });

  test('lets the task role publish only to that topic and use only its key, exactly as the runner policy says', () => {
    const statements = runnerStatements(t);
    const expected = runnerPolicy({ partition: 'p', region: 'r', account: 'a', service: 'drills-demo', evidence: { bucket: 'b', prefix: 'x' }, notifyTopicArn: TOPIC, notifyKeyArn: KEY }).Statement;
    expect(statements.map((s) => [s.Sid, s.Action])).toEqual(expected.map((s) => [s.Sid, s.Action]));
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.NotifyOnCall.Resource).toBe(TOPIC);
    expect(bySid.NotifyThroughTheTopicsKey).toMatchObject({ Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: KEY });
  });
});

describe('the topic settings', () => {
  test('are declared in the config and default to a topic per service and no key', () => {
    const d = configWith({}).drills;
    expect([d.gameDaysTopicArn, d.gameDaysTopicKeyArn]).toEqual([undefined, undefined]);
    expect(configWith({ drills: { gameDaysTopicArn: TOPIC } }).drills.gameDaysTopicArn).toBe(TOPIC);
  });

  test('rejects a key without its topic, a topic that is not an SNS ARN and a key alias, naming each', () => {
    expect(problemsOf({ drills: { gameDaysTopicKeyArn: KEY } })).toEqual([expect.stringMatching(/^drills\.gameDaysTopicKeyArn is set without drills\.gameDaysTopicArn/)]);
    expect(problemsOf({ drills: { gameDaysTopicArn: 'oncall-pages' } })).toEqual([expect.stringMatching(/^drills\.gameDaysTopicArn is "oncall-pages": give a standard SNS topic's ARN/)]);
    expect(problemsOf({ drills: { gameDaysTopicArn: TOPIC, gameDaysTopicKeyArn: 'alias/pages' } })).toEqual([
      expect.stringMatching(/^drills\.gameDaysTopicKeyArn is "alias\/pages": give a KMS key's ARN/),
    ]);
  });
});

describe("a game-day schedule of ServiceDrills in a team's own stack", () => {
  test('names its stack with --stack (--service finds only <Prefix>-Drills stacks), the rest of the command the same', () => {
    const { stack, web } = teamStack();
    const drill = findDrill('task-stop-drain');
    if (!drill) throw new Error('task-stop-drain is not in the catalogue');
    new ServiceDrills(stack, 'Drills', { service: web, drills: [drill], name: 'web', processName: 'web', gameDays: true });
    const [input] = scheduleInputs(Template.fromStack(stack));
    expect((input.overrides as { containerOverrides: { command: string[] }[] }).containerOverrides[0].command).toEqual([
      'run',
      'task-stop-drain',
      '--stack',
      'Team',
      '--yes',
      '--out',
      expect.stringMatching(/^s3:\/\/<Ref:DrillsGameDayEvidenceBucket[0-9A-F]{8}>\/game-days\/web$/),
    ]);
  });

  test('rejects a topic key without its topic', () => {
    const { stack, web } = teamStack();
    expect(() => new ServiceDrills(stack, 'Drills', { service: web, gameDays: true, gameDayTopicKeyArn: KEY })).toThrow(/gameDayTopicKeyArn is arn:aws:kms:.* without gameDayTopicArn/);
  });
});
