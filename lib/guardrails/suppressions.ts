/**
 * Guardrail suppressions: per resource, with a reason, stored as CloudFormation metadata on
 * the resource (`Metadata.fis_drills.rules_to_suppress`, the shape cdk-nag v2 used for
 * `cdk_nag`), so the synthesized template carries them and `drills doctor` honours them too.
 */
export const SUPPRESSION_METADATA_KEY = 'fis_drills';
export const MIN_REASON_LENGTH = 10;

export interface GuardrailSuppression {
  readonly id: string;
  readonly reason: string;
}

interface SuppressionMetadata {
  readonly rules_to_suppress: GuardrailSuppression[];
}

/** Reads suppressions from a resource's template metadata: valid ones by rule id, and problems. */
export function readSuppressions(metadata: Readonly<Record<string, unknown>>): { byRule: Map<string, string>; problems: string[] } {
  const byRule = new Map<string, string>();
  const problems: string[] = [];
  const block = metadata[SUPPRESSION_METADATA_KEY] as Partial<SuppressionMetadata> | undefined;
  for (const entry of Array.isArray(block?.rules_to_suppress) ? block.rules_to_suppress : []) {
    const id = typeof entry?.id === 'string' ? entry.id : '';
    const reason = typeof entry?.reason === 'string' ? entry.reason.trim() : '';
    if (!id) problems.push('a suppression without a rule id is ignored');
    else if (reason.length < MIN_REASON_LENGTH) problems.push(`suppression of ${id} ignored: reason shorter than ${MIN_REASON_LENGTH} characters`);
    else byRule.set(id, reason);
  }
  return { byRule, problems };
}
