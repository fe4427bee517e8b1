#!/usr/bin/env node
/**
 * The CDK app: reads the one config (cdk.json context `drills`, `-c key=value`), builds the
 * Workload and Drills stacks under the guardrails (docs/guardrails.md). Environment-agnostic:
 * synth needs no credentials or network.
 */
import { App } from 'aws-cdk-lib';
import { catalogue } from '../experiments';
import { ConfigError, loadConfig } from '../lib/config';
import { buildGuardedApp } from '../lib/stacks/build-guarded-app';
import { ServiceImageError } from '../lib/workload/service-image';

const app = new App();
try {
  const config = loadConfig((key) => app.node.tryGetContext(key));
  buildGuardedApp(app, { config, catalogue });
} catch (e) {
  if (e instanceof ConfigError || e instanceof ServiceImageError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
app.synth();
