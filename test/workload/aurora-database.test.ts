import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AuroraDatabase, ConstructPropsError } from '../../lib/workload';
import { DATABASE_ENV, OPTIONAL_OUTPUT_KEYS } from '../../lib/contract';
import { resourceProps, synthApp } from '../stacks/synth-app';

const CLUSTER_REF = { Ref: Match.stringLikeRegexp('^DatabaseCluster[0-9A-F]+$') };

describe('the Workload stack with service.database: true', () => {
  let t: Template;
  beforeAll(() => {
    t = synthApp({ service: { database: true } }).workloadTemplate;
  });

  test('makes an encrypted Aurora PostgreSQL cluster in the private subnets of both zones, removed with the stack outside production', () => {
    t.hasResource('AWS::RDS::DBCluster', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({
        Engine: 'aurora-postgresql',
        StorageEncrypted: true,
        DeletionProtection: false,
        BackupRetentionPeriod: 1,
        Port: 5432,
        DatabaseName: 'drills',
        ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 2 },
        VpcSecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^DatabaseSecurityGroup'), 'GroupId'] }],
      }),
    });
    t.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: [{ Ref: Match.stringLikeRegexp('^ServiceVpcPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('^ServiceVpcPrivateSubnet2') }],
    });
  });

  test('has a Serverless v2 writer and one reader, so a failover has a target', () => {
    t.resourceCountIs('AWS::RDS::DBInstance', 2);
    t.hasResourceProperties('AWS::RDS::DBInstance', { DBClusterIdentifier: CLUSTER_REF, DBInstanceClass: 'db.serverless', PromotionTier: 0, PubliclyAccessible: false });
    t.hasResourceProperties('AWS::RDS::DBInstance', { DBClusterIdentifier: CLUSTER_REF, DBInstanceClass: 'db.serverless', PromotionTier: 1, PubliclyAccessible: false });
  });

  test("admits only the service's security group, on the database port, and sends nothing out", () => {
    const ingress = Object.values(t.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatabaseSecurityGroup'), 'GroupId'] } } }));
    expect(ingress.map((r) => r.Properties)).toEqual([
      expect.objectContaining({ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^ServiceSecurityGroup/), 'GroupId'] } }),
    ]);
    const sg = resourceProps(t, 'AWS::EC2::SecurityGroup', 'DatabaseSecurityGroup');
    expect(sg.SecurityGroupIngress).toBeUndefined();
    expect(sg.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })]);
  });

  test('gives the app container the database: address in the environment, user and password as ECS secrets from the generated secret', () => {
    const secretRef = { Ref: Match.stringLikeRegexp('^DatabaseClusterSecretAttachment') };
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Name: 'app',
          Environment: Match.arrayWith([
            { Name: DATABASE_ENV.host, Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatabaseCluster'), 'Endpoint.Address'] } },
            { Name: DATABASE_ENV.port, Value: '5432' },
            { Name: DATABASE_ENV.name, Value: 'drills' },
            { Name: DATABASE_ENV.ssl, Value: 'no-verify' },
          ]),
          Secrets: [
            { Name: DATABASE_ENV.user, ValueFrom: { 'Fn::Join': ['', [secretRef, ':username::']] } },
            { Name: DATABASE_ENV.password, ValueFrom: { 'Fn::Join': ['', [secretRef, ':password::']] } },
          ],
        }),
      ]),
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('ExecutionRole') }],
      PolicyDocument: { Statement: Match.arrayWith([{ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Effect: 'Allow', Resource: secretRef }]) },
    });
    t.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ GenerateStringKey: 'password', SecretStringTemplate: '{"username":"drills"}' }) });
  });

  test('outputs the cluster identifier and port under the keys the runner reads', () => {
    t.hasOutput(OPTIONAL_OUTPUT_KEYS.databaseClusterIdentifier, { Value: CLUSTER_REF });
    t.hasOutput(OPTIONAL_OUTPUT_KEYS.databasePort, { Value: '5432' });
  });

  test('makes the database-connections and database-unavailable alarms on AWS/RDS DatabaseConnections by DBClusterIdentifier', () => {
    const dims = [{ Name: 'DBClusterIdentifier', Value: CLUSTER_REF }];
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'drills-demo-database-connections',
      Namespace: 'AWS/RDS',
      MetricName: 'DatabaseConnections',
      Dimensions: dims,
      Statistic: 'Maximum',
      Threshold: 100,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'drills-demo-database-unavailable',
      Namespace: 'AWS/RDS',
      MetricName: 'DatabaseConnections',
      Dimensions: dims,
      Statistic: 'SampleCount',
      Threshold: 0,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'breaching',
    });
  });
});

describe('the database settings', () => {
  test('an object of settings sets capacity, name, port and the connections limit', () => {
    const t = synthApp({ service: { database: { maxCapacity: 4, databaseName: 'ledger', port: 6543, maxConnections: 40 } } }).workloadTemplate;
    t.hasResourceProperties('AWS::RDS::DBCluster', { ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 4 }, DatabaseName: 'ledger', Port: 6543 });
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 6543, ToPort: 6543, GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatabaseSecurityGroup'), 'GroupId'] } });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'drills-demo-database-connections', Threshold: 40 });
    t.hasOutput(OPTIONAL_OUTPUT_KEYS.databasePort, { Value: '6543' });
  });

  test('in production: deletion protection, backups kept 7 days, a final snapshot on removal', () => {
    const t = synthApp({ service: { database: true }, drills: { environment: 'production' } }).workloadTemplate;
    t.hasResource('AWS::RDS::DBCluster', { DeletionPolicy: 'Snapshot', Properties: Match.objectLike({ DeletionProtection: true, BackupRetentionPeriod: 7 }) });
  });

  test('rejects a capacity range whose minimum is above its maximum, naming both', () => {
    const stack = new Stack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    expect(() => new AuroraDatabase(stack, 'Db', { vpc, minCapacity: 8, maxCapacity: 4 })).toThrow(ConstructPropsError);
    expect(() => new AuroraDatabase(stack, 'Db2', { vpc, minCapacity: 8, maxCapacity: 4, port: 80 })).toThrow(/minCapacity 8 is above maxCapacity 4[\s\S]*port 80: use a whole number from 1150/);
  });
});
