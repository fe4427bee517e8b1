import type { App, StackProps } from 'aws-cdk-lib';
import type { DrillsConfig } from '../config';
import { DATABASE_DEFAULTS } from '../config-database';
import { drillsOf, servicePrefix, type ServiceConfig } from '../config-services';
import type { Drill } from '../drill';
import { DrillsStack } from './drills-stack';
import { addServiceOutputs } from '../service-drills/service-outputs';
import { noteExistingService } from './existing-service-notes';
import { stackLimits } from './stack-limits';
import { WorkloadStack } from './workload-stack';

export interface DrillsApp {
  readonly workload: WorkloadStack;
  readonly drills: DrillsStack;
}

/** One service's stacks: `<Name>-Workload` (a managed service only) and `<Name>-Drills`. */
export interface ServiceStacks {
  readonly service: ServiceConfig;
  /** Unset for an existing service: the app did not build it. */
  readonly workload?: WorkloadStack;
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

export interface BuildServicesOptions extends Omit<BuildAppOptions, 'config'> {
  /** The services (loadServices, lib/config-services.ts), each with its own config and drills. */
  readonly services: readonly ServiceConfig[];
}

const DESCRIPTION = 'fis-drills: chaos drills as code for an ECS Fargate service';

/** Both stacks of one managed service, named after it: `<Name>-Workload` and `<Name>-Drills`. */
export function buildApp(app: App, options: BuildAppOptions): DrillsApp {
  const [built] = buildServices(app, { ...options, services: [{ name: options.config.service.name, config: options.config }] });
  return { workload: built.workload as WorkloadStack, drills: built.drills };
}

/**
 * One pair of stacks per service, in config order: a managed service gets `<Name>-Workload` (the
 * service, its alarms and the outputs `ServiceUrl`, `ClusterName`, `ServiceName`,
 * `LoadBalancerFullName`, `TargetGroupFullName`) and `<Name>-Drills`; an existing one gets
 * `<Name>-Drills` only, holding its alarms and those outputs from config (DESIGN "Interfaces").
 */
export function buildServices(app: App, options: BuildServicesOptions): ServiceStacks[] {
  const built = buildEach(app, options);
  for (const b of built) for (const stack of [b.workload, b.drills]) stack?.node.addValidation(stackLimits(stack));
  return built;
}

function buildEach(app: App, options: BuildServicesOptions): ServiceStacks[] {
  return options.services.map((service) => {
    const prefix = servicePrefix(service.name);
    const drills = drillsOf(service, options.catalogue);
    if (service.existing) {
      const stack = new DrillsStack(app, `${prefix}-Drills`, {
        config: service.config,
        existing: service.existing,
        drills,
        env: options.env,
        description: `${DESCRIPTION} (FIS templates, alarms, dashboard, game days for the existing service ${service.existing.serviceName})`,
      });
      const e = service.existing;
      const database = e.databaseClusterIdentifier ? { databaseClusterIdentifier: e.databaseClusterIdentifier, databasePort: e.databasePort ?? DATABASE_DEFAULTS.port } : {};
      addServiceOutputs(stack, { ...e, ...database }, 'The service, as config existing.serviceUrl gives it');
      noteExistingService(stack, service.name, service.existing, drills);
      return { service, drills: stack };
    }
    const workload = new WorkloadStack(app, `${prefix}-Workload`, {
      config: service.config,
      demoImageDirectory: options.demoImageDirectory,
      env: options.env,
      description: `${DESCRIPTION} (the service and its stop-condition alarms)`,
    });
    const stack = new DrillsStack(app, `${prefix}-Drills`, {
      config: service.config,
      workload,
      drills,
      env: options.env,
      description: `${DESCRIPTION} (FIS templates, dashboard, game days)`,
    });
    stack.addStackDependency(workload);
    return { service, workload, drills: stack };
  });
}

/** `drills-demo` → `DrillsDemo`. */
export const stackPrefix = servicePrefix;
