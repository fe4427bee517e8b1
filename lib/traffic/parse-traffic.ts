import type { z } from 'zod';
import { TrafficError } from './traffic-error';
import { trafficProfileSchema, type TrafficProfile } from './traffic-profile';
import { receivedValue } from '../received-value';
import { closestName } from '../closest-name';
import { trafficJsonSchema } from './traffic-json-schema';

/**
 * Validates a traffic profile (parsed JSON or a config object). Returns it typed; throws
 * TrafficError listing every problem at once, each with its key path, what is wrong and the
 * value received (header values are never echoed: they may hold a token).
 * @param source where it came from, for the message ("traffic.json", "service.traffic")
 */
export function parseTraffic(value: unknown, source: string): TrafficProfile {
  const parsed = trafficProfileSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new TrafficError(
    parsed.error.issues.map((issue) => describeIssue(issue, value)),
    source,
  );
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const at = issue.path.length > 0 ? issue.path.map(String).join('.') : '(the profile)';
  if (issue.code === 'invalid_type' && isMissing(root, issue.path)) return `${at}: missing: give a ${issue.expected} (it is required)`;
  if (issue.code === 'unrecognized_keys') return `${at}: ${issue.message}${unknownKeysHint(issue.keys, issue.path)}`;
  const secret = issue.path.includes('headers');
  const received = secret ? undefined : receivedValue(root, issue.path);
  const got = received === undefined ? '' : `; got ${JSON.stringify(received)}`;
  return `${at}: ${issue.message}${got}`;
}

/** The key at `path` is absent from its object (not merely null or of another type). */
function isMissing(root: unknown, path: readonly PropertyKey[]): boolean {
  let v: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (v === null || typeof v !== 'object') return false;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(path[path.length - 1] in v);
}

/** "; did you mean "method"? known here: …" for keys the object at `path` does not take (from the published JSON Schema). */
function unknownKeysHint(keys: readonly string[], path: readonly PropertyKey[]): string {
  let node = trafficJsonSchema() as { properties?: Record<string, unknown> };
  for (const key of path) {
    const next = typeof key === 'string' ? node.properties?.[key] : undefined;
    if (!next || typeof next !== 'object') return '';
    node = next as typeof node;
  }
  const known = Object.keys(node.properties ?? {}).filter((k) => k !== '$schema');
  if (known.length === 0) return '';
  const meant = keys.map((k) => closestName(k, known)).filter((k): k is string => k !== undefined);
  return `; ${meant.length > 0 ? `did you mean ${meant.map((k) => `"${k}"`).join(', ')}? ` : ''}known here: ${known.join(', ')}`;
}
