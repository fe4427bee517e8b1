/** Figures the run could measure but did not reach (DESIGN "Figures"). Pure. */
import type { Expectation, FigureName, Figures } from '../drill';
import type { CensoredFigures } from './judge';
import type { StreamSample } from './samples';

/** What the recovery wait ended with (for a censored recovery.seconds). */
export interface RecoveryWait {
  readonly recovered: boolean;
  readonly boundSeconds: number;
  readonly faultAtMs: number;
  readonly endedAtMs: number;
  readonly state?: string;
}

/**
 * Figures the run could measure but did not reach: a recovery that did not come within its
 * bound, a first event no stream received, an engine figure the engine measures but never got.
 * Their expectations are violated, never "not judged" (DESIGN "Figures").
 */
export function censorFigures(
  expect: readonly Expectation[],
  figures: Figures,
  streams: readonly StreamSample[],
  measurable: readonly FigureName[],
  recovery: RecoveryWait | undefined,
): CensoredFigures {
  const censored: CensoredFigures = {};
  const expected = new Set(expect.map((e) => e.figure));
  if (recovery && !recovery.recovered && figures['recovery.seconds'] === undefined) {
    const above = Math.round((recovery.endedAtMs - recovery.faultAtMs) / 100) / 10;
    censored['recovery.seconds'] = { above, reason: `not recovered within ${recovery.boundSeconds} s${recovery.state ? ` (${recovery.state})` : ''}` };
  }
  if (streams.length > 0 && figures['streams.ttftMs.max'] === undefined) {
    const above = Math.max(...streams.map((s) => s.endedAtMs - s.startedAtMs));
    for (const name of ['streams.ttftMs.p50', 'streams.ttftMs.max'] as const) censored[name] = { above: Math.round(above), reason: 'no stream received a first event' };
  }
  const notReached: Partial<Record<FigureName, string>> = {
    'recovery.seconds': 'the service was not seen back to desired and healthy',
    'replacement.launchSeconds': 'no replacement task started',
    'replacement.healthySeconds': 'no replacement task became healthy',
    'tasks.sigkilled': 'a stopped task had not finished stopping when the run ended',
  };
  for (const name of measurable) {
    if (!expected.has(name) || figures[name] !== undefined || censored[name] !== undefined) continue;
    censored[name] = { reason: notReached[name] ?? 'not reached in this run' };
  }
  return censored;
}
