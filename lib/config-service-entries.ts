/**
 * The service entries of the `drills` context: `services: [ … ]`, or the single `service: { … }`
 * read as a list of one. Each entry is the settings a `service` takes (the config table,
 * lib/config.ts) plus `existing` (lib/config-existing.ts) and `drills` (drill ids). Pure; no
 * import of lib/config.ts, so that module can use it too.
 */

/** The keys of an entry that are not service settings. */
export const ENTRY_ONLY_KEYS = ['existing', 'drills'] as const;

export interface ServiceEntry {
  /** Where it is written, for messages: `services[1] "payments"`, or `service`. */
  readonly where: string;
  /** The settings a `service` takes (name included), without `existing` and `drills`. */
  readonly settings: Record<string, unknown>;
  readonly existing?: unknown;
  readonly drills?: unknown;
}

/** The `drills` context object: parsed from JSON when it is a string; `{}` when unset or not an object (loadConfig reports that). */
export function contextObject(value: unknown): Record<string, unknown> {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return {};
    }
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * The entries, with problems of the list's shape (not a list, an entry not an object, both
 * `service` and `services`). With neither key: one entry with the default settings.
 */
export function serviceEntries(context: Record<string, unknown>): { entries: ServiceEntry[]; problems: string[] } {
  const problems: string[] = [];
  const { services, service } = context;
  if (services !== undefined && service !== undefined) {
    problems.push('both "service" and "services" are set in the drills context: write the service as the one entry of "services" (or keep "service" alone)');
  }
  if (services === undefined) return { entries: [entryOf(service ?? {}, 'service')], problems };
  if (!Array.isArray(services) || services.length === 0) {
    problems.push(`services must be a non-empty list of service profiles like [{ "name": "checkout", "imageUri": "…" }]; got ${JSON.stringify(services)}`);
    return { entries: [], problems };
  }
  const entries: ServiceEntry[] = [];
  services.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`services[${i}] must be an object like { "name": "checkout" }; got ${JSON.stringify(raw)}`);
      return;
    }
    const name = (raw as Record<string, unknown>).name;
    entries.push(entryOf(raw, `services[${i}]${typeof name === 'string' ? ` "${name}"` : ''}`));
  });
  return { entries, problems };
}

function entryOf(raw: unknown, where: string): ServiceEntry {
  const { existing, drills, ...settings } = (raw ?? {}) as Record<string, unknown>;
  return { where, settings, existing, drills };
}

/**
 * The context a single-service reader (loadConfig: rehearse, the local engine) sees: with
 * `services`, the first entry's settings as `service`. Other readers use loadServices.
 */
export function firstServiceContext(context: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(context.services)) return context;
  const { services, ...rest } = context;
  const first = services[0];
  if (first === null || typeof first !== 'object' || rest.service !== undefined) return context;
  return { ...rest, service: entryOf(first, 'services[0]').settings };
}
