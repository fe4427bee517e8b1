/**
 * The value a schema issue points at (a zod issue's `path` into what was parsed), for messages
 * that say what was received: a scalar only — an object or array is left out (undefined), as is
 * a path that leads nowhere.
 */
export function receivedValue(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return typeof v === 'object' && v !== null ? undefined : v;
}
