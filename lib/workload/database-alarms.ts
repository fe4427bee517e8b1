import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import type { StopConditionName } from '../drill';

/** What the database alarms watch: the Aurora cluster by identifier (a token is fine). */
export interface DatabaseAlarmSettings {
  readonly clusterIdentifier: string;
  /** The connections alarm trips above this many (Maximum over a minute, 2 minutes running). */
  readonly maxConnections: number;
}

/**
 * The stop-condition alarms of a service's database, by stop-condition name (named `<name>-<stop
 * condition>`), both on `AWS/RDS` `DatabaseConnections` with the `DBClusterIdentifier` dimension:
 * - `database-connections`: more than `maxConnections` for 2 minutes: a reconnect storm beyond the
 *   pools' budget, the harm database-failover must not cause. Missing data is not breaching.
 * - `database-unavailable`: no datapoint for 3 minutes (missing data is breaching; the threshold,
 *   below 0, is never crossed by a datapoint): the cluster is gone longer than a failover takes.
 * Aurora publishes cluster-level metrics under `DBClusterIdentifier` (Aurora User Guide, "Amazon
 * CloudWatch metrics for Amazon Aurora"); that DatabaseConnections is among them at cluster level,
 * and that it keeps a datapoint a minute through a failover, is not confirmed in fis-facts.
 */
export function databaseAlarms(scope: Construct, name: string, settings: DatabaseAlarmSettings): Partial<Record<StopConditionName, cloudwatch.Alarm>> {
  const connections = (statistic: string) =>
    new cloudwatch.Metric({
      namespace: 'AWS/RDS',
      metricName: 'DatabaseConnections',
      statistic,
      period: Duration.minutes(1),
      dimensionsMap: { DBClusterIdentifier: settings.clusterIdentifier },
    });
  return {
    'database-connections': new cloudwatch.Alarm(scope, 'DatabaseConnections', {
      alarmName: `${name}-database-connections`,
      alarmDescription: `Stops FIS drills: more than ${settings.maxConnections} database connections for 2 minutes (a reconnect storm)`,
      metric: connections('Maximum'),
      threshold: settings.maxConnections,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    'database-unavailable': new cloudwatch.Alarm(scope, 'DatabaseUnavailable', {
      alarmName: `${name}-database-unavailable`,
      alarmDescription: 'Stops FIS drills: the database cluster published no connection count for 3 minutes (unavailable longer than a failover)',
      metric: connections('SampleCount'),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    }),
  };
}
