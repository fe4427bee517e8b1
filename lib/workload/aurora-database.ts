import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { DATABASE_DEFAULTS } from '../config-database';
import { DATABASE_ENV } from '../contract';
import { ConstructPropsError } from './drain-ready-props';

export interface AuroraDatabaseProps {
  /** The service's VPC. */
  readonly vpc: ec2.IVpc;
  /** Where the instances go. @default - the VPC's private subnets with egress (the service's, across its zones) */
  readonly subnets?: ec2.SubnetSelection;
  /** ACU each instance scales down to (Serverless v2). @default 0.5 */
  readonly minCapacity?: number;
  /** ACU each instance scales up to. @default 2 */
  readonly maxCapacity?: number;
  /** The database made with the cluster, which the service connects to. @default 'drills' */
  readonly databaseName?: string;
  /** The port the cluster listens on. @default 5432 */
  readonly port?: number;
  /**
   * Production: deletion protection on, backups kept 7 days, a final snapshot on removal. Otherwise
   * no deletion protection, backups kept 1 day (the least Aurora takes) and the cluster removed with
   * the stack (it holds only the service's drill data). @default false
   */
  readonly production?: boolean;
}

/**
 * The service's database: Aurora PostgreSQL Serverless v2 with a writer and one reader that scales
 * with it (so a failover has a target), in private subnets across the service's zones, storage
 * encrypted, credentials generated into a Secrets Manager secret. Its security group admits no one
 * until `connectService` lets one service's tasks in, on the database port only. Aurora: CDK
 * aws-rds `DatabaseCluster` and `ClusterInstance.serverlessV2`; the FIS drills act on it through
 * `aws:rds:failover-db-cluster` and `aws:ecs:task-network-blackhole-port` (fis-facts §1, §3).
 *
 * @throws ConstructPropsError listing every problem with the props at once.
 */
export class AuroraDatabase extends Construct {
  readonly cluster: rds.DatabaseCluster;
  readonly secret: secretsmanager.ISecret;
  readonly securityGroup: ec2.SecurityGroup;
  readonly port: number;
  readonly databaseName: string;

  constructor(scope: Construct, id: string, props: AuroraDatabaseProps) {
    super(scope, id);
    const D = DATABASE_DEFAULTS;
    const min = props.minCapacity ?? D.minCapacity;
    const max = props.maxCapacity ?? D.maxCapacity;
    this.port = props.port ?? D.port;
    this.databaseName = props.databaseName ?? D.databaseName;
    const problems: string[] = [];
    if (min > max) problems.push(`minCapacity ${min} is above maxCapacity ${max}: give a range with min ≤ max (ACU)`);
    if (!Number.isInteger(this.port) || this.port < 1150 || this.port > 65535) problems.push(`port ${this.port}: use a whole number from 1150 to 65535 (Aurora's range)`);
    if (problems.length > 0) throw new ConstructPropsError('AuroraDatabase', problems);
    const production = props.production ?? false;

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'The Aurora cluster of the drilled service: only its tasks, on the database port',
      allowAllOutbound: false,
    });
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_6 }),
      writer: rds.ClusterInstance.serverlessV2('Writer', { publiclyAccessible: false }),
      // Same promotion tier as the writer's capacity: the failover target can carry the load at once.
      readers: [rds.ClusterInstance.serverlessV2('Reader', { publiclyAccessible: false, scaleWithWriter: true })],
      serverlessV2MinCapacity: min,
      serverlessV2MaxCapacity: max,
      vpc: props.vpc,
      vpcSubnets: props.subnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [this.securityGroup],
      port: this.port,
      defaultDatabaseName: this.databaseName,
      // Characters that would need escaping in a connection URL or a shell are left out.
      credentials: rds.Credentials.fromGeneratedSecret('drills', { excludeCharacters: ' %+~`#$&*()|[]{}:;<>?!\'/@"\\=,^' }),
      storageEncrypted: true,
      deletionProtection: production,
      backup: { retention: Duration.days(production ? 7 : 1) },
      removalPolicy: production ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      cloudwatchLogsExports: ['postgresql'],
    });
    this.secret = this.cluster.secret as secretsmanager.ISecret;
  }

  /** The cluster identifier: the RDS CloudWatch dimension `DBClusterIdentifier` and the FIS target's name. */
  get clusterIdentifier(): string {
    return this.cluster.clusterIdentifier;
  }

  /** `arn:<partition>:rds:<region>:<account>:cluster:<identifier>`: what `aws:rds:failover-db-cluster` targets. */
  get clusterArn(): string {
    return this.cluster.clusterArn;
  }

  /**
   * Lets `service`'s tasks in on the database port, and gives `container` the database: host, port,
   * name and TLS mode in its environment, user and password as ECS secrets from the cluster's secret
   * (ECS reads them at task start with the execution role; the template holds only the ARN).
   * Names: DATABASE_ENV (lib/contract.ts), read by service/src/database-settings.ts.
   */
  connectService(service: ec2.IConnectable, container: ecs.ContainerDefinition): void {
    this.cluster.connections.allowFrom(service, ec2.Port.tcp(this.port), 'The drilled service reaches its database');
    container.addEnvironment(DATABASE_ENV.host, this.cluster.clusterEndpoint.hostname);
    container.addEnvironment(DATABASE_ENV.port, String(this.port));
    container.addEnvironment(DATABASE_ENV.name, this.databaseName);
    // TLS to Aurora; the demo image carries no RDS CA bundle, so the certificate is not verified (docs/deploy.md).
    container.addEnvironment(DATABASE_ENV.ssl, 'no-verify');
    container.addSecret(DATABASE_ENV.user, ecs.Secret.fromSecretsManager(this.secret, 'username'));
    container.addSecret(DATABASE_ENV.password, ecs.Secret.fromSecretsManager(this.secret, 'password'));
  }
}
