/**
 * Runs a pack over a template view: every rule on every resource, suppressions applied.
 * Pure: data in, findings out. The synth plugin and `drills doctor` both call this.
 */
import { readSuppressions } from './suppressions';
import type { CfnResourceView, Environment, Evaluation, Finding, GuardrailContext, Note, PackEntry, RuleOutcome, RuleResult, SuppressedFinding, TemplateView } from './types';

export interface EvaluateOptions {
  /** @default 'non-production' */
  readonly environment?: Environment;
  /** @default - read from each task definition (tag or env), else rules that need it are not applicable */
  readonly longestRequestSeconds?: number;
  /** Only report on resources of these stacks. @default - every resource in the view */
  readonly stacks?: readonly string[];
}

/** Where a finding points: the construct path when the template has one, else `stack/LogicalId`. */
export function resourcePath(resource: CfnResourceView): string {
  const path = resource.metadata['aws:cdk:path'];
  return typeof path === 'string' ? path : `${resource.stack}/${resource.logicalId}`;
}

const outcome = (result: RuleResult): RuleOutcome => (typeof result === 'string' ? { compliance: result } : result);

/**
 * Pure: every rule of `pack` on every resource of `view` (or of `options.stacks`). Returns the
 * findings (rule id, severity — a rule may raise it, e.g. to `error` in production —, the
 * resource's construct path or `stack/LogicalId`, the message with the rule's detail), the
 * findings a resource's `fis_drills` metadata suppresses (with the reason), and notes: why a
 * rule could not judge a resource, and suppressions ignored for want of a reason. A rule that
 * throws is reported as a non-compliant finding saying so; evaluate itself never throws.
 * docs/guardrails.md.
 */
export function evaluate(view: TemplateView, pack: readonly PackEntry[], options: EvaluateOptions = {}): Evaluation {
  const context: GuardrailContext = {
    template: view,
    environment: options.environment ?? 'non-production',
    longestRequestSeconds: options.longestRequestSeconds,
  };
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const notes: Note[] = [];
  for (const resource of view.resources) {
    if (options.stacks && !options.stacks.includes(resource.stack)) continue;
    const path = resourcePath(resource);
    const { byRule, problems } = readSuppressions(resource.metadata);
    notes.push(...problems.map((message) => ({ rule: '-', resource: path, message })));
    for (const entry of pack) {
      let result: RuleOutcome;
      try {
        result = outcome(entry.rule(resource, context));
      } catch (error) {
        result = { compliance: 'non-compliant', detail: `the rule failed: ${(error as Error).message}` };
      }
      if (result.compliance === 'not-applicable' && result.detail) {
        notes.push({ rule: entry.id, resource: path, message: result.detail });
      }
      for (const message of result.notes ?? []) notes.push({ rule: entry.id, resource: path, message });
      if (result.compliance !== 'non-compliant') continue;
      const finding: Finding = {
        rule: entry.id,
        severity: result.severity ?? entry.severity,
        resource: path,
        message: result.detail ? `${entry.message} (${result.detail})` : entry.message,
      };
      const reason = byRule.get(entry.id);
      if (reason !== undefined) suppressed.push({ ...finding, reason });
      else findings.push(finding);
    }
  }
  return { findings, suppressed, notes };
}
