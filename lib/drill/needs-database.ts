import type { Fault } from './types';

/**
 * True for the faults that need the service's database: the local engine then starts a real
 * PostgreSQL behind its fault proxy, and the CDK app makes such a drill's template only for a
 * service that has a database (`service.database`).
 */
export function needsDatabase(fault: Fault): boolean {
  return fault.kind === 'dependency-outage' || fault.kind === 'database-failover';
}
