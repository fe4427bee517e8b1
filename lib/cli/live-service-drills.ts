/**
 * The drills `drills doctor --live` checks a deployed service's task definition for: those given
 * with `--drill`, else those cdk.json gives the existing service with that cluster and service
 * name (config `services`), else none (the command says how to name them).
 */
import { ConfigError, type ContextLookup } from '../config';
import { drillsOf, loadServices } from '../config-services';
import type { Drill } from '../drill';

export type LiveDrills = { readonly drills: readonly Drill[]; readonly from: string } | { readonly usage: string };

export function liveServiceDrills(ids: readonly string[], cluster: string, service: string, lookup: ContextLookup, catalogue: readonly Drill[]): LiveDrills {
  if (ids.length > 0) {
    const unknown = ids.filter((id) => !catalogue.some((d) => d.id === id));
    if (unknown.length > 0) return { usage: `--drill ${unknown.join(', ')}: not in the catalogue (${catalogue.map((d) => d.id).join(', ')}); see \`drills list\`` };
    return { drills: catalogue.filter((d) => ids.includes(d.id)), from: '--drill' };
  }
  try {
    const match = loadServices(lookup, { catalogue }).find((s) => s.existing?.clusterName === cluster && s.existing.serviceName === service);
    return match ? { drills: drillsOf(match, catalogue), from: `cdk.json's service ${match.name}` } : { drills: [], from: 'none' };
  } catch (e) {
    if (e instanceof ConfigError) return { drills: [], from: 'none' };
    throw e;
  }
}
