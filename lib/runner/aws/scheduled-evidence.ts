/**
 * Pure: the evidence of `drills report <experiment-id>` in the same journal schema as a run,
 * judged by the shared judge and rendered by the shared report. A scheduled experiment has no
 * probe, so stream and request figures are unmeasured and their expectations "not judged"
 * (never held); if nothing else can be judged the verdict is ERROR.
 */
import type { Drill } from '../../drill';
import type { Figures } from '../../drill/figures';
import type { FaultInjection } from '../engine';
import { JOURNAL_SCHEMA } from '../../contract';
import type { Journal } from '../journal';
import { judge, type CensoredFigures, type Judgement } from '../judge';
import { onRunClock } from '../on-run-clock';
import type { MetricReading, TimelineEvent } from '../samples';
import type { DeployedService } from './resolve-outputs';
import type { ExperimentView } from './fis-api';

export interface ScheduledEvidenceInput {
  readonly drill: Drill;
  readonly experiment: ExperimentView;
  readonly deployed: DeployedService;
  readonly injection: FaultInjection;
  readonly figures: Figures;
  readonly timeline: TimelineEvent[];
  /** What could not be read (events, metrics): kept with the judgement's reasons. */
  readonly notes: readonly string[];
  /** The CloudWatch datapoints read for the window (Evidence.metrics), kept as `samples.metrics`. @default - none */
  readonly metrics?: readonly MetricReading[];
  /** Figures the window could show but did not reach. @default - none */
  readonly censored?: CensoredFigures;
}

export function scheduledJournal(input: ScheduledEvidenceInput): Journal & { judgement: Judgement } {
  const { drill, experiment: e } = input;
  const judgement = judge(input.figures, drill.expect, 'aws', { injection: input.injection, censored: input.censored });
  judgement.reasons.push('started by a schedule (or outside fis-drills): no probe data', ...input.notes);
  const { id, title, hypothesis, fault, expect, file } = drill;
  const origin = e.startTime ?? new Date(0);
  const metrics = onRunClock(input.metrics ?? [], origin.getTime());
  return {
    schema: JOURNAL_SCHEMA,
    runId: e.id,
    mode: 'aws',
    drill: { id, title, hypothesis, fault, expect, file },
    settings: { source: 'scheduled', templateId: e.templateId, status: e.status, ...(e.reason ? { reason: e.reason } : {}) },
    target: { cluster: input.deployed.clusterName, service: input.deployed.serviceName, serviceUrl: input.deployed.serviceUrl },
    startedAt: origin.toISOString(),
    ...(e.endTime ? { endedAt: e.endTime.toISOString() } : {}),
    timeline: input.timeline,
    samples: { streams: [], requests: [], ...(metrics.length > 0 ? { metrics } : {}) },
    injection: input.injection,
    figures: input.figures,
    judgement,
    experimentId: e.id,
  };
}
