import { Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SSM_AGENT_SCRIPT } from './ssm-agent-script';

export const SSM_AGENT_IMAGE = 'public.ecr.aws/amazon-ssm-agent/amazon-ssm-agent:latest';
export const SSM_AGENT_CONTAINER_NAME = 'ssm-agent';

export interface SsmAgentSidecarProps {
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly logGroup: logs.ILogGroup;
}

/**
 * The SSM agent sidecar that FIS `aws:ecs:task-*` actions (kill-process, stress, network) run
 * their SSM documents through (fis-facts §1): non-essential, cpu 0, its managed-instance role,
 * and the task-role permissions to create its hybrid activation. It needs outbound access
 * (NAT or VPC endpoints) to install packages and reach SSM. ECS Exec must stay off.
 */
export class SsmAgentSidecar extends Construct {
  readonly container: ecs.ContainerDefinition;
  /** The SSM "managed instance role" the hybrid activation hands to the agent. */
  readonly managedInstanceRole: iam.Role;

  constructor(scope: Construct, id: string, props: SsmAgentSidecarProps) {
    super(scope, id);
    // Trust principal for SSM hybrid activations: ssm.amazonaws.com. Not confirmed on the
    // FIS page (fis-facts §1 says "as I recall"); it is the principal SSM documents for
    // hybrid activation service roles.
    this.managedInstanceRole = new iam.Role(this, 'ManagedInstanceRole', {
      assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com'),
      description: 'SSM managed-instance role for the FIS fault-injection sidecar',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    this.managedInstanceRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:DeleteActivation', 'ssm:DeregisterManagedInstance'],
        resources: ['*'],
      }),
    );

    const taskRole = props.taskDefinition.taskRole;
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:CreateActivation', 'ssm:AddTagsToResource'],
        resources: ['*'],
      }),
    );
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.managedInstanceRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
      }),
    );
    // Our cleanup on SIGTERM runs the AWS CLI with the task role's credentials.
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:DeleteActivation'],
        resources: ['*'],
      }),
    );
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:DeregisterManagedInstance'],
        resources: [Stack.of(this).formatArn({ service: 'ssm', resource: 'managed-instance', resourceName: '*' })],
      }),
    );

    this.container = props.taskDefinition.addContainer(SSM_AGENT_CONTAINER_NAME, {
      containerName: SSM_AGENT_CONTAINER_NAME,
      image: ecs.ContainerImage.fromRegistry(SSM_AGENT_IMAGE),
      essential: false,
      cpu: 0,
      entryPoint: ['/bin/bash', '-c'],
      command: [SSM_AGENT_SCRIPT],
      environment: { MANAGED_INSTANCE_ROLE_NAME: this.managedInstanceRole.roleName },
      logging: ecs.LogDrivers.awsLogs({ logGroup: props.logGroup, streamPrefix: SSM_AGENT_CONTAINER_NAME }),
    });
  }
}
