/**
 * The guardrail pack as a CDK policy-validation plugin: after synthesis, CDK hands it the
 * templates it wrote; they are read the way `drills doctor` reads a cloud assembly
 * (loadTemplates) and evaluated over all stacks at once, so cross-stack links resolve.
 *
 * Findings become the validation report's violations (rule id, message, severity, the resource's
 * logical id and template; CDK maps them back to construct paths). An `error` finding fails
 * synth (`success: false`: CDK throws, or the CLI exits 1); a `warning` is listed and fails only
 * under strict mode. A finding suppressed with suppressGuardrail is acknowledged on its
 * construct with the suppression's reason, so the report lists it as acknowledged. A rule that
 * cannot judge a resource is listed with severity `info`. CDK Developer Guide, "Policy
 * validation at synthesis time" (the plugin interface; not confirmed beyond aws-cdk-lib 2.275's
 * typings and behaviour, which test/guardrails/guardrails-plugin.test.ts pins).
 */
import { CfnResource, Stack, Validations, type IPolicyValidationContext, type IPolicyValidationPlugin, type PolicyValidationPluginReport, type PolicyViolation } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { loadTemplates } from './doctor/load-templates';
import { DRILLS_PACK } from './drills-pack';
import { evaluate, resourcePath, type EvaluateOptions } from './evaluate';
import { templateView } from './template-view';
import type { Finding, PackEntry } from './types';

export interface GuardrailsPluginProps extends Omit<EvaluateOptions, 'stacks'> {
  /** @default DRILLS_PACK */
  readonly pack?: readonly PackEntry[];
}

interface Located {
  readonly logicalId: string;
  readonly stack: string;
  readonly templatePath: string;
}

export class GuardrailsPlugin implements IPolicyValidationPlugin {
  readonly name = 'fis-drills-guardrails';

  constructor(private readonly props: GuardrailsPluginProps = {}) {}

  /** Evaluates the pack over every synthesized stack; never throws for a finding (CDK reports a thrown error as a plugin failure). */
  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const templates = context.stackTemplates.flatMap((s) => loadTemplates([s.templatePath]).map((t) => ({ ...t, name: s.stackConstructPath })));
    const view = templateView(templates);
    const where = new Map<string, Located>();
    for (const r of view.resources) {
      const stack = context.stackTemplates.find((s) => s.stackConstructPath === r.stack);
      if (stack) where.set(resourcePath(r), { logicalId: r.logicalId, stack: r.stack, templatePath: stack.templatePath });
    }
    const result = evaluate(view, this.props.pack ?? DRILLS_PACK, this.props);
    for (const s of result.suppressed) {
      const construct = constructOf(context.appConstruct, where.get(s.resource));
      if (construct) Validations.of(construct).acknowledge({ id: `${this.name}::${s.rule}`, reason: s.reason });
    }
    const violation = (f: Pick<Finding, 'rule' | 'message' | 'resource'>, severity: string): PolicyViolation => {
      const at = where.get(f.resource);
      return {
        ruleName: f.rule,
        description: `${f.rule}: ${f.message}`,
        severity,
        violatingResources: [at ? { resourceLogicalId: at.logicalId, templatePath: at.templatePath, locations: [] } : { constructPath: f.resource, locations: [] }],
      };
    };
    const violations = [
      ...result.findings.map((f) => violation(f, f.severity)),
      ...result.suppressed.map((f) => violation(f, f.severity)),
      ...result.notes.map((n) => violation({ rule: n.rule, resource: n.resource, message: `not judged: ${n.message}` }, 'info')),
    ];
    return { success: !result.findings.some((f) => f.severity === 'error'), violations };
  }
}

/** The CfnResource a finding points at, for acknowledging a suppression on it. */
function constructOf(root: IConstruct, at: Located | undefined): IConstruct | undefined {
  if (!at) return undefined;
  return root.node.findAll().find((c) => CfnResource.isCfnResource(c) && Stack.of(c).artifactId === at.stack && Stack.of(c).resolve(c.logicalId) === at.logicalId);
}
