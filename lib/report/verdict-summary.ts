/**
 * A finished run in one paragraph, for the SNS notification on-call reads: verdict, drill,
 * service, the hypothesis, the headline figures, why it did not hold, and where the report is.
 * The subject fits SNS's limit (100 printable ASCII characters, SNS API reference, Publish). Pure.
 */
import type { Journal } from '../runner/journal';
import { headline } from './headline';

export interface VerdictSummary {
  readonly subject: string;
  readonly message: string;
}

const SUBJECT_MAX = 100;

function ascii(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

export function verdictSummary(journal: Journal, reportLocation: string, service: string): VerdictSummary {
  const verdict = journal.judgement?.verdict ?? 'ERROR';
  const subject = ascii(`[fis-drills] ${verdict} ${journal.drill.id} on ${service}`).slice(0, SUBJECT_MAX);
  const reasons = verdict === 'HELD' ? [] : (journal.judgement?.reasons ?? []);
  const parts = [
    `${verdict}: ${journal.drill.title} (${journal.drill.id}) on ${service}, run ${journal.runId}${journal.experimentId ? `, experiment ${journal.experimentId}` : ''}, started ${journal.startedAt}.`,
    `Hypothesis: ${journal.drill.hypothesis}`,
    ...headline(journal),
    ...(reasons.length > 0 ? [`Why: ${reasons.join('; ')}.`] : []),
    `Report: ${reportLocation}`,
  ];
  return { subject, message: parts.join(' ') };
}
