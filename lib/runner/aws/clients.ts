import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { FisClient } from '@aws-sdk/client-fis';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';

/** The SDK clients the runner uses; one per AWS service. */
export interface AwsClients {
  readonly fis: FisClient;
  readonly cloudwatch: CloudWatchClient;
  readonly ecs: ECSClient;
  readonly cloudformation: CloudFormationClient;
  readonly sts: STSClient;
  readonly sns: SNSClient;
  /** CloudWatch Logs: `drills run --remote` follows the runner task's log. */
  readonly logs: CloudWatchLogsClient;
}

export interface ClientOptions {
  /** Overrides the region from the default chain (AWS_REGION, profile). */
  readonly region?: string;
  /** @default 8 — adaptive mode backs off and rate-limits on throttling errors. */
  readonly maxAttempts?: number;
  /** Replaces the HTTP layer (tests only). */
  readonly requestHandler?: object;
}

/**
 * Clients from the SDK's default configuration chain: credentials, profile and region as the
 * AWS CLI would find them, and the standard `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>`
 * variables. No endpoint is ever set here. Retries use the adaptive mode, which adds a
 * client-side rate limiter on top of exponential backoff when AWS throttles.
 */
export function createClients(options: ClientOptions = {}): AwsClients {
  const config = {
    ...(options.region ? { region: options.region } : {}),
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? 8,
    ...(options.requestHandler ? { requestHandler: options.requestHandler as never } : {}),
  };
  return {
    fis: new FisClient(config),
    cloudwatch: new CloudWatchClient(config),
    ecs: new ECSClient(config),
    cloudformation: new CloudFormationClient(config),
    sts: new STSClient(config),
    sns: new SNSClient(config),
    logs: new CloudWatchLogsClient(config),
  };
}

/** Releases the clients' sockets so the process can exit. */
export function destroyClients(clients: AwsClients): void {
  for (const client of Object.values(clients)) client.destroy();
}
