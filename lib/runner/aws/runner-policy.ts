/**
 * The runner's least-privilege IAM policy, the one source of it: docs/run-in-production.md prints
 * it with placeholders (test/runner/aws/documented-policy.test.ts checks the doc against this and
 * this against the calls the adapters make), and the game-day task role (lib/game-days) is built
 * from it for one service. Values may be CDK tokens.
 *
 * Facts: StartExperiment is authorized on the template and on `experiment/*`, and a resource-tag
 * condition cannot match the experiment, which does not exist yet (FIS User Guide, policy
 * examples); ListObjectsV2 is authorized as `s3:ListBucket` with the `s3:prefix` key (S3 API
 * reference); `cloudwatch:namespace` limits PutMetricData (CloudWatch User Guide, "Using condition
 * keys to limit access to CloudWatch namespaces").
 */
export interface RunnerPolicyScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** The `service` tag of the service's FIS templates (the config's service name). */
  readonly service: string;
  /** With `--out s3://bucket/prefix`. */
  readonly evidence?: { readonly bucket: string; readonly prefix: string };
  /** With `--notify <topic-arn>`. */
  readonly notifyTopicArn?: string;
  /**
   * The customer managed KMS key that encrypts that topic, if one does: a publisher needs
   * `kms:GenerateDataKey*` and `kms:Decrypt` on it (SNS Developer Guide, "Key management" and its
   * publisher policy example). Not for the AWS managed key `alias/aws/sns`, whose key policy the
   * account cannot change (not confirmed against a live account that publishing to such a topic
   * needs no IAM KMS statement).
   */
  readonly notifyKeyArn?: string;
}

export interface PolicyStatementJson {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string>>;
}

export interface PolicyJson {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatementJson[];
}

/** The namespace every metric the runner publishes lives in (heartbeat, verdict). */
const METRICS_NAMESPACE = 'FisDrills';

export function runnerPolicy(scope: RunnerPolicyScope): PolicyJson {
  const { partition, region, account } = scope;
  const fis = (resource: string) => `arn:${partition}:fis:${region}:${account}:${resource}`;
  const statements: PolicyStatementJson[] = [
    {
      Sid: 'StartThisServicesDrills',
      Effect: 'Allow',
      Action: 'fis:StartExperiment',
      Resource: fis('experiment-template/*'),
      Condition: { StringEquals: { 'aws:ResourceTag/service': scope.service } },
    },
    { Sid: 'CreateTheExperiment', Effect: 'Allow', Action: 'fis:StartExperiment', Resource: fis('experiment/*') },
    {
      Sid: 'WatchAndStop',
      Effect: 'Allow',
      Action: ['fis:GetExperiment', 'fis:StopExperiment', 'fis:ListExperiments', 'fis:ListExperimentResolvedTargets', 'fis:GetExperimentTemplate', 'fis:TagResource'],
      Resource: '*',
    },
    { Sid: 'FisServiceLinkedRole', Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: '*', Condition: { StringEquals: { 'iam:AWSServiceName': 'fis.amazonaws.com' } } },
    {
      Sid: 'ReadTheService',
      Effect: 'Allow',
      Action: [
        'cloudwatch:DescribeAlarms',
        'cloudwatch:DescribeAlarmHistory',
        'cloudwatch:GetMetricData',
        'ecs:DescribeServices',
        'ecs:DescribeTasks',
        'ecs:DescribeTaskDefinition',
        'cloudformation:DescribeStacks',
      ],
      Resource: '*',
    },
    { Sid: 'PublishHeartbeatAndVerdict', Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': METRICS_NAMESPACE } } },
  ];
  if (scope.evidence) {
    const { bucket, prefix } = scope.evidence;
    statements.push(
      { Sid: 'EvidenceInS3', Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], Resource: `arn:${partition}:s3:::${bucket}/${prefix}/*` },
      { Sid: 'ListEvidenceInS3', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:${partition}:s3:::${bucket}`, Condition: { StringLike: { 's3:prefix': `${prefix}/*` } } },
    );
  }
  if (scope.notifyTopicArn) statements.push({ Sid: 'NotifyOnCall', Effect: 'Allow', Action: 'sns:Publish', Resource: scope.notifyTopicArn });
  if (scope.notifyTopicArn && scope.notifyKeyArn) {
    statements.push({ Sid: 'NotifyThroughTheTopicsKey', Effect: 'Allow', Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: scope.notifyKeyArn });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The scope docs/run-in-production.md prints the policy with: every value a placeholder in capitals. */
export const DOCUMENTED_POLICY_SCOPE: RunnerPolicyScope = {
  partition: 'aws',
  region: 'REGION',
  account: 'ACCOUNT',
  service: 'SERVICE_NAME',
  evidence: { bucket: 'BUCKET', prefix: 'PREFIX' },
  notifyTopicArn: 'arn:aws:sns:REGION:ACCOUNT:TOPIC',
  notifyKeyArn: 'arn:aws:kms:REGION:ACCOUNT:key/KEY_ID',
};
