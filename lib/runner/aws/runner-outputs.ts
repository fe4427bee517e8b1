/**
 * The game-day runner task as the Drills stack describes it in its outputs (lib/game-days/runner-outputs.ts
 * writes them; keys in OPTIONAL_OUTPUT_KEYS, lib/contract.ts): what `drills run --remote` needs to
 * start the task in the service's VPC and to read its evidence. Pure.
 */
import { OPTIONAL_OUTPUT_KEYS } from '../../contract';

export interface RunnerOutputs {
  readonly taskDefinitionArn: string;
  readonly clusterName: string;
  /** Private subnets, from the comma-separated output. */
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  readonly evidenceBucket: string;
  /** The prefix the task role may write, `game-days/<service>`. */
  readonly evidencePrefix: string;
}

/** The output keys the runner task needs, all of them. */
export const RUNNER_OUTPUT_KEYS = [
  OPTIONAL_OUTPUT_KEYS.runnerTaskDefinitionArn,
  OPTIONAL_OUTPUT_KEYS.runnerClusterName,
  OPTIONAL_OUTPUT_KEYS.runnerSubnetIds,
  OPTIONAL_OUTPUT_KEYS.runnerSecurityGroupId,
  OPTIONAL_OUTPUT_KEYS.evidenceBucketName,
  OPTIONAL_OUTPUT_KEYS.evidencePrefix,
] as const;

/** The runner task from the found outputs (`get(key)`), or undefined unless every key is there with a value. */
export function runnerOutputsOf(get: (key: string) => string | undefined): RunnerOutputs | undefined {
  const [taskDefinitionArn, clusterName, subnets, securityGroupId, evidenceBucket, evidencePrefix] = RUNNER_OUTPUT_KEYS.map(get);
  const subnetIds = (subnets ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!taskDefinitionArn || !clusterName || subnetIds.length === 0 || !securityGroupId || !evidenceBucket || !evidencePrefix) return undefined;
  return { taskDefinitionArn, clusterName, subnetIds, securityGroupId, evidenceBucket, evidencePrefix };
}
