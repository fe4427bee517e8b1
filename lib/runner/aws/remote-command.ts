/**
 * The `drills` command line the runner task runs for `drills run --remote` (its container's
 * entrypoint is the CLI): the same drill, unattended (`--yes`), its evidence to the runner's S3
 * prefix, the deployment read from the same stacks through CloudFormation, a run id chosen here so
 * the laptop knows which folder to fetch, and the operator's own flags passed through. Pure.
 */
import type { RunnerOutputs } from './runner-outputs';
import { s3Url } from './s3-url';

export interface RemoteCommandInput {
  readonly drill: string;
  readonly runId: string;
  readonly runner: RunnerOutputs;
  /** The stacks the deployment was read from (the runner reads their outputs with DescribeStacks). */
  readonly stacks: readonly string[];
  readonly service?: string;
  readonly account?: string;
  readonly notify?: string;
  readonly allowInsufficientData?: boolean;
  readonly heartbeat?: boolean;
}

/** `s3://<bucket>/<prefix>`: the runs' root the runner task writes to. */
export function remoteEvidenceRoot(runner: RunnerOutputs): string {
  return s3Url({ bucket: runner.evidenceBucket, prefix: runner.evidencePrefix.replace(/^\/+|\/+$/g, '') });
}

export function remoteCommand(input: RemoteCommandInput): string[] {
  return [
    'run',
    input.drill,
    '--yes',
    '--run-id',
    input.runId,
    '--out',
    remoteEvidenceRoot(input.runner),
    ...input.stacks.flatMap((s) => ['--stack', s]),
    ...(input.service !== undefined ? ['--service', input.service] : []),
    ...(input.account !== undefined ? ['--account', input.account] : []),
    ...(input.notify !== undefined ? ['--notify', input.notify] : []),
    ...(input.allowInsufficientData ? ['--allow-insufficient-data'] : []),
    ...(input.heartbeat ? ['--heartbeat'] : []),
  ];
}

/**
 * RunTask's `startedBy` naming the operator: `drills-remote/<the caller ARN's resource>`
 * (`assumed-role/oncall/alice`), other characters made `_`, at most 128 (ECS API Reference,
 * RunTask `startedBy`: letters, digits, `-`, `_`, `/`).
 */
export function remoteStartedBy(callerArn: string): string {
  const resource = callerArn.slice(callerArn.lastIndexOf(':') + 1) || 'unknown';
  return `drills-remote/${resource.replace(/[^A-Za-z0-9_/-]/g, '_')}`.slice(0, 128);
}
