import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { experimentStatements, type ExperimentScope } from './experiment-permissions';

export interface ExperimentRoleProps extends ExperimentScope {
  /** Every FIS action id the templates use. */
  readonly actionIds: ReadonlySet<string>;
  /** S3 bucket for experiment reports. @default - no report permissions */
  readonly reportBucket?: string;
}

/**
 * The role FIS assumes to run the drills: trusts fis.amazonaws.com only for experiments in this
 * account (aws:SourceAccount / aws:SourceArn against the confused deputy, fis-facts §6), with
 * only the permissions the catalogue's actions need.
 */
export class ExperimentRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ExperimentRoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      description: 'Assumed by AWS FIS to run the fis-drills experiments',
      assumedBy: new iam.ServicePrincipal('fis.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'fis', resource: 'experiment', resourceName: '*' }) },
      }),
    });
    for (const statement of experimentStatements(this, props.actionIds, props)) this.role.addToPolicy(statement);

    // Vended-log delivery to CloudWatch Logs (fis-facts §5). Which principal needs these is
    // not confirmed (fis-facts "could not confirm" 7); granted to the experiment role.
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DeliverExperimentLogs',
        actions: ['logs:CreateLogDelivery', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
        resources: ['*'],
      }),
    );

    if (props.reportBucket) {
      // Experiment reports read the dashboard and write to S3. The exact action list is our
      // reading of the FIS report feature, not confirmed in fis-facts.
      this.role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'BuildExperimentReports',
          actions: ['cloudwatch:GetDashboard', 'cloudwatch:GetMetricWidgetImage'],
          resources: ['*'],
        }),
      );
      this.role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'WriteExperimentReports',
          actions: ['s3:PutObject', 's3:GetObject'],
          resources: [`arn:${stack.partition}:s3:::${props.reportBucket}/fis-reports/*`],
        }),
      );
    }
  }
}
