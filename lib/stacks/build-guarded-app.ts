/**
 * The app as `bin/app.ts` synthesizes it: both stacks, under the guardrail pack and cdk-nag
 * (aspects and validations run at synth, so edits made to the result are still checked).
 */
import type { App } from 'aws-cdk-lib';
import { applyGuardrails } from '../guardrails';
import { buildApp, type BuildAppOptions, type DrillsApp } from './build-app';

export function buildGuardedApp(app: App, options: BuildAppOptions): DrillsApp {
  const built = buildApp(app, options);
  const { config } = options;
  applyGuardrails(app, { environment: config.drills.environment, longestRequestSeconds: config.service.longestRequestSeconds });
  return built;
}
