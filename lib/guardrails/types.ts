/**
 * The data the guardrail rules work on: CloudFormation resources as synthesized, and what a
 * rule says about one. Shared by the synth plugin and `drills doctor`.
 */

export type Compliance = 'compliant' | 'non-compliant' | 'not-applicable';

/** A rule's answer with a detail: appended to the finding's message, or shown as a note when not applicable. */
export interface RuleOutcome {
  readonly compliance: Compliance;
  readonly detail?: string;
  /** Parts of the resource the rule could not judge, each shown as a note whatever the compliance. */
  readonly notes?: readonly string[];
  /** Overrides the pack's severity for this finding (a warning that is an error in production, or the reverse). */
  readonly severity?: Severity;
}

export type RuleResult = Compliance | RuleOutcome;

export type Severity = 'error' | 'warning';

export type Environment = 'production' | 'non-production';

/** One resource of a template, read-only, as `{ Type, Properties }` plus where it sits. */
export interface CfnResourceView {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** A synthesized CloudFormation template (only the parts the rules read). */
export interface CfnTemplate {
  readonly Resources?: Readonly<Record<string, { Type?: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }>>;
  readonly Outputs?: Readonly<Record<string, { Value?: unknown; Export?: { Name?: unknown } }>>;
}

export interface NamedTemplate {
  /** The stack name (or the file name for a loose template). */
  readonly name: string;
  readonly template: CfnTemplate;
  /** What the file was read as (`CloudFormation template (YAML)`, `ECS task definition (…)` …), for doctor to say. */
  readonly shape?: string;
}

/** A read-only view of every template being checked, with a small intrinsic resolver. */
export interface TemplateView {
  readonly resources: readonly CfnResourceView[];
  /** The resource a `Ref`, `Fn::GetAtt` or `Fn::ImportValue` points to, seen from `from`'s stack. */
  resolveResource(value: unknown, from: CfnResourceView): CfnResourceView | undefined;
  /** Resources of a type, this stack's first. */
  ofType(type: string, from?: CfnResourceView): readonly CfnResourceView[];
}

export interface GuardrailContext {
  readonly template: TemplateView;
  readonly environment: Environment;
  /** The longest request the service serves, when told from outside (CDK option, doctor flag). */
  readonly longestRequestSeconds?: number;
}

/** A guardrail rule: a pure function of one resource (and a read-only view of its template). */
export type GuardrailRule = (resource: CfnResourceView, context: GuardrailContext) => RuleResult;

/** A pack entry binds a rule to its id, message and severity. */
export interface PackEntry {
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  readonly rule: GuardrailRule;
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  /** The construct path (`Stack/Construct/Resource`) or `stack/LogicalId`. */
  readonly resource: string;
  readonly message: string;
}

export interface SuppressedFinding extends Finding {
  readonly reason: string;
}

export interface Note {
  readonly rule: string;
  readonly resource: string;
  readonly message: string;
}

export interface Evaluation {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly notes: readonly Note[];
}
