import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DrillsConfig } from '../config';
import { databaseSettingsOf } from '../config-database';
import { AuroraDatabase } from '../workload/aurora-database';
import { DrainReadyFargateService } from '../workload/drain-ready-fargate-service';
import { serviceImage } from '../workload/service-image';
import { StopConditionAlarms } from '../workload/stop-condition-alarms';
import { addServiceOutputs } from '../service-drills/service-outputs';
import { managedServiceExtras } from './managed-service-extras';

export interface WorkloadStackProps extends StackProps {
  readonly config: DrillsConfig;
  /** @default - `service/` under the working directory */
  readonly demoImageDirectory?: string;
}

/**
 * The service under drill: VPC, cluster, drain-ready Fargate service behind an ALB (from the
 * config's service profile), and the stop-condition alarms. Outputs carry the names the runner
 * looks for (DESIGN "Interfaces").
 */
export class WorkloadStack extends Stack {
  readonly workload: DrainReadyFargateService;
  readonly stopConditions: StopConditionAlarms;
  /** The service's database, when `service.database` asks for one. */
  readonly database?: AuroraDatabase;

  constructor(scope: Construct, id: string, props: WorkloadStackProps) {
    super(scope, id, props);
    const { config } = props;
    const p = config.service;
    const extras = managedServiceExtras(this, p);
    const image = serviceImage(p, props.demoImageDirectory ?? 'service', extras.cpuArchitecture);
    const hc = p.containerHealthCheck;
    const seconds = Duration.seconds;
    this.workload = new DrainReadyFargateService(this, 'Service', {
      ...extras,
      image: image.image,
      healthCheck: image.healthCheckCommand && {
        command: image.healthCheckCommand,
        interval: seconds(hc.intervalSeconds),
        timeout: seconds(hc.timeoutSeconds),
        retries: hc.retries,
        startPeriod: seconds(hc.startPeriodSeconds),
      },
      azCount: p.azCount,
      cpu: p.cpu,
      memoryLimitMiB: p.memoryMiB,
      containerPort: p.containerPort,
      desiredCount: p.desiredCount,
      stopTimeout: seconds(p.stopTimeoutSeconds),
      drainTimeout: Duration.millis(p.drainTimeoutMs),
      deregistrationDelay: seconds(p.deregistrationDelaySeconds),
      longestRequest: seconds(p.longestRequestSeconds),
      healthCheckGracePeriod: seconds(p.healthCheckGracePeriodSeconds),
      targetHealthCheck: {
        path: p.healthPath,
        interval: seconds(p.albHealthCheck.intervalSeconds),
        timeout: seconds(p.albHealthCheck.timeoutSeconds),
        healthyThresholdCount: p.albHealthCheck.healthyThreshold,
        unhealthyThresholdCount: p.albHealthCheck.unhealthyThreshold,
      },
    });
    const db = databaseSettingsOf(p.database);
    if (db) {
      this.database = new AuroraDatabase(this, 'Database', {
        vpc: this.workload.vpc,
        minCapacity: db.minCapacity,
        maxCapacity: db.maxCapacity,
        databaseName: db.databaseName,
        port: db.port,
        production: config.drills.environment === 'production',
      });
      this.database.connectService(this.workload.service, this.workload.appContainer);
    }
    this.stopConditions = new StopConditionAlarms(this, 'StopConditions', {
      name: p.name,
      clusterName: this.workload.cluster.clusterName,
      ecsServiceName: this.workload.service.serviceName,
      loadBalancerFullName: this.workload.loadBalancer.loadBalancerFullName,
      targetGroupFullName: this.workload.targetGroup.targetGroupFullName,
      zones: this.workload.zones,
      stopConditions: config.drills.stopConditions,
      deadMansSwitch: config.drills.deadMansSwitch,
      ...(this.database && db ? { database: { clusterIdentifier: this.database.clusterIdentifier, maxConnections: db.maxConnections } } : {}),
    });

    addServiceOutputs(
      this,
      {
        serviceUrl: this.workload.serviceUrl,
        clusterName: this.workload.cluster.clusterName,
        serviceName: this.workload.service.serviceName,
        loadBalancerFullName: this.workload.loadBalancer.loadBalancerFullName,
        targetGroupFullName: this.workload.targetGroup.targetGroupFullName,
        ...(this.database ? { databaseClusterIdentifier: this.database.clusterIdentifier, databasePort: this.database.port } : {}),
      },
      'The service behind its ALB',
    );
  }
}
