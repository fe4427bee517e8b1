/**
 * Merges overrides over the settings table (lib/config-rows.ts): the `drills` context object,
 * then flat dotted keys (`-c service.stopTimeoutSeconds=90`), each read as its row's kind.
 * Problems (unknown key, wrong kind) are pushed to `problems`, naming the setting, the value
 * received and what is known or expected; the default stands in for a value that failed.
 */
import { closestName } from './closest-name';
import type { SettingRow } from './config-rows';

/** Reads one context value: CDK's `node.tryGetContext`, or the runner's reader of cdk.json. */
export type ContextLookup = (key: string) => unknown;

type Values = Record<string, unknown>;

function keyOf(row: SettingRow): string {
  return row.path.slice(row.path.lastIndexOf('.') + 1);
}

function asObject(value: unknown): Values {
  return (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Values;
}

/**
 * The merged values of `rows` (one level, recursing into groups). `merged` holds the values merged
 * so far, by path, for an optional group whose unset keys come from another setting (`defaultsFrom`).
 */
export function mergeRows(rows: readonly SettingRow[], overrides: Values, prefix: string, lookup: ContextLookup, problems: string[], merged: Map<string, unknown> = new Map()): Values {
  const known = rows.map(keyOf);
  for (const key of Object.keys(overrides)) {
    if (known.includes(key)) continue;
    const meant = closestName(key, known);
    problems.push(`unknown setting "${prefix}${key}"; ${meant ? `did you mean "${prefix}${meant}"? ` : ''}known here: ${known.join(', ')}`);
  }
  const result: Values = {};
  for (const row of rows) {
    const value = mergeRow(row, overrides[keyOf(row)], lookup, problems, merged);
    if (value !== undefined) result[keyOf(row)] = value;
    merged.set(row.path, value);
  }
  return result;
}

function mergeRow(row: SettingRow, fromObject: unknown, lookup: ContextLookup, problems: string[], merged: Map<string, unknown>): unknown {
  if (row.kind === 'group') {
    if (row.optional && !groupIsSet(row, fromObject, lookup)) return undefined;
    if (row.optional && fromObject !== undefined && (fromObject === null || typeof fromObject !== 'object')) {
      problems.push(`${row.path} must be an object like { "${keyOf(row.children[0] as SettingRow)}": … }, got ${JSON.stringify(fromObject)}`);
      return undefined;
    }
    const base = row.defaultsFrom ? asObject(merged.get(row.defaultsFrom)) : undefined;
    const children = base ? row.children.map((c) => ({ ...c, default: base[keyOf(c)] })) : row.children;
    return mergeRows(children, asObject(fromObject), `${row.path}.`, lookup, problems, merged);
  }
  const flat = lookup(row.path);
  const raw = flat !== undefined ? flat : fromObject;
  if (raw === undefined) return row.default;
  if (row.kind === 'whole') return typeof raw === 'string' ? parseJsonSetting(row.path, raw, problems) : raw;
  return coerce(row, raw, problems);
}

function groupIsSet(row: SettingRow, fromObject: unknown, lookup: ContextLookup): boolean {
  return fromObject !== undefined || row.children.some((c) => lookup(c.path) !== undefined);
}

function parseJsonSetting(path: string, raw: string, problems: string[]): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    problems.push(`${path} is not JSON: ${raw.slice(0, 80)}`);
    return undefined;
  }
}

function coerce(row: SettingRow, raw: unknown, problems: string[]): unknown {
  const { path, kind } = row;
  if (kind === 'number') {
    const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof n === 'number' && Number.isFinite(n)) return n;
    problems.push(`${path} must be a number, got ${JSON.stringify(raw)}`);
  } else if (kind === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    problems.push(`${path} must be true or false, got ${JSON.stringify(raw)}`);
  } else if (kind === 'list') {
    const list =
      typeof raw === 'string'
        ? raw
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : raw;
    if (Array.isArray(list)) return list;
    problems.push(`${path} must be a list, got ${JSON.stringify(raw)}`);
  } else {
    if (typeof raw === 'string') return raw;
    problems.push(`${path} must be text, got ${JSON.stringify(raw)}`);
  }
  return row.default;
}
