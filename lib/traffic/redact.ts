import type { TrafficProfile } from './traffic-profile';

export const REDACTED = '<redacted>';

/**
 * The profile as evidence may show it: every header value replaced by "<redacted>" (they carry
 * tokens), bodies left as written (their `${env:NAME}` unresolved). Pure.
 */
export function redactTraffic(profile: TrafficProfile): TrafficProfile {
  const hide = (h?: Record<string, string>) => (h === undefined ? undefined : Object.fromEntries(Object.keys(h).map((k) => [k, REDACTED])));
  return {
    ...profile,
    headers: hide(profile.headers),
    streams: profile.streams && { ...profile.streams, headers: hide(profile.streams.headers) },
    requests: profile.requests && { ...profile.requests, headers: hide(profile.requests.headers) },
    jobs: profile.jobs && {
      ...profile.jobs,
      submit: { ...profile.jobs.submit, headers: hide(profile.jobs.submit.headers) },
      poll: { ...profile.jobs.poll, headers: hide(profile.jobs.poll.headers) },
    },
  };
}

/** `text` with every secret (a value read from `${env:…}`) replaced by "<redacted>". Pure. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}
