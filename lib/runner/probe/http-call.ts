/** Sends one HTTP call of a traffic profile (method, path, headers, body) through the service URL. */
import * as http from 'http';
import type { HttpCall } from '../../traffic';

/** The response header the local load balancer stamps with the task (and zone) that served. */
export const LB_TASK_HEADER = 'x-drills-task';
export const LB_ZONE_HEADER = 'x-drills-zone';

/**
 * Starts the call; `onResponse` gets the response. The body is written and the request ended.
 * `path` overrides the call's own (a job's poll with its id filled in).
 */
export function sendCall(baseUrl: string, call: HttpCall, agent: http.Agent, onResponse: (res: http.IncomingMessage) => void, path = call.path): http.ClientRequest {
  const headers: Record<string, string | number> = { ...call.headers };
  if (call.body !== undefined) headers['content-length'] = Buffer.byteLength(call.body);
  const req = http.request(new URL(path, baseUrl), { method: call.method, headers, agent }, onResponse);
  req.end(call.body);
  return req;
}

/** The header's value as one string, or undefined when absent. */
export function headerValue(res: http.IncomingMessage, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Does a status count as success: one of `expect`, or else within [min, max). */
export function statusOk(status: number, expect: readonly number[] | undefined, range: readonly [number, number]): boolean {
  return expect !== undefined ? expect.includes(status) : status >= range[0] && status < range[1];
}
