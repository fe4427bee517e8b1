import { catalogue } from '../experiments';
import { ConfigError } from '../lib/config';
import { localProbeLongestStream, rehearsalConfig, type RehearsalFlags } from '../lib/config-rehearsal';

const noContext = () => undefined;
const context = (values: Record<string, unknown>) => (key: string) => values[key];
const problemsOf = (flags: RehearsalFlags, lookup = noContext): string[] => {
  try {
    rehearsalConfig(lookup, flags, catalogue);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  return [];
};

describe('the rehearsal config (flags over cdk.json, derived values re-derived)', () => {
  it('takes the longest request from the local probe: 300 ms + 25 × 200 ms, rounded up to 6 s', () => {
    expect(localProbeLongestStream(catalogue)?.seconds).toBe(6);
    expect(rehearsalConfig(noContext, {}, catalogue).config.service.longestRequestSeconds).toBe(6);
  });

  it('accepts --stop-timeout 10 alone, deriving the drain deadline from it (8 s)', () => {
    const { config, sources } = rehearsalConfig(noContext, { stopTimeout: 10 }, catalogue);
    expect(config.service).toMatchObject({ stopTimeoutSeconds: 10, drainTimeoutMs: 8000, longestRequestSeconds: 6 });
    expect(sources.drainTimeoutMs?.derivedFrom).toBe('--stop-timeout 10: stopTimeout − 2 s');
  });

  it('re-derives the drain deadline from --stop-timeout over the one cdk.json set for its own stopTimeout', () => {
    const lookup = context({ drills: { service: { stopTimeoutSeconds: 120, drainTimeoutMs: 110_000 } }, 'service.drainTimeoutMs': '110000' });
    expect(rehearsalConfig(lookup, { stopTimeout: 10 }, catalogue).config.service.drainTimeoutMs).toBe(8000);
  });

  it('lets a flag beat a flat -c key of cdk.json', () => {
    const lookup = context({ 'service.stopTimeoutSeconds': '60' });
    expect(rehearsalConfig(lookup, { stopTimeout: 12 }, catalogue).config.service.stopTimeoutSeconds).toBe(12);
  });

  it('lets --longest-request and --health-path say otherwise', () => {
    const { config } = rehearsalConfig(noContext, { longestRequest: 30, healthPath: '/ready' }, catalogue);
    expect(config.service).toMatchObject({ longestRequestSeconds: 30, healthPath: '/ready' });
  });

  it('rejects a stop timeout below the probe’s longest stream, naming the flags to pass and what was derived from what', () => {
    const problems = problemsOf({ stopTimeout: 3 });
    expect(problems).toContain(
      "--stop-timeout is 3 but the longest request is 6 s (service.longestRequestSeconds is 6 (derived from the demo traffic's stream: 300 ms to the first event + 25 × 200 ms = 5.3 s, rounded up)): SIGKILL would end requests in flight; pass --stop-timeout 8 or more",
    );
    expect(problems.find((p) => p.startsWith('service.drainTimeoutMs is 2400 (derived from --stop-timeout 3: stopTimeout − 0.6 s) but the longest request is 6000 ms'))).toMatch(
      /pass --stop-timeout 8 or more \(the drain deadline derived from it follows\)$/,
    );
  });

  it('accepts --stop-timeout 8, the shortest whose derived drain deadline covers the probe’s streams', () => {
    expect(rehearsalConfig(noContext, { stopTimeout: 8 }, catalogue).config.service.drainTimeoutMs).toBe(6400);
    expect(problemsOf({ stopTimeout: 7 })).toEqual([expect.stringMatching(/pass --stop-timeout 8 or more/)]);
  });

  it('rejects a drain deadline from a flag shorter than the longest request, naming the range to pass', () => {
    expect(problemsOf({ stopTimeout: 10, drainTimeoutMs: 5000 })).toEqual([
      expect.stringMatching(/^--drain-timeout-ms is 5000 but the longest request is 6000 ms .*: the app would cut its own streams; pass --drain-timeout-ms from 6000 to 9999$/),
    ]);
  });

  it('rejects a drain deadline from a flag not below stopTimeout, naming the flag', () => {
    expect(problemsOf({ stopTimeout: 10, drainTimeoutMs: 10_000 })).toEqual([
      '--drain-timeout-ms is 10000 but stopTimeout is 10000 ms: the app must finish draining and exit before SIGKILL; pass --drain-timeout-ms below 10000',
    ]);
  });

  it('rejects a health path without a slash, naming the flag', () => {
    expect(problemsOf({ healthPath: 'healthz' })).toEqual(['--health-path is "healthz": a path must start with "/"']);
  });
});

describe('the rehearsal config with a traffic profile of its own', () => {
  it('rejects a stop timeout below the configured longest request, naming --longest-request too', () => {
    const problems = problemsOf({ stopTimeout: 10, traffic: 'traffic.json' } as RehearsalFlags);
    expect(problems[0]).toBe(
      "--stop-timeout is 10 but the longest request is 60 s (service.longestRequestSeconds; pass --longest-request <s> if the service's longest is shorter): SIGKILL would end requests in flight; pass --stop-timeout 70 or more",
    );
  });
});
