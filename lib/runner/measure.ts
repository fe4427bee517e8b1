/** Probe samples → the DESIGN figures (streams.*, requests.*). Pure. */
import type { Figures } from '../drill/figures';
import type { RequestSample, StreamSample } from './samples';

export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(0, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[rank];
}

export function measure(samples: { streams: readonly StreamSample[]; requests: readonly RequestSample[] }, faultTargets: readonly string[]): Figures {
  const { streams, requests } = samples;
  const figures: Figures = {};
  const broken = streams.filter((s) => s.outcome === 'broken');
  figures['streams.total'] = streams.length;
  figures['streams.clean'] = streams.length - broken.length;
  figures['streams.broken'] = broken.length;
  figures['streams.brokenOffTarget'] = broken.filter((s) => s.task === undefined || !faultTargets.includes(s.task)).length;
  const ttfts = streams.filter((s) => s.firstEventAtMs !== undefined).map((s) => (s.firstEventAtMs as number) - s.startedAtMs);
  const p50 = percentile(ttfts, 50);
  if (p50 !== undefined) figures['streams.ttftMs.p50'] = round(p50);
  if (ttfts.length > 0) figures['streams.ttftMs.max'] = round(Math.max(...ttfts));
  if (streams.length > 0) figures['streams.seconds.max'] = round(Math.max(...streams.map((s) => s.endedAtMs - s.startedAtMs)) / 1000);
  figures['streams.bytes'] = streams.reduce((n, s) => n + s.bytes, 0);
  figures['streams.events'] = streams.reduce((n, s) => n + s.events, 0);
  const failed = requests.filter((r) => r.status < 200 || r.status >= 400).length;
  figures['requests.total'] = requests.length;
  figures['requests.failed'] = failed;
  if (requests.length > 0) figures['requests.errorRate'] = round(failed / requests.length, 4);
  return figures;
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The longest stream, the way a drill write-up gives it. */
export function longestStream(streams: readonly StreamSample[]): StreamSample | undefined {
  return streams.reduce<StreamSample | undefined>((best, s) => (best === undefined || s.endedAtMs - s.startedAtMs > best.endedAtMs - best.startedAtMs ? s : best), undefined);
}
