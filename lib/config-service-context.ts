/**
 * The `drills` context as one service of it sees it, for the readers that take a single
 * `service` (a rehearsal merges its flags over it): with `services`, the entry `--service <name>`
 * names — by its config name or its stacks' prefix, any case; the first entry when no name is
 * given — written as `service`, beside the shared `drills` and `local`. Pure; reads no file.
 */
import { ConfigError, DEFAULT_CONFIG, type ContextLookup } from './config';
import { contextObject, serviceEntries } from './config-service-entries';
import { servicePrefix } from './config-services';

export interface ServiceContext {
  /** The lookup with `drills` holding the chosen entry as `service` (no `services`). */
  readonly lookup: ContextLookup;
  /** The service's name as configured. */
  readonly name: string;
  /** Its `drills: [ids…]`, when it lists them. */
  readonly drillIds?: readonly string[];
}

const nameOf = (settings: Record<string, unknown>): string => (typeof settings.name === 'string' ? settings.name : DEFAULT_CONFIG.service.name);

/**
 * The context of the service `name` (unset: the first).
 * @throws ConfigError when `name` is not among the configured services, listing those that are.
 */
export function serviceContext(lookup: ContextLookup, name: string | undefined): ServiceContext {
  const context = contextObject(lookup('drills'));
  const { entries } = serviceEntries(context);
  const wanted = name === undefined ? undefined : [name, servicePrefix(name)].map((n) => n.toLowerCase());
  const entry = wanted ? entries.find((e) => [nameOf(e.settings), servicePrefix(nameOf(e.settings))].some((n) => wanted.includes(n.toLowerCase()))) : entries[0];
  if (!entry) {
    const names = entries.map((e) => nameOf(e.settings));
    throw new ConfigError([`--service ${name}: no such service in cdk.json (it has ${names.join(', ') || 'none'}); use one of those names`]);
  }
  const { services: _services, ...shared } = context;
  // Without `services` the context is already one service's: leave it as written (a string is parsed by loadConfig).
  const drills = context.services === undefined ? lookup('drills') : { ...shared, service: entry.settings };
  const drillIds = Array.isArray(entry.drills) && entry.drills.every((d) => typeof d === 'string') ? (entry.drills as string[]) : undefined;
  return { lookup: (key) => (key === 'drills' ? drills : lookup(key)), name: nameOf(entry.settings), ...(drillIds ? { drillIds } : {}) };
}
