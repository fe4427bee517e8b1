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

/**
 * `SERVICE  KIND  <drill id>…` with `yes` or `-` per drill; when that is wider than `columns`
 * (many drills), turned on its side: `DRILL  <service> (<kind>)…`, a row per drill.
 */
export function servicesMatrixTable(services: readonly ServiceDrills[], catalogue: readonly Drill[], columns: number = Number.POSITIVE_INFINITY): string {
  const ids = catalogue.map((d) => d.id);
  const mark = (s: ServiceDrills, id: string): string => (s.drills.includes(id) ? 'yes' : '-');
  // A matrix of yes and -: nothing to wrap; it fits, or it turns.
  const wide = fitTable([['SERVICE', 'KIND', ...ids], ...services.map((s) => [s.name, s.kind, ...ids.map((id) => mark(s, id))])], Number.POSITIVE_INFINITY);
  if (
    Math.max(
      ...wide
        .trimEnd()
        .split('\n')
        .map((l) => [...l].length),
    ) <= columns
  )
    return wide;
  return fitTable([['DRILL', ...services.map((s) => `${s.name} (${s.kind})`)], ...ids.map((id) => [id, ...services.map((s) => mark(s, id))])], Number.POSITIVE_INFINITY);
}
