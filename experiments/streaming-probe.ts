import type { PerMode, ProbeSpec } from '../lib/drill/types';

/**
 * The probe every drill of this catalogue uses, shaped like LLM-gateway traffic: concurrent SSE
 * completions (AWS: 48 tokens a second apart after a 2.5 s TTFT, ~50 s a stream; locally the
 * same shape in ~5 s) plus a steady rate of short requests. Drills differ only in how long
 * recovery may take.
 */
export function streamingProbe(recoveryTimeout: { aws: string; local: string }): PerMode<ProbeSpec> {
  return {
    aws: {
      streams: { count: 8, tokens: 48, intervalMs: 1000, ttftMs: 2500 },
      requests: { perSecond: 5 },
      warmup: 'PT10S',
      recoveryTimeout: recoveryTimeout.aws,
    },
    local: {
      streams: { count: 6, tokens: 25, intervalMs: 200, ttftMs: 300 },
      requests: { perSecond: 20 },
      warmup: 'PT1.5S',
      recoveryTimeout: recoveryTimeout.local,
    },
  };
}
