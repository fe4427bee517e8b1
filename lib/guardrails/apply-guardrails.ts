/**
 * One call wires every check into the CDK app: the fis-drills guardrail Aspect (drain
 * readiness, FIS safety) and cdk-nag's AwsSolutions pack, plus the app's justified cdk-nag
 * acknowledgements (app-nag-suppressions.ts).
 */
import { AspectPriority, Aspects, Validations, type App } from 'aws-cdk-lib';
import { AppAwsSolutionsChecks } from './app-nag-suppressions';
import { GuardrailsAspect } from './guardrails-aspect';
import type { Environment } from './types';

export interface ApplyGuardrailsOptions {
  /** `production` forbids ALL / PERCENT(100) on service tasks (DRILL-FIS-3). @default 'non-production' */
  readonly environment?: Environment;
  /** The longest request the service serves. @default - read from each task definition (tag or env var) */
  readonly longestRequestSeconds?: number;
  /** Run cdk-nag's AwsSolutions pack as a validation plugin. @default true */
  readonly awsSolutions?: boolean;
}

export function applyGuardrails(app: App, options: ApplyGuardrailsOptions = {}): void {
  // READONLY priority: runs after the mutating aspects (tags), so it sees what is synthesized.
  Aspects.of(app).add(
    new GuardrailsAspect({ environment: options.environment, longestRequestSeconds: options.longestRequestSeconds }),
    { priority: AspectPriority.READONLY },
  );
  if (options.awsSolutions ?? true) {
    // cdk-nag v3 is a policy-validation plugin: its findings fail `cdk synth` through the validation report.
    // The app's accepted findings are acknowledged, each with its reason, by AppAwsSolutionsChecks.
    Validations.of(app).addPlugins(new AppAwsSolutionsChecks(app));
  }
}
