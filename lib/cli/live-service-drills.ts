/**
 * The drills `drills doctor --live` checks a deployed service's task definition for: those given
 * with `--drill`, else those cdk.json gives that service (lib/cli/live-service-target.ts found
 * it by its ECS or config name), else none (the command says how to name them).
 */
import { drillsOf, type ServiceConfig } from '../config-services';
import type { Drill } from '../drill';

export type LiveDrills = { readonly drills: readonly Drill[]; readonly from: string } | { readonly usage: string };

export function liveServiceDrills(ids: readonly string[], configured: ServiceConfig | undefined, catalogue: readonly Drill[]): LiveDrills {
  if (ids.length > 0) {
    const unknown = ids.filter((id) => !catalogue.some((d) => d.id === id));
    if (unknown.length > 0) return { usage: `--drill ${unknown.join(', ')}: not in the catalogue (${catalogue.map((d) => d.id).join(', ')}); see \`drills list\`` };
    return { drills: catalogue.filter((d) => ids.includes(d.id)), from: '--drill' };
  }
  return configured ? { drills: drillsOf(configured, catalogue), from: `cdk.json's service ${configured.name}` } : { drills: [], from: 'none' };
}
