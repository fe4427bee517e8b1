/**
 * One call wires every check into the CDK app, as policy-validation plugins that run on the
 * synthesized templates: the fis-drills guardrail pack (drain readiness, FIS safety;
 * guardrails-plugin.ts) and cdk-nag's AwsSolutions pack, plus the app's justified cdk-nag
 * acknowledgements (app-nag-suppressions.ts).
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AppAwsSolutionsChecks } from './app-nag-suppressions';
import { GuardrailsPlugin } from './guardrails-plugin';
import type { Environment } from './types';

export interface ApplyGuardrailsOptions {
  /** `production` forbids ALL / PERCENT(100) on service tasks (DRILL-FIS-3). @default 'non-production' */
  readonly environment?: Environment;
  /** The longest request the service serves. @default - read from each task definition (tag or env var) */
  readonly longestRequestSeconds?: number;
  /** Run cdk-nag's AwsSolutions pack as a validation plugin. @default true */
  readonly awsSolutions?: boolean;
}

/**
 * Adds the guardrail plugin and (unless `awsSolutions: false`) cdk-nag's to the app. Nothing is
 * checked until `app.synth()`; then an error finding fails synth — CDK throws `ValidationFailed`
 * in a test's in-memory synth, `cdk synth` exits 1 — with the validation report (also written to
 * `<outdir>/validation-report.json`). docs/guardrails.md.
 */
export function applyGuardrails(app: App, options: ApplyGuardrailsOptions = {}): void {
  Validations.of(app).addPlugins(new GuardrailsPlugin({ environment: options.environment, longestRequestSeconds: options.longestRequestSeconds }));
  if (options.awsSolutions ?? true) {
    // cdk-nag v3 is a policy-validation plugin: its findings fail `cdk synth` through the validation report.
    // The app's accepted findings are acknowledged, each with its reason, by AppAwsSolutionsChecks.
    Validations.of(app).addPlugins(new AppAwsSolutionsChecks(app));
  }
}
