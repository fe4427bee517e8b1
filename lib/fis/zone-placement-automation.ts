/**
 * Keeps ECS from placing tasks in the zone an az-outage cuts off, for the outage's duration, as
 * AWS's own Fargate AZ-impairment scenario does (aws-samples/fis-template-library,
 * ecs-fargate-az-impairment: an SSM Automation that takes the zone's subnet out of the service and
 * puts it back): without it, replacements land in the cut zone, cannot pull their image and back
 * off for minutes (fis-facts §3), while the local engine keeps placements out of the zone (DESIGN).
 *
 * An SSM Automation document (schema 0.3) started by the experiment through
 * `aws:ssm:start-automation-execution` (FIS actions reference: documentArn, documentParameters,
 * maxDuration; permissions ssm:StartAutomationExecution, GetAutomationExecution,
 * StopAutomationExecution, iam:PassRole for a document that assumes a role):
 *   RemoveZoneSubnets → HoldForOutage (aws:sleep, the outage's duration) → RestoreZoneSubnets.
 * Both earlier steps branch to RestoreZoneSubnets on failure and on cancel (SSM "Properties shared
 * by all actions": onFailure / onCancel `step:<name>`), so the subnets come back on completion, on
 * a stop condition or a StopExperiment (FIS stops the automation), and on failure. The script is
 * lib/fis/automation/zone-subnets.py; its restore is idempotent (test/fis/zone-subnets.test.ts).
 *
 * Changing a service's network configuration is a deployment: ECS replaces the service's tasks
 * (rolling, within the deployment's healthy percentages) when the subnets go and when they come
 * back.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

export interface ZonePlacementAutomationProps {
  /** ARN of the ECS service whose subnets the automation may change (UpdateService, DescribeServices). */
  readonly serviceArn: string;
}

const SCRIPT_CANDIDATES = [
  path.join(__dirname, 'automation', 'zone-subnets.py'),
  // compiled to dist/lib/fis: the script stays in the source tree
  path.join(__dirname, '..', '..', '..', 'lib', 'fis', 'automation', 'zone-subnets.py'),
];

/** The script's text. @throws Error naming the paths tried when the file is missing. */
export function zoneSubnetsScript(): string {
  const found = SCRIPT_CANDIDATES.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`zone-subnets.py not found (looked in ${SCRIPT_CANDIDATES.join(', ')}); it ships in lib/fis/automation/`);
  return fs.readFileSync(found, 'utf8');
}

export const REMOVE_STEP = 'RemoveZoneSubnets';
export const HOLD_STEP = 'HoldForOutage';
export const RESTORE_STEP = 'RestoreZoneSubnets';

/** The automation document and the least-privilege role it runs as. */
export class ZonePlacementAutomation extends Construct {
  readonly document: ssm.CfnDocument;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ZonePlacementAutomationProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      description: "Runs the fis-drills az-outage automation: takes the cut zone's subnets out of one ECS service and puts them back",
      assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': Stack.of(this).account } }),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ChangeTheDrilledServiceSubnets',
        actions: ['ecs:DescribeServices', 'ecs:UpdateService'],
        resources: [props.serviceArn],
      }),
    );
    const script = zoneSubnetsScript();
    const scriptStep = (name: string, handler: string, extra: Record<string, unknown>) => ({
      name,
      action: 'aws:executeScript',
      ...extra,
      inputs: {
        Runtime: 'python3.11',
        Handler: handler,
        Script: script,
        InputPayload: { ClusterName: '{{ ClusterName }}', ServiceName: '{{ ServiceName }}', SubnetIds: '{{ SubnetIds }}' },
      },
      outputs: [{ Name: 'Result', Selector: '$.Payload', Type: 'String' }],
    });
    const toRestore = { onFailure: `step:${RESTORE_STEP}`, onCancel: `step:${RESTORE_STEP}` };
    this.document = new ssm.CfnDocument(this, 'Document', {
      documentType: 'Automation',
      content: {
        schemaVersion: '0.3',
        description: "fis-drills az-outage: keep the service's placements out of the cut zone for the outage, then restore its subnets whatever happens",
        assumeRole: '{{ AutomationAssumeRole }}',
        parameters: {
          AutomationAssumeRole: { type: 'String', description: 'The role this automation runs as' },
          ClusterName: { type: 'String' },
          ServiceName: { type: 'String' },
          SubnetIds: { type: 'StringList', description: "The service's subnets in the cut zone" },
          Duration: { type: 'String', description: 'ISO-8601 duration of the outage' },
        },
        mainSteps: [
          scriptStep(REMOVE_STEP, 'remove_zone_subnets', { ...toRestore, nextStep: HOLD_STEP }),
          { name: HOLD_STEP, action: 'aws:sleep', ...toRestore, nextStep: RESTORE_STEP, inputs: { Duration: '{{ Duration }}' } },
          scriptStep(RESTORE_STEP, 'restore_zone_subnets', { isEnd: true }),
        ],
      },
    });
  }

  /** `arn:…:ssm:<region>:<account>:document/<name>`, the action's documentArn. */
  get documentArn(): string {
    return Stack.of(this).formatArn({ service: 'ssm', resource: 'document', resourceName: this.document.ref });
  }

  /** What StartAutomationExecution authorizes on (the document's automation definition). Not confirmed beyond the SSM policy examples. */
  get automationDefinitionArn(): string {
    return Stack.of(this).formatArn({ service: 'ssm', resource: 'automation-definition', resourceName: `${this.document.ref}:*` });
  }
}
