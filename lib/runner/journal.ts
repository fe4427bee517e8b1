/** The journal (`journal.json`): everything a run saw, schema `fis-drills/journal@1`. */
import { JOURNAL_SCHEMA } from '../contract';
import type { Expectation, Fault, Figures } from '../drill';
import type { RunMode } from '../drill/types';
import type { FaultInjection } from './engine';
import type { Judgement } from './judge';
import type { JobSample, MetricSample, RequestSample, StreamSample, TimelineEvent } from './samples';

export interface JournalDrill {
  id: string;
  title: string;
  hypothesis: string;
  fault: Fault;
  expect: readonly Expectation[];
  file: string;
}

/**
 * Who ran what, for the report's "who ran what" section. Optional: journals written before it was
 * recorded (still `journal@1`) have none, and readers say "not recorded".
 */
export interface JournalProvenance {
  /** The OS user that ran the runner (on AWS the caller identity is in `target.account`). */
  operator: string;
  /** The command line, e.g. `drills rehearse task-stop-drain`. */
  command: string;
  /** The project's git commit (`HEAD`, with ` (dirty)` when the work tree had changes), or `unknown`. */
  gitCommit: string;
  /** The config the run used: its file and, when read, a short sha256 of its `drills` context. */
  config: string;
  host: string;
  node: string;
}

export interface Journal {
  schema: typeof JOURNAL_SCHEMA;
  runId: string;
  mode: RunMode;
  drill: JournalDrill;
  settings: Record<string, unknown>;
  target: Record<string, string>;
  startedAt: string;
  endedAt?: string;
  timeline: TimelineEvent[];
  /** `metrics`: AWS runs and scheduled reports only (CloudWatch datapoints, ECS reads); absent in older journals. */
  samples: { streams: StreamSample[]; requests: RequestSample[]; jobs?: JobSample[]; metrics?: MetricSample[] };
  injection?: FaultInjection;
  figures?: Figures;
  judgement?: Judgement;
  experimentId?: string;
  provenance?: JournalProvenance;
}

export type JournalHeader = Pick<Journal, 'runId' | 'mode' | 'drill' | 'settings' | 'target' | 'startedAt' | 'provenance'>;

export function isJournal(value: unknown): value is Journal {
  const v = value as Partial<Journal> | null;
  return typeof v === 'object' && v !== null && v.schema === JOURNAL_SCHEMA && typeof v.runId === 'string' && Array.isArray(v.timeline);
}
