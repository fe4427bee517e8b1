/**
 * What `drills rehearse [ids…] [--service <name>]` rehearses: the drills (the ids given, else the
 * service's `drills` from cdk.json, else the whole catalogue) and the context of that service's
 * profile (its settings and traffic; lib/config-service-context.ts). A bad id or service name, or
 * an id in the service's `drills` not in the catalogue, comes back as a usage message naming what is known.
 */
import { catalogue, findDrill } from '../../experiments';
import { ConfigError, type ContextLookup } from '../config';
import { serviceContext } from '../config-service-context';
import type { Drill } from '../drill';

export interface RehearsalTarget {
  readonly drills: readonly Drill[];
  /** cdk.json's context with the chosen service as `service`. */
  readonly lookup: ContextLookup;
}

export function rehearsalTarget(ids: readonly string[], service: string | undefined, cdkContext: ContextLookup): RehearsalTarget | { readonly usage: string } {
  const unknown = ids.filter((id) => !findDrill(id));
  if (unknown.length > 0) return { usage: `unknown drill ${unknown.map((id) => `'${id}'`).join(', ')} (known: ${catalogue.map((d) => d.id).join(', ')})` };
  let picked: ReturnType<typeof serviceContext>;
  try {
    picked = serviceContext(cdkContext, service);
  } catch (e) {
    if (e instanceof ConfigError) return { usage: e.problems.join('; ') };
    throw e;
  }
  const chosen = ids.length > 0 ? ids : (picked.drillIds ?? []);
  // A typo in the service's own `drills` list must not shrink the rehearsal to nothing (and "HELD, no drill ran").
  const misspelt = chosen.filter((id) => !findDrill(id));
  if (misspelt.length > 0) {
    const names = misspelt.map((id) => `'${id}'`).join(', ');
    return { usage: `cdk.json: the drills of service ${picked.name} name ${names}, not in the catalogue (known: ${catalogue.map((d) => d.id).join(', ')}); fix that service's \`drills\` list` };
  }
  const drills = chosen.length > 0 ? chosen.flatMap((id) => findDrill(id) ?? []) : [...catalogue];
  return { drills, lookup: picked.lookup };
}
