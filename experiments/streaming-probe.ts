import type { PerMode, ProbeSpec } from '../lib/drill/types';

/**
 * How much load every drill of this catalogue puts on the service: concurrent streams open
 * before the fault, a steady rate of short requests and a few jobs, each of the kinds the
 * service's traffic profile (`service.traffic`, or `--traffic <file>`) declares. What a stream,
 * request or job is — path, body, length — is the profile's; drills differ only in how long
 * recovery may take.
 */
export function streamingProbe(recoveryTimeout: { aws: string; local: string }): PerMode<ProbeSpec> {
  return {
    aws: {
      streams: { count: 8 },
      requests: { perSecond: 5 },
      jobs: { count: 2 },
      warmup: 'PT10S',
      recoveryTimeout: recoveryTimeout.aws,
    },
    local: {
      streams: { count: 6 },
      requests: { perSecond: 20 },
      jobs: { count: 2 },
      warmup: 'PT1.5S',
      recoveryTimeout: recoveryTimeout.local,
    },
  };
}
