import type { z } from 'zod';
import { TrafficError } from './traffic-error';
import { trafficProfileSchema, type TrafficProfile } from './traffic-profile';
import { receivedValue } from '../received-value';

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
  const secret = issue.path.includes('headers');
  const received = secret ? undefined : receivedValue(root, issue.path);
  const got = received === undefined ? '' : `; got ${JSON.stringify(received)}`;
  return `${at}: ${issue.message}${got}`;
}
