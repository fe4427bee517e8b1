/**
 * Why a probe figure has no value although the mode can measure it: its traffic kind was not
 * sent (the service's traffic profile has no such kind, or the drill sends none in this mode), or
 * nobody told which task served a stream (no attribution header). Shown with "not judged"
 * (DESIGN "Figures"; issue 10: a kind the profile lacks is not sent, and expectations on its
 * figures are not judged with the reason). Pure.
 */
import { FIGURE_NAMES, type FigureName } from '../drill/figures';
import type { ProbeSpec, RunMode } from '../drill/types';

export type UnmeasuredReasons = Partial<Record<FigureName, string>>;

type Kind = 'streams' | 'requests' | 'jobs';

/**
 * @param profile which kinds the traffic profile declares
 * @param spec the drill's probe in this mode (how much of each kind)
 * @param attributed whether a header names the task that served (local load balancer, or `taskHeader`)
 * @returns a reason per figure left unmeasured for one of those causes; figures not listed keep the
 *   judge's default ("not measured in <mode> mode")
 */
export function unmeasuredReasons(profile: Readonly<Record<Kind, boolean>>, spec: ProbeSpec, mode: RunMode, attributed: boolean): UnmeasuredReasons {
  const asked: Record<Kind, number> = { streams: spec.streams.count, requests: spec.requests.perSecond, jobs: spec.jobs?.count ?? 0 };
  const reasons: UnmeasuredReasons = {};
  for (const kind of ['streams', 'requests', 'jobs'] as const) {
    const why = !profile[kind] ? `the traffic profile has no ${kind}` : asked[kind] > 0 ? undefined : `the drill sends no ${kind} in ${mode} mode`;
    if (why === undefined) continue;
    for (const figure of FIGURE_NAMES) if (figure.startsWith(`${kind}.`)) reasons[figure] = why;
  }
  if (reasons['streams.brokenOffTarget'] === undefined && !attributed) {
    reasons['streams.brokenOffTarget'] = "no header names the task that served a stream: set the traffic profile's taskHeader";
  }
  return reasons;
}
