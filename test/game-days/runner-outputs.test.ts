import { Match, type Template } from 'aws-cdk-lib/assertions';
import { OPTIONAL_OUTPUT_KEYS } from '../../lib/contract';
import { resolveOutputs } from '../../lib/runner/aws/resolve-outputs';
import { RUNNER_OUTPUT_KEYS } from '../../lib/runner/aws/runner-outputs';
import { deployByResolving } from '../fixtures/fake-aws/fake-deployment';
import { synthesizedTemplates } from '../fixtures/fake-aws/synthesized-templates';
import { synthApp } from '../stacks/synth-app';

const GAME_DAYS = { drills: { gameDays: true, deadMansSwitch: true } };

function logicalIdOf(t: Template, type: string, prefix: string): string {
  const ids = Object.keys(t.findResources(type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${ids.join(', ') || 'none'}`);
  return ids[0];
}

describe('the runner outputs `drills run --remote` reads (Drills stack, game days on)', () => {
  let on: Template;
  let off: Template;
  beforeAll(() => {
    on = synthApp(GAME_DAYS).drillsTemplate;
    off = synthApp().drillsTemplate;
  }, 240_000);

  test('name the runner task definition, its cluster, subnets and security group under the contract keys', () => {
    on.hasOutput(OPTIONAL_OUTPUT_KEYS.runnerTaskDefinitionArn, { Value: { Ref: logicalIdOf(on, 'AWS::ECS::TaskDefinition', 'GameDayRunnerTaskDefinition') } });
    on.hasOutput(OPTIONAL_OUTPUT_KEYS.runnerSecurityGroupId, { Value: { 'Fn::GetAtt': [logicalIdOf(on, 'AWS::EC2::SecurityGroup', 'GameDayRunnerSecurityGroup'), 'GroupId'] } });
    on.hasOutput(OPTIONAL_OUTPUT_KEYS.runnerClusterName, { Value: { 'Fn::ImportValue': Match.stringLikeRegexp('ServiceCluster') } });
    // The service's private subnets (one per zone), joined with commas.
    on.hasOutput(OPTIONAL_OUTPUT_KEYS.runnerSubnetIds, {
      Value: { 'Fn::Join': [',', [{ 'Fn::ImportValue': Match.stringLikeRegexp('PrivateSubnet1') }, { 'Fn::ImportValue': Match.stringLikeRegexp('PrivateSubnet2') }]] },
    });
  });

  test('name the evidence bucket and the prefix the task role may write', () => {
    on.hasOutput(OPTIONAL_OUTPUT_KEYS.evidenceBucketName, { Value: { Ref: logicalIdOf(on, 'AWS::S3::Bucket', 'GameDayEvidenceBucket') } });
    on.hasOutput(OPTIONAL_OUTPUT_KEYS.evidencePrefix, { Value: 'game-days/drills-demo' });
  });

  test('are absent when game days are off (no runner task to start)', () => {
    for (const key of RUNNER_OUTPUT_KEYS) expect(off.findOutputs(key)).toEqual({});
  });
});

describe('the runner outputs as the runner reads them back from a deployment', () => {
  test('resolve to the deployed task definition ARN, the subnet list and the evidence location', () => {
    const deployment = deployByResolving(synthesizedTemplates({ config: GAME_DAYS }));
    const runner = resolveOutputs(deployment.outputs).runner;
    expect(runner).toEqual({
      taskDefinitionArn: expect.stringMatching(/^arn:aws:ecs:eu-west-1:111122223333:task-definition\/\S+GameDayRunnerTaskDefinition\S*:1$/),
      clusterName: deployment.cluster.name,
      subnetIds: [expect.stringContaining('PrivateSubnet1'), expect.stringContaining('PrivateSubnet2')],
      securityGroupId: expect.any(String),
      evidenceBucket: expect.any(String),
      evidencePrefix: 'game-days/drills-demo',
    });
  });

  test('leave the runner out when one of the outputs is missing', () => {
    const deployment = deployByResolving(synthesizedTemplates({ config: GAME_DAYS }));
    const stacks = Object.fromEntries(Object.entries(deployment.outputs).map(([name, o]) => [name, Object.fromEntries(Object.entries(o).filter(([k]) => k !== OPTIONAL_OUTPUT_KEYS.runnerSubnetIds))]));
    expect(resolveOutputs(stacks).runner).toBeUndefined();
  });
});
