/**
 * After a finished `drills run`: the verdict where on-call looks. Publishes `FisDrills/DrillVerdict`
 * (and `DrillRecoverySeconds` when measured) under the drill and the ECS service
 * (lib/game-days/drill-verdict-metric.ts), and with a topic, one SNS message with the run's
 * one-paragraph summary and its report's location. Never throws and never changes the exit code:
 * the evidence is already written; what could not be published is named on stderr.
 */
import { DRILL_VERDICT_METRIC } from '../game-days/drill-verdict-metric';
import { verdictSummary } from '../report/verdict-summary';
import type { MetricDatum, MetricsApi } from '../runner/aws/metrics-api';
import type { NotifyApi } from '../runner/aws/notify-api';
import type { EvidenceFolder } from '../runner/evidence-store';
import { isJournal } from '../runner/journal';
import { JOURNAL_FILE } from '../runner/journal-writer';
import type { Figures } from '../drill';
import type { Output } from './output';
import type { Verdict } from '../runner/verdict';

export interface PublishVerdictOptions {
  readonly drill: string;
  readonly verdict: Verdict;
  readonly figures: Figures;
  readonly ecsServiceName: string;
  /** The run's evidence folder (its journal is read for the summary). */
  readonly folder: EvidenceFolder;
  readonly metrics: Pick<MetricsApi, 'putMetricData'>;
  readonly notify?: { readonly api: NotifyApi; readonly topicArn: string };
  /** Notices (published, or why not) go here. */
  readonly output: Pick<Output, 'notice'>;
  readonly now?: Date;
}

export function verdictData(o: Pick<PublishVerdictOptions, 'drill' | 'verdict' | 'figures' | 'ecsServiceName'>, at: Date): MetricDatum[] {
  const m = DRILL_VERDICT_METRIC;
  const dimensions = m.dimensions(o.ecsServiceName, o.drill);
  const data: MetricDatum[] = [{ namespace: m.namespace, metric: m.verdict, dimensions, value: m.value(o.verdict), at, storageResolution: 60 }];
  const recovery = o.figures['recovery.seconds'];
  if (typeof recovery === 'number' && Number.isFinite(recovery)) data.push({ namespace: m.namespace, metric: m.recoverySeconds, dimensions, value: recovery, at, storageResolution: 60 });
  return data;
}

export async function publishVerdict(o: PublishVerdictOptions): Promise<void> {
  const why = (e: unknown) => (e instanceof Error ? `${e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}` : String(e));
  try {
    await o.metrics.putMetricData(verdictData(o, o.now ?? new Date()));
    o.output.notice(`verdict published as ${DRILL_VERDICT_METRIC.namespace}/${DRILL_VERDICT_METRIC.verdict} (Service=${o.ecsServiceName}, Drill=${o.drill})`);
  } catch (e) {
    o.output.notice(`could not publish the verdict metric: ${why(e)}`);
  }
  if (!o.notify) return;
  try {
    const journal: unknown = JSON.parse((await o.folder.read(JOURNAL_FILE)) ?? 'null');
    if (!isJournal(journal)) throw new Error(`no journal at ${o.folder.locationOf(JOURNAL_FILE)}`);
    const summary = verdictSummary(journal, o.folder.locationOf('report.html'), o.ecsServiceName);
    await o.notify.api.publish(o.notify.topicArn, summary.subject, summary.message);
    o.output.notice(`notification sent to ${o.notify.topicArn}`);
  } catch (e) {
    o.output.notice(`could not notify ${o.notify.topicArn}: ${why(e)}`);
  }
}
