import { Annotations, Stack } from 'aws-cdk-lib';
import * as fis from 'aws-cdk-lib/aws-fis';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DRILL_TAG, SERVICE_TAG } from '../contract';
import type { Drill, StopConditionName } from '../drill';
import { withAlarmChecks } from './alarm-checks';
import type { FaultPlan } from './fault-plan';
import { stopConditionChoice } from './stop-condition-choice';
import { resolveStopConditions } from './stop-conditions';

/** FIS caps a template's description at 512 characters. */
export const MAX_DESCRIPTION = 512;

export interface ExperimentReportSettings {
  readonly bucketName: string;
  readonly dashboardArn: string;
}

export interface DrillExperimentTemplateProps {
  readonly drill: Drill;
  readonly plan: FaultPlan;
  readonly role: iam.IRole;
  readonly logGroup: logs.ILogGroup;
  /** Alarm ARN by stop-condition name. */
  readonly alarmArns: Partial<Record<StopConditionName, string>>;
  /** The `service` tag. */
  readonly serviceName: string;
  /** @default - no experiment report */
  readonly report?: ExperimentReportSettings;
}

/**
 * One `AWS::FIS::ExperimentTemplate` for one drill: its fault between two checks of its
 * stop-condition alarms (lib/fis/alarm-checks.ts), the same alarms as stop conditions, tags
 * (DRILL_TAG, SERVICE_TAG of lib/contract.ts), logging, optional report. A stop condition the
 * stack has no alarm for is left out with a warning annotation, not thrown; a description longer
 * than MAX_DESCRIPTION (512, the FIS limit) is cut. FIS User Guide "Experiment templates".
 */
export class DrillExperimentTemplate extends Construct {
  readonly template: fis.CfnExperimentTemplate;

  constructor(scope: Construct, id: string, props: DrillExperimentTemplateProps) {
    super(scope, id);
    const { drill } = props;
    const { stopConditions, skipped } = resolveStopConditions(drill, props.alarmArns);
    for (const name of skipped) {
      Annotations.of(this).addWarningV2(
        `fis-drills:skippedStopCondition:${name}`,
        `${drill.id}: stop condition "${name}" has no alarm in this stack${name === 'probe-heartbeat' ? ' (drills.deadMansSwitch is off)' : ''}; the template runs without it`,
      );
    }
    const description = templateDescription(drill.hypothesis, stopConditionChoice(drill).summary);
    this.template = new fis.CfnExperimentTemplate(this, 'Template', {
      description,
      roleArn: props.role.roleArn,
      targets: props.plan.targets,
      actions: withAlarmChecks(
        drill.file,
        props.plan.actions,
        stopConditions.map((c) => c.value as string),
        drill.probe.aws.recoveryTimeout,
      ),
      stopConditions,
      tags: { [DRILL_TAG]: drill.id, [SERVICE_TAG]: props.serviceName, Name: `${props.serviceName}-${drill.id}` },
      experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: 'fail' },
      // The L1 passes these untyped objects through as they are: the keys must be PascalCase (fis-facts §5).
      logConfiguration: { logSchemaVersion: 2, cloudWatchLogsConfiguration: { LogGroupArn: props.logGroup.logGroupArn } },
      ...(props.report ? { experimentReportConfiguration: reportConfiguration(drill, props.report) } : {}),
    });
  }

  get templateId(): string {
    return this.template.ref;
  }

  get templateArn(): string {
    return Stack.of(this).formatArn({ service: 'fis', resource: 'experiment-template', resourceName: this.template.ref });
  }
}

/** The hypothesis, then which alarm guards each stop condition; the hypothesis is cut to fit 512 characters. */
function templateDescription(hypothesis: string, summary: string): string {
  const room = MAX_DESCRIPTION - summary.length - 1;
  const head = hypothesis.length > room ? `${hypothesis.slice(0, Math.max(0, room - 1))}…` : hypothesis;
  return `${head} ${summary}`.slice(0, MAX_DESCRIPTION);
}

function reportConfiguration(drill: Drill, report: ExperimentReportSettings): fis.CfnExperimentTemplate.ExperimentTemplateExperimentReportConfigurationProperty {
  return {
    outputs: { experimentReportS3Configuration: { bucketName: report.bucketName, prefix: `fis-reports/${drill.id}` } },
    dataSources: { cloudWatchDashboards: [{ dashboardIdentifier: report.dashboardArn }] },
    preExperimentDuration: 'PT10M',
    postExperimentDuration: 'PT10M',
  };
}
