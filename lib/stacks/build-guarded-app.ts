/**
 * The app as `bin/app.ts` synthesizes it: the stacks, under the guardrail pack and cdk-nag
 * (aspects and validations run at synth, so edits made to the result are still checked).
 */
import type { App } from 'aws-cdk-lib';
import { applyGuardrails } from '../guardrails';
import { buildApp, buildServices, type BuildAppOptions, type BuildServicesOptions, type DrillsApp, type ServiceStacks } from './build-app';

export function buildGuardedApp(app: App, options: BuildAppOptions): DrillsApp {
  const built = buildApp(app, options);
  const { config } = options;
  applyGuardrails(app, { environment: config.drills.environment, longestRequestSeconds: config.service.longestRequestSeconds });
  return built;
}

/**
 * Every service's stacks under one guardrail pass. The drill options (environment) are shared by
 * the services; each managed task definition carries its own longest request (a tag the rules
 * read), so no app-wide value is given when there are several services.
 */
export function buildGuardedServices(app: App, options: BuildServicesOptions): ServiceStacks[] {
  const built = buildServices(app, options);
  const [first] = options.services;
  applyGuardrails(app, {
    environment: first?.config.drills.environment,
    longestRequestSeconds: options.services.length === 1 ? first.config.service.longestRequestSeconds : undefined,
  });
  return built;
}
