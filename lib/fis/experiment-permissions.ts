import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/** What the experiment role's permissions are scoped to. */
export interface ExperimentScope {
  readonly clusterName: string;
  readonly vpcId: string;
  /** The VPC's subnets an az-outage may re-associate NACLs on. */
  readonly subnetIds: readonly string[];
  /** The Aurora cluster database-failover fails over (`arn:…:rds:…:cluster:<id>`). @default - none */
  readonly databaseClusterArn?: string;
  /** The zone-placement automation an az-outage starts. @default - none */
  readonly zoneAutomation?: { readonly automationDefinitionArn: string; readonly roleArn: string };
}

/**
 * Least-privilege statements for the FIS actions a catalogue uses (fis-facts §1, §3, §6), in
 * place of the broad AWSFaultInjectionSimulator*Access managed policies: ECS task calls
 * scoped to the cluster's tasks, SSM commands to FIS's own documents (the network actions,
 * blackhole-port included, run `AWSFIS-Run-Network-*` through the sidecar), NACL changes to
 * FIS-tagged ACLs, an Aurora failover to the drilled cluster.
 */
export function experimentStatements(scope: Construct, actionIds: ReadonlySet<string>, target: ExperimentScope): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const arn = (service: string, resource: string, resourceName: string, account?: string) => stack.formatArn({ service, resource, resourceName, ...(account !== undefined ? { account } : {}) });
  const clusterTasks = arn('ecs', 'task', `${target.clusterName}/*`);
  const statements: iam.PolicyStatement[] = [];
  const ecsTaskActions = [...actionIds].filter((a) => a.startsWith('aws:ecs:task') || a === 'aws:ecs:stop-task');

  if (ecsTaskActions.length > 0) {
    statements.push(new iam.PolicyStatement({ sid: 'DescribeClusterTasks', actions: ['ecs:DescribeTasks'], resources: [clusterTasks] }));
    // ListTasks and tag:GetResources resolve targets; neither takes a task resource (the ECS
    // managed policy grants them on *).
    statements.push(new iam.PolicyStatement({ sid: 'ResolveTargets', actions: ['ecs:ListTasks', 'tag:GetResources'], resources: ['*'] }));
  }
  if (actionIds.has('aws:ecs:stop-task')) {
    statements.push(new iam.PolicyStatement({ sid: 'StopClusterTasks', actions: ['ecs:StopTask'], resources: [clusterTasks] }));
  }
  const ssmActions = [...actionIds].filter((a) => a.startsWith('aws:ecs:task-'));
  if (ssmActions.length > 0) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'RunFisDocumentsThroughTheSidecar',
        actions: ['ssm:SendCommand'],
        // FIS's documents are AWS-owned (no account in their ARN; `*` matches that).
        resources: [arn('ssm', 'managed-instance', '*'), arn('ssm', 'document', 'AWSFIS-Run-*', '*')],
      }),
    );
    statements.push(new iam.PolicyStatement({ sid: 'FollowCommands', actions: ['ssm:ListCommands', 'ssm:CancelCommand'], resources: ['*'] }));
  }
  if (ssmActions.some((a) => a.includes('network-latency') || a.includes('network-packet-loss'))) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'ResolveNetworkSources',
        actions: ['ecs:DescribeContainerInstances', 'ec2:DescribeInstances', 'ec2:DescribeSubnets'],
        resources: ['*'],
      }),
    );
  }
  if (actionIds.has('aws:network:disrupt-connectivity')) statements.push(...networkStatements(arn, target));
  if (actionIds.has('aws:ssm:start-automation-execution') && target.zoneAutomation) {
    // FIS actions reference, "aws:ssm:start-automation-execution": Start/Get/StopAutomationExecution,
    // and iam:PassRole for a document that assumes a role. Executions are created at run time.
    const automation = target.zoneAutomation;
    statements.push(new iam.PolicyStatement({ sid: 'StartZoneAutomation', actions: ['ssm:StartAutomationExecution'], resources: [automation.automationDefinitionArn] }));
    statements.push(
      new iam.PolicyStatement({
        sid: 'FollowZoneAutomation',
        actions: ['ssm:GetAutomationExecution', 'ssm:StopAutomationExecution'],
        resources: [arn('ssm', 'automation-execution', '*')],
      }),
    );
    statements.push(
      new iam.PolicyStatement({
        sid: 'PassZoneAutomationRole',
        actions: ['iam:PassRole'],
        resources: [automation.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
      }),
    );
  }
  if (actionIds.has('aws:rds:failover-db-cluster') && target.databaseClusterArn) {
    // AWS managed policy AWSFaultInjectionSimulatorRDSAccess (AWS Managed Policy Reference):
    // rds:FailoverDBCluster on cluster ARNs; rds:DescribeDBClusters and tag:GetResources on *
    // (target resolution). Here the failover is scoped to the drilled cluster only.
    statements.push(new iam.PolicyStatement({ sid: 'FailOverTheDatabaseCluster', actions: ['rds:FailoverDBCluster'], resources: [target.databaseClusterArn] }));
    statements.push(new iam.PolicyStatement({ sid: 'ResolveDatabaseCluster', actions: ['rds:DescribeDBClusters', 'tag:GetResources'], resources: ['*'] }));
  }
  if (actionIds.has('aws:cloudwatch:assert-alarm-state')) {
    // FIS actions reference, "aws:cloudwatch:assert-alarm-state": needs cloudwatch:DescribeAlarms.
    // On * : whether DescribeAlarms honours alarm ARNs as resources is not confirmed here, and a
    // scope it does not honour would fail every pre-check, so no drill would ever inject.
    statements.push(new iam.PolicyStatement({ sid: 'CheckStopConditionAlarms', actions: ['cloudwatch:DescribeAlarms'], resources: ['*'] }));
  }
  return statements;
}

