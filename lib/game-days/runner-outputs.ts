import { CfnOutput, Fn } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { OPTIONAL_OUTPUT_KEYS } from '../contract';
import type { GameDayRunner } from './run-task-target';

/**
 * The stack outputs `drills run --remote` reads to start the game-day runner task from a laptop
 * (lib/runner/aws/remote-runner.ts): the task definition, the cluster, the private subnets
 * (comma-separated) and security group it runs in, and the evidence bucket and prefix its role may
 * write. Logical ids are exactly the keys of OPTIONAL_OUTPUT_KEYS (lib/contract.ts), as the
 * runner's other outputs.
 */
export function addRunnerOutputs(scope: Construct, runner: GameDayRunner): void {
  const { task, cluster } = runner;
  const output = (key: string, value: string, description: string) => new CfnOutput(scope, key, { value, description }).overrideLogicalId(key);
  output(OPTIONAL_OUTPUT_KEYS.runnerTaskDefinitionArn, task.taskDefinition.taskDefinitionArn, 'The game-day runner task definition (`drills run --remote` starts it)');
  output(OPTIONAL_OUTPUT_KEYS.runnerClusterName, cluster.clusterName, 'The cluster the runner task runs in');
  output(OPTIONAL_OUTPUT_KEYS.runnerSubnetIds, Fn.join(',', cluster.vpc.selectSubnets(task.subnets).subnetIds), 'Private subnets of the runner task, comma-separated');
  output(OPTIONAL_OUTPUT_KEYS.runnerSecurityGroupId, task.securityGroup.securityGroupId, 'Security group of the runner task (egress only)');
  output(OPTIONAL_OUTPUT_KEYS.evidenceBucketName, task.evidenceBucketName, 'Bucket of the game-day evidence');
  output(OPTIONAL_OUTPUT_KEYS.evidencePrefix, task.evidencePrefix, 'Prefix of the runs of this service in the evidence bucket');
}
