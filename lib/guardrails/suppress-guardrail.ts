/**
 * `suppressGuardrail(construct, 'DRILL-DRAIN-2', 'reason')`: writes the suppression into the
 * resource's CloudFormation metadata (see suppressions.ts), where the synth plugin and doctor read it.
 */
import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { MIN_REASON_LENGTH, SUPPRESSION_METADATA_KEY, type GuardrailSuppression } from './suppressions';

interface SuppressionMetadata {
  readonly rules_to_suppress: GuardrailSuppression[];
}

export interface SuppressOptions {
  /** Suppress on every CloudFormation resource under the construct. @default false — the construct's own resource (or its default child) */
  readonly applyToChildren?: boolean;
}

/**
 * Suppresses a guardrail rule on a resource. The reason is shown with the finding
 * (`[Info at /Stack/Path] DRILL-DRAIN-2 suppressed: <reason>`).
 */
export function suppressGuardrail(construct: IConstruct, ruleId: string, reason: string, options: SuppressOptions = {}): void {
  const problems: string[] = [];
  if (!/^DRILL-[A-Z]+-\d+$/.test(ruleId)) problems.push(`ruleId '${ruleId}' is not a guardrail id (DRILL-<AREA>-<n>)`);
  if (reason.trim().length < MIN_REASON_LENGTH) problems.push(`reason '${reason}' is shorter than ${MIN_REASON_LENGTH} characters: say why the rule does not apply`);
  const targets = resourcesOf(construct, options.applyToChildren ?? false);
  if (targets.length === 0) problems.push(`construct ${construct.node.path} has no CloudFormation resource to suppress on`);
  if (problems.length > 0) throw new Error(`suppressGuardrail: ${problems.join('; ')}`);
  for (const target of targets) {
    const existing = target.getMetadata(SUPPRESSION_METADATA_KEY) as SuppressionMetadata | undefined;
    const rules = (existing?.rules_to_suppress ?? []).filter((r) => r.id !== ruleId);
    target.addMetadata(SUPPRESSION_METADATA_KEY, { rules_to_suppress: [...rules, { id: ruleId, reason: reason.trim() }] });
  }
}

function resourcesOf(construct: IConstruct, applyToChildren: boolean): CfnResource[] {
  if (applyToChildren) return construct.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
  if (CfnResource.isCfnResource(construct)) return [construct];
  const child = construct.node.defaultChild;
  return child && CfnResource.isCfnResource(child) ? [child] : [];
}
