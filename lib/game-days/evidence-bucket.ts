import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface EvidenceBucketProps {
  /** Keep every version of every object (journals are rewritten as a run goes). @default false */
  readonly production?: boolean;
  /** Days a run's evidence is kept. @default 400 (a year of weekly game days, and some) */
  readonly retentionDays?: number;
}

/**
 * Where game days keep their evidence (`drills run … --out s3://<bucket>/game-days/<service>`):
 * S3-managed encryption, every public access blocked, a policy that denies requests without TLS,
 * objects owned by the bucket owner, a lifecycle rule that expires evidence after
 * `retentionDays` (and, with versioning, old versions after 30 days), versioning in production.
 * Kept when the stack is deleted: evidence outlives the drills.
 */
export class EvidenceBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: EvidenceBucketProps = {}) {
    super(scope, id);
    const days = props.retentionDays ?? 400;
    if (!Number.isInteger(days) || days < 1) throw new Error(`EvidenceBucket: retentionDays ${days} is not a whole number of days ≥ 1; give e.g. 400`);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: props.production ?? false,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'ExpireEvidence',
          expiration: Duration.days(days),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
          ...(props.production ? { noncurrentVersionExpiration: Duration.days(30) } : {}),
        },
      ],
    });
  }
}
