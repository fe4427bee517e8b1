/**
 * The cdk-nag AwsSolutions findings this app accepts, each with its reason, in one place.
 *
 * cdk-nag v3 acknowledges exact finding ids (`AwsSolutions-IAM5[Resource::…]`), and some of
 * ours embed CDK's cross-stack export names, which exist only once synthesis resolved the
 * references. So each acknowledgement is a pattern over the finding id and the construct path
 * (relative to its stack), applied at validation time by `AppAwsSolutionsChecks`: it runs the
 * pack once, acknowledges the matching findings with `Validations.of(resource).acknowledge`
 * (so the validation report lists them, with their reasons, as acknowledged), then reports
 * what is left. A finding no pattern covers fails synth (test/guardrails/app-compliance.test.ts).
 */
import { Stack, Validations, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export interface NagAcknowledgement {
  /** Matches the finding id, e.g. `AwsSolutions-IAM5[Resource::*]`. */
  readonly finding: RegExp;
  /** Matches the construct path without the stack, e.g. `Service/Vpc/Resource`. */
  readonly path: RegExp;
  readonly reason: string;
}

const IAM5 = (resource: string): RegExp => new RegExp(`^AwsSolutions-IAM5\\[Resource::${resource}\\]$`);

export const APP_NAG_ACKNOWLEDGEMENTS: readonly NagAcknowledgement[] = [
  { finding: /^AwsSolutions-VPC7$/, path: /(^|\/)Vpc\/Resource$/, reason: 'The VPC only hosts the drilled service; flow logs belong to the account baseline and no drill reads them.' },
  {
    finding: /^AwsSolutions-ECS2$/,
    path: /(^|\/)TaskDefinition\/Resource$/,
    reason:
      "The environment holds non-secret settings only: PORT, DRAIN_TIMEOUT_MS, the SSM sidecar's role name, the service's configured environment (the config takes secrets only as references, passed as ECS secrets) and the database's host, port, name and TLS mode (its user and password are ECS secrets).",
  },
  {
    finding: /^AwsSolutions-IAM4\[Policy::arn:<AWS::Partition>:iam::aws:policy\/AmazonSSMManagedInstanceCore\]$/,
    path: /(^|\/)ManagedInstanceRole\/Resource$/,
    reason: "FIS ECS task actions require the sidecar's managed-instance role to carry AmazonSSMManagedInstanceCore (FIS user guide, ECS task actions).",
  },
  {
    finding: /^AwsSolutions-ELB2$/,
    path: /(^|\/)LoadBalancer\/Resource$/,
    reason: 'Access logs need a dedicated bucket with an ELB delivery policy; drills judge from CloudWatch metrics and their own probes.',
  },
  {
    finding: /^AwsSolutions-EC23$/,
    path: /(^|\/)LoadBalancer\/SecurityGroup\/Resource$/,
    reason: "The ALB is the service's public entry point: drill probes reach it from outside the VPC, on the listener port only.",
  },
  { finding: IAM5('\\*'), path: /(^|\/)ExecutionRole\/DefaultPolicy\/Resource$/, reason: 'ecr:GetAuthorizationToken has no resource-level permissions; CDK grants it for the image pull.' },
  {
    finding: IAM5('\\*'),
    path: /(^|\/)(TaskRole|ManagedInstanceRole)\/DefaultPolicy\/Resource$/,
    reason: 'The SSM sidecar creates, tags and deletes its hybrid activation at task start: activation ids do not exist at deploy time.',
  },
  {
    finding: IAM5('arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:managed-instance/\\*'),
    path: /(^|\/)(TaskRole\/DefaultPolicy|ExperimentRole\/Role\/DefaultPolicy)\/Resource$/,
    reason: "Managed-instance ids appear when each task's sidecar registers; only managed-instance/* can name them (as AWS's FIS ECS policy does).",
  },
  {
    finding: IAM5('\\*'),
    path: /(^|\/)ExperimentRole\/Role\/DefaultPolicy\/Resource$/,
    reason:
      "ecs:ListTasks, tag:GetResources, ssm:ListCommands/CancelCommand, ec2:Describe*, log delivery and the alarm checks' cloudwatch:DescribeAlarms take no resource ARN we could confirm (AWS's FIS policies use * too).",
  },
  {
    finding: IAM5('arn:<AWS::Partition>:ecs:<AWS::Region>:<AWS::AccountId>:task/[^\\]]+/\\*'),
    path: /(^|\/)ExperimentRole\/Role\/DefaultPolicy\/Resource$/,
    reason: 'Task ids are created at run time; the pattern is scoped to the drilled cluster.',
  },
  {
    finding: IAM5('arn:<AWS::Partition>:ssm:<AWS::Region>:\\*:document/AWSFIS-Run-\\*'),
    path: /(^|\/)ExperimentRole\/Role\/DefaultPolicy\/Resource$/,
    reason: 'Names only the AWS-owned SSM documents FIS runs for the ECS task actions.',
  },
  {
    finding: IAM5('arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-acl/\\*'),
    path: /(^|\/)ExperimentRole\/Role\/DefaultPolicy\/Resource$/,
    reason: 'FIS creates its network ACL at run time; every mutating call is conditioned on the managedByFIS=true tag.',
  },
  {
    finding: IAM5('arn:<AWS::Partition>:s3:::[^\\]/]+/fis-reports/\\*'),
    path: /(^|\/)ExperimentRole\/Role\/DefaultPolicy\/Resource$/,
    reason: 'FIS writes each experiment report under a new key at run time; access is limited to the fis-reports/ prefix of the report bucket.',
  },
  {
    finding: IAM5('arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:automation-definition/<[A-Za-z0-9]*ZonePlacementDocument[0-9A-F]+>:\\*'),
    path: /(^|\/)ExperimentRole\/Role\/DefaultPolicy\/Resource$/,
    reason: 'Names the az-outage automation document only; the suffix is its version, which StartAutomationExecution authorizes on.',
  },
  {
    finding: IAM5('arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:automation-execution/\\*'),
    path: /(^|\/)ExperimentRole\/Role\/DefaultPolicy\/Resource$/,
    reason: 'FIS follows and stops the automation execution it starts; its id does not exist before the experiment.',
  },
  {
    finding: /^AwsSolutions-SMG4$/,
    path: /(^|\/)Database\/Cluster\/Secret\/Resource$/,
    reason:
      'ECS reads the database password once, at task start: a rotation would change it under running tasks, and its Lambda needs a network path of its own. Not built; rotate on your own schedule (docs/deploy.md, "A database").',
  },
  {
    finding: /^AwsSolutions-RDS6$/,
    path: /(^|\/)Database\/Cluster\/Resource$/,
    reason: "The service signs in with the generated password from Secrets Manager; IAM authentication tokens last 15 minutes and the demo's pool does not renew them.",
  },
  {
    finding: /^AwsSolutions-RDS10$/,
    path: /(^|\/)Database\/Cluster\/Resource$/,
    reason: 'Deletion protection is on when drills.environment is production; elsewhere the drill database (the demo ledger only) goes with `cdk destroy`.',
  },

  {
    finding: /^AwsSolutions-S1$/,
    path: /(^|\/)GameDayEvidence\/Bucket\/Resource$/,
    reason:
      'Only the game-day runner task writes the evidence bucket; object-level access logging belongs to the account baseline (CloudTrail data events), and a log bucket per service would double the buckets.',
  },
  {
    finding: IAM5('(\\*|arn:<AWS::Partition>:fis:<AWS::Region>:<AWS::AccountId>:experiment(-template)?/\\*)'),
    path: /(^|\/)GameDayRunner\/RunnerPolicy\/Resource$/,
    reason:
      "The runner's documented policy (lib/runner/aws/runner-policy.ts): templates limited by the service tag condition, experiments that do not exist before the start, FIS reads and CloudWatch/ECS reads that take no resource ARN, PutMetricData limited to the FisDrills namespace.",
  },
  {
    finding: IAM5('arn:<AWS::Partition>:s3:::<[A-Za-z0-9]*GameDayEvidenceBucket[0-9A-F]+>/game-days/[^\\]]+/\\*'),
    path: /(^|\/)GameDayRunner\/RunnerPolicy\/Resource$/,
    reason: "Each run writes a new folder under the service's own evidence prefix; the keys do not exist at deploy time.",
  },
  {
    finding: IAM5('(\\*|arn:<AWS::Partition>:fis:<AWS::Region>:<AWS::AccountId>:experiment/\\*)'),
    path: /(^|\/)GameDays\/Role\/DefaultPolicy\/Resource$/,
    reason:
      'Resources that do not exist before the schedule fires: the task RunTask creates (ecs:TagResource, conditioned on ecs:CreateAction = RunTask), or, for schedules that start FIS directly, the experiment fis:StartExperiment creates.',
  },
];

/** The acknowledgement covering a finding on a construct path (relative to its stack), if any. */
export function acknowledgementFor(finding: string, stackRelativePath: string, acks = APP_NAG_ACKNOWLEDGEMENTS): NagAcknowledgement | undefined {
  return acks.find((a) => a.finding.test(finding) && a.path.test(stackRelativePath));
}

function stackRelativePath(construct: IConstruct): string {
  const stackPath = Stack.of(construct).node.path;
  return construct.node.path.startsWith(`${stackPath}/`) ? construct.node.path.slice(stackPath.length + 1) : construct.node.path;
}

/** AwsSolutionsChecks that first acknowledges the findings this app accepts (APP_NAG_ACKNOWLEDGEMENTS). */
export class AppAwsSolutionsChecks extends AwsSolutionsChecks {
  validateScope(scope: IConstruct): PolicyValidationPluginReport {
    const byPath = new Map(scope.node.root.node.findAll().map((c) => [c.node.path, c] as const));
    for (const violation of super.validateScope(scope).violations) {
      for (const resource of violation.violatingResources) {
        const construct = resource.constructPath ? byPath.get(resource.constructPath) : undefined;
        const ack = construct ? acknowledgementFor(violation.ruleName, stackRelativePath(construct)) : undefined;
        if (construct && ack) Validations.of(construct).acknowledge({ id: violation.ruleName, reason: ack.reason });
      }
    }
    return super.validateScope(scope);
  }
}
