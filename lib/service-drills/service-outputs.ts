/**
 * The stack outputs the runner reads to find a service (lib/contract.ts OUTPUT_KEYS, read back
 * by lib/runner/aws/resolve-outputs.ts), written once here: by ServiceDrills, by the app's
 * workload stack and by the drills stack of an existing service. Each output's logical id is
 * exactly its key, wherever the scope sits in the construct tree.
 */
import { CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { OPTIONAL_OUTPUT_KEYS, OUTPUT_KEYS } from '../contract';

/**
 * One value (usually a token) per output key: `serviceUrl` → `ServiceUrl`, …; an unset URL is left
 * out. A service with a database also has `DatabaseClusterIdentifier` and `DatabasePort`
 * (OPTIONAL_OUTPUT_KEYS), which the runner's database figures read.
 */
export type ServiceOutputValues = { readonly serviceUrl?: string } & { readonly [K in Exclude<keyof typeof OUTPUT_KEYS, 'serviceUrl'>]: string } & {
  readonly databaseClusterIdentifier?: string;
  readonly databasePort?: number;
};

/** Adds the service outputs under `scope`; `urlDescription` says where the URL comes from. */
export function addServiceOutputs(scope: Construct, values: ServiceOutputValues, urlDescription: string): void {
  for (const [name, key] of Object.entries(OUTPUT_KEYS) as [keyof typeof OUTPUT_KEYS, string][]) {
    const value = values[name];
    if (value === undefined) continue;
    new CfnOutput(scope, key, { value, ...(name === 'serviceUrl' ? { description: urlDescription } : {}) }).overrideLogicalId(key);
  }
  if (values.databaseClusterIdentifier !== undefined) {
    const id = OPTIONAL_OUTPUT_KEYS.databaseClusterIdentifier;
    new CfnOutput(scope, id, { value: values.databaseClusterIdentifier, description: "The service's Aurora cluster (the RDS metrics' DBClusterIdentifier)" }).overrideLogicalId(id);
    const port = OPTIONAL_OUTPUT_KEYS.databasePort;
    new CfnOutput(scope, port, { value: String(values.databasePort ?? 5432), description: 'The port the tasks reach the database on (dependency-outage black-holes it)' }).overrideLogicalId(port);
  }
}
