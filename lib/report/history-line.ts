/**
 * One run of the evidence root as a history line: drill, service, mode, when, verdict,
 * recovery, broken streams, failed requests, and where its report is. Figures a run did not
 * measure stay undefined (shown as "—"), never 0. Pure.
 */
import type { Journal } from '../runner/journal';

export interface HistoryLine {
  readonly drill: string;
  readonly service: string;
  readonly mode: string;
  /** ISO start time. */
  readonly when: string;
  readonly verdict: string;
  readonly recoverySeconds?: number;
  readonly brokenStreams?: number;
  readonly failedRequests?: number;
  readonly requests?: number;
  readonly runId: string;
  /** The run's folder, as given (relative to the evidence root when read from it). */
  readonly evidence: string;
}

export function historyLine(journal: Journal, evidence: string): HistoryLine {
  const f = journal.figures ?? {};
  const configured = (journal.settings.service as { name?: unknown } | undefined)?.name;
  const service = journal.target.service ?? (typeof configured === 'string' ? configured : undefined) ?? '—';
  return {
    drill: journal.drill.id,
    service,
    mode: journal.mode,
    when: journal.startedAt,
    verdict: journal.judgement?.verdict ?? 'UNFINISHED',
    recoverySeconds: f['recovery.seconds'],
    brokenStreams: f['streams.broken'],
    failedRequests: f['requests.failed'],
    requests: f['requests.total'],
    runId: journal.runId,
    evidence,
  };
}

/** Oldest first, then by drill. */
export function sortHistory(lines: readonly HistoryLine[]): HistoryLine[] {
  return [...lines].sort((a, b) => a.when.localeCompare(b.when) || a.drill.localeCompare(b.drill));
}
