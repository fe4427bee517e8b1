import { TrafficError } from './traffic-error';
import type { HttpCall, ResolvedTraffic } from './resolved-traffic';
import type { TrafficBody, TrafficProfile } from './traffic-profile';

const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;
const DEFAULT_STREAM_TIMEOUT_S = 150;
const DEFAULT_REQUEST_TIMEOUT_S = 5;
const DEFAULT_JOB_TIMEOUT_S = 150;
const DEFAULT_POLL_MS = 500;

/**
 * Applies defaults, reads every `${env:NAME}` in headers and bodies from `env`, and serialises
 * bodies (object → JSON with content-type application/json unless a header says otherwise).
 * Throws TrafficError naming every variable that is not set (the CLI exits 2).
 */
export function resolveTraffic(profile: TrafficProfile, env: NodeJS.ProcessEnv, source: string): ResolvedTraffic {
  const missing = new Set<string>();
  const secrets = new Set<string>();
  const text = (s: string): string =>
    s.replace(ENV_REF, (_m, name: string) => {
      const v = env[name];
      if (v === undefined || v === '') {
        missing.add(name);
        return '';
      }
      secrets.add(v);
      return v;
    });
  const common = profile.headers ?? {};
  const call = (c: { method?: string; path: string; headers?: Record<string, string>; body?: TrafficBody }, method: string): HttpCall => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...common, ...(c.headers ?? {}) })) headers[k.toLowerCase()] = text(v);
    let body: string | undefined;
    if (typeof c.body === 'string') body = text(c.body);
    else if (c.body !== undefined) {
      body = JSON.stringify(substituteDeep(c.body, text));
      headers['content-type'] ??= 'application/json';
    }
    return { method: c.method ?? method, path: c.path, headers, body };
  };
  const { streams, requests, jobs } = profile;
  const resolved: ResolvedTraffic = {
    streams: streams && {
      ...call(streams, 'GET'),
      format: streams.format ?? 'sse',
      done: streams.done,
      expectStatus: streams.expectStatus,
      timeoutMs: (streams.timeoutSeconds ?? DEFAULT_STREAM_TIMEOUT_S) * 1000,
    },
    requests: requests && {
      ...call(requests, 'GET'),
      expectStatus: requests.expectStatus,
      timeoutMs: (requests.timeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_S) * 1000,
    },
    jobs: jobs && {
      submit: call(jobs.submit, 'POST'),
      idField: jobs.id,
      poll: { ...call(jobs.poll, 'GET'), intervalMs: jobs.poll.intervalMs ?? DEFAULT_POLL_MS },
      stateField: jobs.state,
      succeeded: jobs.succeeded,
      failed: jobs.failed ?? [],
      timeoutMs: (jobs.timeoutSeconds ?? DEFAULT_JOB_TIMEOUT_S) * 1000,
    },
    taskHeader: profile.taskHeader?.toLowerCase(),
    secrets: [...secrets],
  };
  if (missing.size > 0) {
    throw new TrafficError(
      [...missing].map((name) => `\${env:${name}} is used but the environment variable ${name} is not set: export ${name}=… before running (its value is never written to evidence)`),
      source,
    );
  }
  return resolved;
}

function substituteDeep(value: unknown, text: (s: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, text));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteDeep(v, text)]));
  return value;
}
