import type { App, StackProps } from 'aws-cdk-lib';
import type { DrillsConfig } from '../config';
import type { Drill } from '../drill';
import { DrillsStack } from './drills-stack';
import { WorkloadStack } from './workload-stack';

export interface DrillsApp {
  readonly workload: WorkloadStack;
  readonly drills: DrillsStack;
}

export interface BuildAppOptions {
  readonly config: DrillsConfig;
  readonly catalogue: readonly Drill[];
  /** @default - `service/` under the working directory */
  readonly demoImageDirectory?: string;
  /** @default - environment-agnostic stacks (no account/region lookups) */
  readonly env?: StackProps['env'];
}

/** Both stacks, named after the service: `<Name>-Workload` and `<Name>-Drills`. */
export function buildApp(app: App, options: BuildAppOptions): DrillsApp {
  const prefix = stackPrefix(options.config.service.name);
  const description = 'fis-drills: chaos drills as code for an ECS Fargate service';
  const workload = new WorkloadStack(app, `${prefix}-Workload`, {
    config: options.config,
    demoImageDirectory: options.demoImageDirectory,
    env: options.env,
    description: `${description} (the service and its stop-condition alarms)`,
  });
  const drills = new DrillsStack(app, `${prefix}-Drills`, {
    config: options.config,
    workload,
    drills: options.catalogue,
    env: options.env,
    description: `${description} (FIS templates, dashboard, game days)`,
  });
  drills.addStackDependency(workload);
  return { workload, drills };
}

/** `drills-demo` → `DrillsDemo`. */
export function stackPrefix(serviceName: string): string {
  return serviceName.split('-').filter(Boolean).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}
