#!/usr/bin/env node
/**
 * The CDK app: reads the one config (cdk.json context `drills`: `service` or `services`,
 * `-c key=value`) and builds one pair of stacks per service (`<Name>-Workload` for a managed one,
 * `<Name>-Drills`) under the guardrails (docs/guardrails.md). Environment-agnostic: synth needs
 * no credentials or network.
 */
import { App } from 'aws-cdk-lib';
import { catalogue } from '../experiments';
import { ConfigError } from '../lib/config';
import { loadServices } from '../lib/config-services';
import { buildGuardedServices } from '../lib/stacks/build-guarded-app';
import { ServiceImageError } from '../lib/workload/service-image';

const app = new App();
try {
  const services = loadServices((key) => app.node.tryGetContext(key), { catalogue });
  buildGuardedServices(app, { services, catalogue });
} catch (e) {
  if (e instanceof ConfigError || e instanceof ServiceImageError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
app.synth();