function networkStatements(arn: (service: string, resource: string, name: string) => string, target: ExperimentScope): iam.PolicyStatement[] {
  const fisTagged = { StringEquals: { 'ec2:ResourceTag/managedByFIS': 'true' } };
  const anyAcl = arn('ec2', 'network-acl', '*');
  return [
    new iam.PolicyStatement({ sid: 'CreateFisNetworkAcl', actions: ['ec2:CreateNetworkAcl'], resources: [anyAcl], conditions: { StringEquals: { 'aws:RequestTag/managedByFIS': 'true' } } }),
    new iam.PolicyStatement({ sid: 'CreateNetworkAclInTheVpc', actions: ['ec2:CreateNetworkAcl'], resources: [arn('ec2', 'vpc', target.vpcId)] }),
    new iam.PolicyStatement({
      sid: 'TagFisNetworkAcl',
      actions: ['ec2:CreateTags'],
      resources: [anyAcl],
      conditions: { StringEquals: { 'ec2:CreateAction': 'CreateNetworkAcl', 'aws:RequestTag/managedByFIS': 'true' } },
    }),
    new iam.PolicyStatement({ sid: 'ChangeFisNetworkAcl', actions: ['ec2:CreateNetworkAclEntry', 'ec2:DeleteNetworkAcl'], resources: [anyAcl], conditions: fisTagged }),
    new iam.PolicyStatement({
      sid: 'SwapNetworkAclOnTheVpcSubnets',
      actions: ['ec2:ReplaceNetworkAclAssociation'],
      resources: [anyAcl, ...target.subnetIds.map((id) => arn('ec2', 'subnet', id))],
    }),
    new iam.PolicyStatement({
      sid: 'DescribeNetwork',
      actions: ['ec2:DescribeNetworkAcls', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'ec2:DescribeManagedPrefixLists', 'ec2:GetManagedPrefixListEntries'],
      resources: ['*'],
    }),
  ];
}
