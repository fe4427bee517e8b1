/**
 * Database, cache, storage and stream actions (FIS actions reference: "Amazon RDS actions",
 * "Amazon DynamoDB actions", "Amazon Aurora DSQL actions", "Amazon ElastiCache actions",
 * "Amazon MemoryDB action", "Amazon S3 actions", "Amazon Kinesis Data Streams actions").
 */
import { at, dur, opt, REFERENCE, req, type FisActionSpec } from './fis-action-spec';

const STREAMS = { targetType: 'aws:kinesis:stream', targetKey: 'KinesisStreams' } as const;

export const DATA_ACTIONS: Readonly<Record<string, FisActionSpec>> = {
  'aws:rds:failover-db-cluster': { targetType: 'aws:rds:cluster', targetKey: 'Clusters', source: at('failover-db-cluster'), parameters: [] },
  'aws:rds:reboot-db-instances': { targetType: 'aws:rds:db', targetKey: 'DBInstances', source: at('reboot-db-instances'), parameters: [opt('forceFailover')] },
  'aws:dynamodb:global-table-pause-replication': {
    targetType: 'aws:dynamodb:global-table',
    targetKey: 'Tables',
    source: at('global-table-pause-replication'),
    parameters: [dur('duration')],
  },
  'aws:dsql:cluster-connection-failure': {
    targetType: 'aws:dsql:cluster',
    targetKey: 'Clusters',
    source: at('cluster-connection-failure'),
    parameters: [dur('duration'), req('percentage')],
  },
  'aws:elasticache:replicationgroup-interrupt-az-power': {
    targetType: 'aws:elasticache:replicationgroup',
    targetKey: 'ReplicationGroups',
    source: at('replicationgroup-interrupt-az-power'),
    parameters: [dur('duration')],
  },
  // The earlier name, still in the user guide's list-actions example (fis-list-actions.html); its target type is not on
  // the current page: aws:elasticache:redis-replicationgroup is from older templates (not confirmed).
  'aws:elasticache:interrupt-cluster-az-power': {
    targetType: 'aws:elasticache:redis-replicationgroup',
    targetKey: 'ReplicationGroups',
    source: `${REFERENCE.replace('fis-actions-reference', 'fis-list-actions')}`,
    parameters: [dur('duration')],
  },
  'aws:memorydb:multi-region-cluster-pause-replication': {
    targetType: 'aws:memorydb:multi-region-cluster',
    targetKey: 'MultiRegionClusters',
    source: at('multi-region-cluster-pause-replication'),
    parameters: [dur('duration')],
  },
  'aws:s3:bucket-pause-replication': {
    // "This action only supports targeting by tags."
    targetType: 'aws:s3:bucket',
    targetKey: 'Buckets',
    selectBy: 'tags-only',
    source: at('bucket-pause-replication'),
    parameters: [dur('duration'), req('region'), opt('destinationBuckets'), opt('prefixes')],
  },
  'aws:kinesis:stream-provisioned-throughput-exception': {
    ...STREAMS,
    source: at('throughput-exception'),
    parameters: [dur('duration'), req('percentage')],
  },
  'aws:kinesis:stream-expired-iterator-exception': {
    ...STREAMS,
    source: at('iterator-exception'),
    parameters: [dur('duration'), req('percentage')],
  },
};
