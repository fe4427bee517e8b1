import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DrillsConfig } from '../config';
import { DrainReadyFargateService } from '../workload/drain-ready-fargate-service';
import { StopConditionAlarms } from '../workload/stop-condition-alarms';

export interface WorkloadStackProps extends StackProps {
  readonly config: DrillsConfig;
  /** @default - `service/` under the working directory */
  readonly demoImageDirectory?: string;
}

/**
 * The service under drill: VPC, cluster, drain-ready Fargate service behind an ALB, and the
 * stop-condition alarms. Outputs carry the names the runner looks for (DESIGN "Interfaces").
 */
export class WorkloadStack extends Stack {
  readonly workload: DrainReadyFargateService;
  readonly stopConditions: StopConditionAlarms;

  constructor(scope: Construct, id: string, props: WorkloadStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.workload = new DrainReadyFargateService(this, 'Service', { profile: config.service, demoImageDirectory: props.demoImageDirectory });
    this.stopConditions = new StopConditionAlarms(this, 'StopConditions', {
      serviceName: config.service.name,
      options: config.drills,
      loadBalancer: this.workload.loadBalancer,
      targetGroup: this.workload.targetGroup,
      cluster: this.workload.cluster,
      service: this.workload.service,
      zones: this.workload.zones,
    });

    new CfnOutput(this, 'ServiceUrl', { value: this.workload.serviceUrl, description: 'The service behind its ALB' });
    new CfnOutput(this, 'ClusterName', { value: this.workload.cluster.clusterName });
    new CfnOutput(this, 'ServiceName', { value: this.workload.service.serviceName });
    new CfnOutput(this, 'LoadBalancerFullName', { value: this.workload.loadBalancer.loadBalancerFullName });
    new CfnOutput(this, 'TargetGroupFullName', { value: this.workload.targetGroup.targetGroupFullName });
  }
}
