/**
 * `drills list`'s services × drills: which drills each service of the config (cdk.json `service`
 * or `services`) gets, and whether this app builds it (managed) or attaches it by name
 * (existing). Pure over the config reader.
 */
import { ConfigError, type ContextLookup } from '../config';
import { drillsOf, loadServices } from '../config-services';
import type { Drill } from '../drill';
import { fitTable } from './fit-table';

export interface ServiceDrills {
  readonly name: string;
  readonly kind: 'managed' | 'existing';
  readonly drills: readonly string[];
}

/** Each service with its drill ids, or the config's problems (the message of its ConfigError). */
export function servicesWithDrills(lookup: ContextLookup, catalogue: readonly Drill[]): ServiceDrills[] | { readonly problem: string } {
  try {
    return loadServices(lookup, { catalogue }).map((s) => ({ name: s.name, kind: s.existing ? 'existing' : 'managed', drills: drillsOf(s, catalogue).map((d) => d.id) }));
  } catch (e) {
    if (e instanceof ConfigError) return { problem: e.message };
    throw e;
  }
}

/** `SERVICE  KIND  <drill id>…` with `yes` or `-` per drill. */
export function servicesMatrixTable(services: readonly ServiceDrills[], catalogue: readonly Drill[]): string {
  const ids = catalogue.map((d) => d.id);
  // A matrix of yes and -: nothing to wrap, so no width to fit.
  return fitTable([['SERVICE', 'KIND', ...ids], ...services.map((s) => [s.name, s.kind, ...ids.map((id) => (s.drills.includes(id) ? 'yes' : '-'))])], Number.POSITIVE_INFINITY);
}
