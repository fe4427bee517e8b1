/** The experiment role's statements, action by action: what each FIS action the catalogue uses is granted, and on which resources. */
import { App, Stack } from 'aws-cdk-lib';
import { experimentStatements, type ExperimentScope } from '../../lib/fis/experiment-permissions';

const SCOPE: ExperimentScope = { clusterName: 'drills-cluster', vpcId: 'vpc-0a1b', subnetIds: ['subnet-1', 'subnet-2'] };
const AUTOMATION = { automationDefinitionArn: 'arn:aws:ssm:eu-west-1:111122223333:automation-definition/zone:$DEFAULT', roleArn: 'arn:aws:iam::111122223333:role/zone-automation' };
const TASKS = 'arn:aws:ecs:eu-west-1:111122223333:task/drills-cluster/*';

/** Resolves the few intrinsics formatArn leaves (the partition, joins) to plain strings. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (o.Ref === 'AWS::Partition') return 'aws';
  if ('Fn::Join' in o) {
    const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
    return parts.map(plain).join(sep);
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v)]));
}

/** The statements for these action ids: sid → { actions, resources, conditions }. */
function granted(actionIds: string[], scope: ExperimentScope = SCOPE) {
  const stack = new Stack(new App(), 'S', { env: { account: '111122223333', region: 'eu-west-1' } });
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
  return Object.fromEntries(
    experimentStatements(stack, new Set(actionIds), scope).map((s) => {
      const json = plain(stack.resolve(s.toStatementJson())) as { Sid: string; Action: unknown; Resource: unknown; Condition?: unknown };
      return [json.Sid, { actions: list(json.Action), resources: list(json.Resource), ...(json.Condition ? { conditions: json.Condition } : {}) }];
    }),
  );
}

describe('experimentStatements', () => {
  it('grants nothing for no action, nor for an action that needs no call of its own', () => {
    expect(granted([])).toEqual({});
    expect(granted(['aws:fis:wait'])).toEqual({});
  });

  it('lets aws:ecs:stop-task find, describe and stop the tasks of its cluster only, and nothing through SSM', () => {
    expect(granted(['aws:ecs:stop-task'])).toEqual({
      DescribeClusterTasks: { actions: ['ecs:DescribeTasks'], resources: [TASKS] },
      ResolveTargets: { actions: ['ecs:ListTasks', 'tag:GetResources'], resources: ['*'] },
      StopClusterTasks: { actions: ['ecs:StopTask'], resources: [TASKS] },
    });
  });

  it("lets an in-task action run FIS's own documents through the sidecar, but not stop tasks", () => {
    expect(granted(['aws:ecs:task-kill-process'])).toEqual({
      DescribeClusterTasks: { actions: ['ecs:DescribeTasks'], resources: [TASKS] },
      ResolveTargets: { actions: ['ecs:ListTasks', 'tag:GetResources'], resources: ['*'] },
      RunFisDocumentsThroughTheSidecar: {
        actions: ['ssm:SendCommand'],
        resources: ['arn:aws:ssm:eu-west-1:111122223333:managed-instance/*', 'arn:aws:ssm:eu-west-1:*:document/AWSFIS-Run-*'],
      },
      FollowCommands: { actions: ['ssm:ListCommands', 'ssm:CancelCommand'], resources: ['*'] },
    });
  });

  it.each(['aws:ecs:task-network-latency', 'aws:ecs:task-network-packet-loss'])('lets %s read the network it degrades', (action) => {
    expect(granted([action]).ResolveNetworkSources).toEqual({ actions: ['ecs:DescribeContainerInstances', 'ec2:DescribeInstances', 'ec2:DescribeSubnets'], resources: ['*'] });
    expect(granted(['aws:ecs:task-cpu-stress', 'aws:ecs:stop-task']).ResolveNetworkSources).toBeUndefined();
  });

  it("lets aws:network:disrupt-connectivity create and swap only FIS-tagged network ACLs, in the VPC, on the VPC's subnets", () => {
    const acl = 'arn:aws:ec2:eu-west-1:111122223333:network-acl/*';
    const fisTagged = { StringEquals: { 'ec2:ResourceTag/managedByFIS': 'true' } };
    expect(granted(['aws:network:disrupt-connectivity'])).toEqual({
      CreateFisNetworkAcl: { actions: ['ec2:CreateNetworkAcl'], resources: [acl], conditions: { StringEquals: { 'aws:RequestTag/managedByFIS': 'true' } } },
      CreateNetworkAclInTheVpc: { actions: ['ec2:CreateNetworkAcl'], resources: ['arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-0a1b'] },
      TagFisNetworkAcl: { actions: ['ec2:CreateTags'], resources: [acl], conditions: { StringEquals: { 'ec2:CreateAction': 'CreateNetworkAcl', 'aws:RequestTag/managedByFIS': 'true' } } },
      ChangeFisNetworkAcl: { actions: ['ec2:CreateNetworkAclEntry', 'ec2:DeleteNetworkAcl'], resources: [acl], conditions: fisTagged },
      SwapNetworkAclOnTheVpcSubnets: {
        actions: ['ec2:ReplaceNetworkAclAssociation'],
        resources: [acl, 'arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-1', 'arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-2'],
      },
      DescribeNetwork: { actions: ['ec2:DescribeNetworkAcls', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'ec2:DescribeManagedPrefixLists', 'ec2:GetManagedPrefixListEntries'], resources: ['*'] },
    });
  });

  it('lets the zone automation start, be followed and pass its role to SSM only, and only when the automation exists', () => {
    expect(granted(['aws:ssm:start-automation-execution'])).toEqual({});
    expect(granted(['aws:ssm:start-automation-execution'], { ...SCOPE, zoneAutomation: AUTOMATION })).toEqual({
      StartZoneAutomation: { actions: ['ssm:StartAutomationExecution'], resources: [AUTOMATION.automationDefinitionArn] },
      FollowZoneAutomation: { actions: ['ssm:GetAutomationExecution', 'ssm:StopAutomationExecution'], resources: ['arn:aws:ssm:eu-west-1:111122223333:automation-execution/*'] },
      PassZoneAutomationRole: { actions: ['iam:PassRole'], resources: [AUTOMATION.roleArn], conditions: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } } },
    });
    expect(granted(['aws:ecs:stop-task'], { ...SCOPE, zoneAutomation: AUTOMATION }).StartZoneAutomation).toBeUndefined();
  });

  it('lets the alarm checks read alarm states', () => {
    expect(granted(['aws:cloudwatch:assert-alarm-state'])).toEqual({ CheckStopConditionAlarms: { actions: ['cloudwatch:DescribeAlarms'], resources: ['*'] } });
  });
});
