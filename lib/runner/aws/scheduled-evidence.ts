/**
 * Pure: the evidence of `drills report <experiment-id>` — the verdict over the drill's
 * expectations (a figure a schedule cannot measure is "not judged", never held), the journal
 * object and its Markdown report.
 *
 * Stopgap: the runner core's judge (lib/runner/judge.ts) and report renderer
 * (lib/runner/report-markdown.ts) were not in the tree when this was written; once they are,
 * `drills report` should hand its figures and timeline to them instead.
 */
import { boundFor, type Comparison, type Drill } from '../../drill';
import type { Figures } from '../../drill/figures';
import type { FaultInjection } from '../engine';
import type { TimelineEvent } from '../samples';
import type { Verdict } from '../verdict';
import type { ExperimentView } from './fis-api';

export interface ExpectationResult {
  readonly figure: string;
  readonly op: Comparison;
  readonly bound: number;
  readonly measured?: number;
  /** `held`, `missed`, or `not judged` (unmeasured in this mode). */
  readonly outcome: 'held' | 'missed' | 'not judged';
  readonly why?: string;
}

export interface ScheduledJournal {
  readonly schema: 'fis-drills/scheduled-report@1';
  readonly mode: 'aws';
  /** `scheduled`: `drills report`; `run-without-probe`: `drills run` in a build without the runner core. */
  readonly source: 'scheduled' | 'run-without-probe';
  readonly drill: string;
  readonly hypothesis?: string;
  readonly experiment: { readonly id: string; readonly templateId?: string; readonly status: string; readonly reason?: string; readonly startTime?: string; readonly endTime?: string };
  readonly injection: FaultInjection;
  readonly figures: Figures;
  readonly expectations: readonly ExpectationResult[];
  readonly verdict: Verdict;
  readonly notJudged: readonly string[];
  readonly timeline: readonly TimelineEvent[];
  readonly notes: readonly string[];
}

function compare(value: number, op: Comparison, bound: number): boolean {
  switch (op) {
    case '<=':
      return value <= bound;
    case '<':
      return value < bound;
    case '>=':
      return value >= bound;
    case '>':
      return value > bound;
    case '==':
      return value === bound;
  }
}

export function judgeExpectations(drill: Drill | undefined, figures: Figures): ExpectationResult[] {
  return (drill?.expect ?? []).map((e) => {
    const bound = boundFor(e.bound, 'aws');
    const measured = figures[e.figure];
    const outcome = measured === undefined ? 'not judged' : compare(measured, e.op, bound) ? 'held' : 'missed';
    return { figure: e.figure, op: e.op, bound, measured, outcome, why: e.why };
  });
}

/** Platform outcome first (ERROR, ABORTED, NOT_INJECTED), then the judged expectations. */
export function scheduledVerdict(injection: FaultInjection, expectations: readonly ExpectationResult[]): Verdict {
  if (injection.error) return 'ERROR';
  if (injection.aborted) return 'ABORTED';
  if (!injection.injected) return 'NOT_INJECTED';
  const judged = expectations.filter((e) => e.outcome !== 'not judged');
  if (judged.length === 0) return 'ERROR';
  return judged.some((e) => e.outcome === 'missed') ? 'VIOLATED' : 'HELD';
}

export function scheduledJournal(input: {
  readonly source?: ScheduledJournal['source'];
  readonly drillId: string;
  readonly drill?: Drill;
  readonly experiment: ExperimentView;
  readonly injection: FaultInjection;
  readonly figures: Figures;
  readonly timeline: readonly TimelineEvent[];
  readonly notes: readonly string[];
}): ScheduledJournal {
  const expectations = judgeExpectations(input.drill, input.figures);
  const e = input.experiment;
  const notes = [...input.notes];
  if (!input.drill) notes.push(`drill ${input.drillId} is not in this catalogue: nothing to judge`);
  const verdict = scheduledVerdict(input.injection, expectations);
  if (verdict === 'ERROR' && !input.injection.error) notes.push('no expectation could be judged without probe data');
  return {
    schema: 'fis-drills/scheduled-report@1',
    mode: 'aws',
    source: input.source ?? 'scheduled',
    drill: input.drillId,
    hypothesis: input.drill?.hypothesis,
    experiment: { id: e.id, templateId: e.templateId, status: e.status, reason: e.reason, startTime: e.startTime?.toISOString(), endTime: e.endTime?.toISOString() },
    injection: input.injection,
    figures: input.figures,
    expectations,
    verdict,
    notJudged: expectations.filter((x) => x.outcome === 'not judged').map((x) => x.figure),
    timeline: input.timeline,
    notes,
  };
}

export function scheduledMarkdown(j: ScheduledJournal): string {
  const lines = [
    `# ${j.drill} — ${j.verdict}`,
    '',
    `Experiment \`${j.experiment.id}\` (template \`${j.experiment.templateId ?? '?'}\`), ${j.experiment.status}${j.experiment.reason ? `: ${j.experiment.reason}` : ''}.`,
    `Started ${j.experiment.startTime ?? '?'}, ended ${j.experiment.endTime ?? '?'}. ${j.source === 'scheduled' ? 'Started by a schedule' : 'Run without the runner core'}: no probe data.`,
    '',
    ...(j.hypothesis ? [`Hypothesis: ${j.hypothesis}`, ''] : []),
    ...(j.injection.aborted ? [`Aborted: ${j.injection.aborted}`, ''] : []),
    ...(j.injection.error ? [`Error: ${j.injection.error}`, ''] : []),
    ...(!j.injection.injected && j.injection.reason ? [`Not injected: ${j.injection.reason}`, ''] : []),
    '## Expectations',
    '',
    '| figure | expected | measured | outcome |',
    '| --- | --- | --- | --- |',
    ...j.expectations.map((x) => `| ${x.figure} | ${x.op} ${x.bound} | ${x.measured ?? 'unmeasured'} | ${x.outcome} |`),
    '',
    '## Figures',
    '',
    ...Object.entries(j.figures).map(([k, v]) => `- ${k}: ${v}`),
    '',
    '## Timeline',
    '',
    ...j.timeline.map((t) => `- ${t.at} (+${(t.atMs / 1000).toFixed(1)} s) ${t.kind}${t.task ? ` [${t.task}]` : ''}: ${t.detail ?? ''}`),
    ...(j.notes.length > 0 ? ['', '## Notes', '', ...j.notes.map((n) => `- ${n}`)] : []),
    '',
  ];
  return lines.join('\n');
}
