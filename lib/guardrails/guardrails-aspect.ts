/**
 * The Aspect that runs the guardrail pack at synth: it only walks and reports. On each stack
 * it renders the app's templates, evaluates the pack on that stack's resources and annotates
 * each finding on its resource — errors with `Annotations.addError` (synth fails), warnings
 * with `addWarningV2`, suppressions and notes as info.
 */
import { Annotations, Stack, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { renderStacks } from './cdk-templates';
import { DRILLS_PACK } from './drills-pack';
import { evaluate, type EvaluateOptions } from './evaluate';
import { templateView } from './template-view';
import type { PackEntry } from './types';

export interface GuardrailsAspectProps extends Omit<EvaluateOptions, 'stacks'> {
  /** @default DRILLS_PACK */
  readonly pack?: readonly PackEntry[];
}

export class GuardrailsAspect implements IAspect {
  constructor(private readonly props: GuardrailsAspectProps = {}) {}

  visit(node: IConstruct): void {
    if (!Stack.isStack(node)) return;
    const { templates, byPath } = renderStacks(node.node.root);
    const result = evaluate(templateView(templates), this.props.pack ?? DRILLS_PACK, { ...this.props, stacks: [node.node.path] });
    const on = (path: string): IConstruct => byPath.get(path) ?? node;
    for (const f of result.findings) {
      const text = `${f.rule}: ${f.message}`;
      if (f.severity === 'error') Annotations.of(on(f.resource)).addError(text);
      else Annotations.of(on(f.resource)).addWarningV2(f.rule, text);
    }
    for (const s of result.suppressed) Annotations.of(on(s.resource)).addInfo(`${s.rule} suppressed: ${s.reason}`);
    for (const n of result.notes) Annotations.of(on(n.resource)).addInfo(`${n.rule} not judged: ${n.message}`);
  }
}
