/**
 * The AWS side of a drill: the FIS template deployed by the CDK app does the injecting; this
 * engine starts it, watches it, stops it when told (always, before it returns), waits for ECS
 * to recover, and reads the figures only AWS can see.
 */
import type { Drill } from '../../drill';
import type { FigureName, Figures } from '../../drill/figures';
import type { Fault } from '../../drill/types';
import { needsDatabase } from '../../drill/needs-database';
import { dependencyFacts, type DependencyFacts } from './dependency-facts';
import type { Engine, FaultInjection, TimelineSink } from '../engine';
import { collectEvidence, type Evidence } from './collect-evidence';
import { isoSeconds } from '../../drill/iso-duration';
import { PRE_CHECK_ACTION } from '../../fis/alarm-checks';
import { alarmNameOf, faultDelivered, injectionOf, isFinal, postCheckOf, progressEntries, experimentLine, taskTargetIdsOf } from './experiment-state';
import type { ExperimentView, FisApi, ResolvedTargetView } from './fis-api';
import type { MetricsApi } from './metrics-api';
import { DEFAULT_WAIT_MS, stopAndWait, waitUntilFinal } from './experiment-wait';
import { DEFAULT_POLL, nextDelay, Sleeper, type PollSettings } from './poll';
import type { DeployedService } from './resolve-outputs';
import type { ServiceApi } from './service-api';
import { describeError } from './aws-error';
import { experimentTags } from './fis-tags';
import { rebalancingState, serviceTimeline } from './service-events';
import { isRecovered } from './task-figures';
import { RunningSampler } from './running-sampler';
import type { MetricReading } from '../samples';

export interface FisEngineOptions {
  readonly fis: FisApi;
  readonly metrics: MetricsApi;
  readonly service: ServiceApi;
  readonly deployed: DeployedService;
  readonly templateId: string;
  /** The idempotency token of StartExperiment and the run-id tag. */
  readonly runId: string;
  /** The caller's ARN, tagged as the operator. */
  readonly operator: string;
  /** Where the engine reports what happens (the runner stamps and journals it). */
  readonly onEvent?: TimelineSink;
  /** Live progress lines (stderr). */
  readonly log?: (line: string) => void;
  /** Aborting it stops the experiment (Ctrl-C, SIGTERM). */
  readonly signal?: AbortSignal;
  readonly poll?: PollSettings;
  /** Interval between ECS polls while waiting for recovery. @default 5000 */
  readonly recoveryPollMs?: number;
  /** Interval between ECS DescribeServices calls through the fault (tasks.running.min). @default 5000 */
  readonly runningPollMs?: number;
  /**
   * After a zone drill on a service with AZ rebalancing ENABLED: how long the service must stay
   * steady with no rebalancing started before recovery counts without a rebalancing-completed
   * event. @default 120000
   */
  readonly rebalanceSettleMs?: number;
  /** Longest wait for FIS to report `stopped` after StopExperiment, ms. @default 180000 */
  readonly stopWaitMs?: number;
  readonly now?: () => Date;
}

/**
 * The Engine over AWS FIS for one deployed service (DESIGN "Runner", fis-facts §4–§6): inject
 * starts the drill's experiment template (client token = run id, tags from lib/contract.ts) and
 * waits until the fault is over; awaitRecovery watches the ECS service until desired = running
 * and healthy (and, after a zone drill, AZ rebalancing settled); close stops an experiment still
 * running and waits until FIS reports it final. StartExperiment failing is not thrown: inject
 * returns `{ injected: false, error }` (verdict ERROR); an experiment stopped by an alarm,
 * failed, or stopped by the operator is returned as not injected or aborted, with the alarms in
 * ALARM. A refused StopExperiment is a timeline note and is waited out within `stopWaitMs` (ms,
 * lib/runner/aws/experiment-wait.ts), not thrown.
 */
export class FisEngine implements Engine {
  readonly mode = 'aws' as const;
  private experiment?: ExperimentView;
  private faultStart?: Date;
  private stopReason?: string;
  private stopping?: Promise<void>;
  private starting?: Promise<ExperimentView>;
  private targets: readonly string[] = [];
  private taskTargets: readonly string[] = [];
  private recoverySeconds?: number;
  private evidence?: Evidence;
  private zoneDrill = false;
  private running?: RunningSampler;
  /** The drill's recovery window, which the template waits out before its post-check. */
  private recoveryWindowMs = 0;
  private alarmsNotOkAfter?: number;
  private fault?: Fault;
  private dependency?: DependencyFacts;
  private readonly sleeper = new Sleeper();
  private readonly now: () => Date;

  constructor(private readonly options: FisEngineOptions) {
    this.now = options.now ?? (() => new Date());
    options.signal?.addEventListener('abort', () => void this.requestStop(abortReason(options.signal)), { once: true });
  }

  /** The experiment this run started, once StartExperiment answered. */
  get experimentId(): string | undefined {
    return this.experiment?.id;
  }

  /** FIS's latest answer about that experiment. */
  get lastExperiment(): ExperimentView | undefined {
    return this.experiment;
  }

  async start(): Promise<{ serviceUrl: string }> {
    return { serviceUrl: this.options.deployed.serviceUrl };
  }

  async inject(drill: Drill): Promise<FaultInjection> {
    if (this.stopReason) return { injected: false, targets: [], aborted: `stopped by the operator (${this.stopReason}) before the experiment started` };
    const { fis, templateId, runId, operator } = this.options;
    try {
      this.starting = fis.startExperiment({ templateId, clientToken: runId, tags: experimentTags(drill.id, runId, operator) });
      this.experiment = await this.starting;
    } catch (err) {
      return { injected: false, targets: [], error: `StartExperiment on template ${templateId} failed: ${describeError(err)}` };
    }
    this.faultStart = this.experiment.startTime ?? this.now();
    this.zoneDrill = drill.fault.kind === 'az-outage';
    this.fault = drill.fault;
    this.recoveryWindowMs = isoSeconds(drill.probe.aws.recoveryTimeout) * 1000;
    this.emit({ kind: 'note', detail: `FIS experiment ${this.experiment.id} started from template ${templateId}` });
    if (this.stopReason) void this.requestStop(this.stopReason);
    this.running = new RunningSampler(this.options.service, this.options.deployed, { everyMs: this.options.runningPollMs, now: this.now, onError: (m) => this.emit({ kind: 'note', detail: m }) });
    this.running.start();
    // Returns once the fault is over: a guarded template then only waits out its recovery window.
    const final = await this.watch().finally(() => this.running?.stop());
    const resolved = await this.resolvedTargets(final.id);
    const preCheckFailed = final.actions.some((a) => a.name === PRE_CHECK_ACTION && a.status !== 'completed') && (final.status === 'failed' || final.status === 'stopped');
    const alarms = (final.status === 'stopped' && !this.stopReason) || preCheckFailed ? await this.stopConditionAlarms() : [];
    const alarmsInAlarm = alarms.filter((a) => a.state === 'ALARM').map((a) => a.name);
    const alarmsNotOk = alarms.filter((a) => a.state !== 'OK').map((a) => `${a.name} (${a.state})`);
    const injection = injectionOf({ experiment: final, resolvedTargets: resolved, stoppedByUs: this.stopReason, alarmsInAlarm, alarmsNotOk });
    this.targets = injection.targets;
    this.taskTargets = taskTargetIdsOf(resolved);
    if (alarmsInAlarm.length > 0) this.emit({ kind: 'stop-condition', detail: `alarm(s) in ALARM: ${alarmsInAlarm.join(', ')}` });
    if (injection.aborted) this.emit({ kind: 'aborted', detail: injection.aborted });
    else if (injection.injected) this.emit({ kind: 'fault-injected', detail: `targets: ${injection.targets.join(', ') || 'unknown'}` });
    else this.emit({ kind: 'fault-not-injected', detail: injection.reason ?? injection.error });
    this.dependency = dependencyFacts(drill.fault, final);
    const back = this.dependency.backAt;
    if (back && injection.injected && !injection.aborted) this.emit({ kind: 'fault-ended', detail: `black hole lifted: FIS ended its action at ${back.toISOString()}` });
    return injection;
  }

  async awaitRecovery(timeoutMs: number): Promise<{ recovered: boolean }> {
    const { service, deployed } = this.options;
    const deadline = Date.now() + timeoutMs;
    let recovered = false;
    let steadySince: Date | undefined;
    let waitingNoted = false;
    if (this.faultStart) {
      for (;;) {
        try {
          const svc = await service.describeService(deployed.clusterName, deployed.serviceName);
          this.running?.record(svc.running, svc.desired, 'recovery');
          // The database drills' black hole leaves its target tasks running: recovery is the service steady, not the targets gone.
          const stopsTargets = this.fault !== undefined && !needsDatabase(this.fault);
          const described = this.taskTargets.length > 0 && stopsTargets ? await service.describeTasks(deployed.clusterName, this.taskTargets) : { tasks: [], failures: [] };
          // A target ECS no longer describes (MISSING) has long stopped: it does not hold recovery back.
          const steadyNow = isRecovered(svc, described.tasks);
          steadySince = steadyNow ? (steadySince ?? this.now()) : undefined;
          const rebalance = this.rebalanceGate(svc, steadySince);
          if (steadyNow && rebalance.done) {
            recovered = true;
            const at = rebalance.at ?? this.now();
            this.recoverySeconds = Math.round((at.getTime() - this.faultStart.getTime()) / 100) / 10;
            this.emit({ kind: 'steady', detail: `running ${svc.running}/${svc.desired}, one completed deployment${rebalance.detail ? `; ${rebalance.detail}` : ''}` });
            break;
          }
          if (steadyNow && !waitingNoted && rebalance.detail) {
            waitingNoted = true;
            this.emit({ kind: 'note', detail: rebalance.detail });
          }
        } catch (err) {
          this.emit({ kind: 'note', detail: `ECS poll failed: ${describeError(err)}` });
        }
        if (Date.now() >= deadline || this.options.signal?.aborted) break;
        await this.sleeper.sleep(Math.min(this.options.recoveryPollMs ?? 5000, Math.max(0, deadline - Date.now())));
      }
      await this.awaitPostCheck();
    }
    await this.gather();
    return { recovered };
  }

  /**
   * A guarded template still runs its recovery wait and post-check: follow it to its end (bounded
   * by the window plus 3 minutes from the fault start), then say what FIS's post-check found.
   */
  private async awaitPostCheck(): Promise<void> {
    if (!this.experiment || isFinal(this.experiment.status) || this.stopReason || !this.faultStart) return;
    const deadline = Math.max(Date.now(), this.faultStart.getTime() + this.recoveryWindowMs) + 180_000;
    const final = await this.watch({ untilFinal: true, deadline });
    if (!isFinal(final.status)) return;
    const post = postCheckOf(final);
    if (post.status === 'passed') {
      this.alarmsNotOkAfter = 0;
      this.emit({ kind: 'note', detail: "FIS's check after the recovery window: every stop-condition alarm OK" });
      return;
    }
    const alarms = await this.stopConditionAlarms();
    const notOk = alarms.filter((a) => a.state !== 'OK');
    this.alarmsNotOkAfter = notOk.length;
    const named = notOk.length > 0 ? notOk.map((a) => `${a.name} (${a.state})`).join(', ') : 'none still not OK when the runner read them';
    const why =
      post.status === 'failed'
        ? `FIS's check after the recovery window failed: ${named}${post.reason ? ` (FIS: ${post.reason})` : ''}`
        : `experiment ${final.id} ended ${final.status} before its check after the recovery window${final.reason ? ` (FIS: ${final.reason})` : ''}; alarms not OK: ${named}`;
    this.emit({ kind: 'stop-condition', detail: why });
  }

  figures(): Figures {
    const figures: Figures = { ...(this.evidence?.figures ?? {}) };
    if (this.experiment) figures['fault.targets'] = this.targets.length;
    if (this.recoverySeconds !== undefined) figures['recovery.seconds'] = this.recoverySeconds;
    const running = [this.running?.minimum()?.running, figures['tasks.running.min']].filter((n): n is number => n !== undefined);
    if (running.length > 0) figures['tasks.running.min'] = Math.min(...running);
    if (this.alarmsNotOkAfter !== undefined) figures['alarms.notOkAfterRecovery'] = this.alarmsNotOkAfter;
    return figures;
  }

  /** The figures this run can measure that a run may fail to reach (censored then): for dependency-outage, dependency.recoverySeconds once FIS said when its black hole ended. */
  get measurable(): readonly FigureName[] {
    return this.dependency?.measurable ?? [];
  }

  /** The black hole's end (dependency-outage; dependency-facts.ts); undefined otherwise. */
  dependencyBackAt(): Date | undefined {
    return this.dependency?.backAt;
  }

  /** Why dependency and ECS figures are missing on AWS (dependency-facts.ts, collect-evidence.ts). */
  unmeasuredReasons(): Partial<Record<FigureName, string>> {
    const dependency = this.dependency ?? (this.fault ? dependencyFacts(this.fault, undefined) : undefined);
    return { ...(this.evidence?.unmeasured ?? {}), ...(dependency?.unmeasured ?? {}) };
  }

  /** What ECS DescribeServices read through the fault and recovery, and every CloudWatch datapoint gathered (the journal's `samples.metrics`). */
  metricReadings(): MetricReading[] {
    return [...(this.running?.readings() ?? []), ...(this.evidence?.metrics ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /**
   * After a zone drill with AZ rebalancing ENABLED, ECS stops and starts tasks again to even the
   * spread (ECS Developer Guide, "Balancing an Amazon ECS service across Availability Zones"):
   * recovery waits for the rebalancing-completed event, or — when ECS started none — for the
   * service to stay steady for `rebalanceSettleMs`.
   */
  private rebalanceGate(
    svc: { readonly azRebalancing?: string; readonly events: readonly { createdAt: Date; message: string; id?: string }[] },
    steadySince: Date | undefined,
  ): { done: boolean; at?: Date; detail?: string } {
    if (!this.zoneDrill || !this.faultStart || svc.azRebalancing !== 'ENABLED') return { done: true };
    const state = rebalancingState(serviceTimeline(svc.events, this.faultStart, this.now()), this.faultStart);
    if (state.state === 'completed') return { done: true, at: state.at, detail: `AZ rebalancing completed at ${state.at?.toISOString()}` };
    if (state.state === 'pending') return { done: false, detail: `waiting for ECS to finish AZ rebalancing (started ${state.at?.toISOString()})` };
    const settleMs = this.options.rebalanceSettleMs ?? 120_000;
    if (steadySince && this.now().getTime() - steadySince.getTime() >= settleMs) {
      return { done: true, at: steadySince, detail: `AZ rebalancing is ENABLED; ECS started none within ${settleMs / 1000} s of steady` };
    }
    return { done: false, detail: `AZ rebalancing is ENABLED: waiting up to ${settleMs / 1000} s for ECS to start one after a zone drill` };
  }

  /** Stops the experiment if it still runs and waits for FIS to say so. Safe to call twice. */
  async close(): Promise<void> {
    this.stopReason ??= 'runner closing';
    await this.running?.stop();
    this.sleeper.wake();
    // A StartExperiment still in flight: wait for its answer, so what it started is stopped too.
    if (this.starting) {
      const started = await this.starting.catch(() => undefined);
      if (started && !this.experiment) this.experiment = started;
    }
    if (this.experiment && !isFinal(this.experiment.status)) await this.requestStop(this.stopReason);
    else if (this.stopping) await this.stopping;
  }

  /** Read the service events and metrics for the window (once; awaitRecovery does it too). */
  async gather(): Promise<Evidence | undefined> {
    if (!this.faultStart || this.evidence) return this.evidence;
    this.evidence = await collectEvidence({
      metrics: this.options.metrics,
      service: this.options.service,
      deployed: this.options.deployed,
      faultStart: this.faultStart,
      end: this.now(),
      targetTasks: this.taskTargets,
    });
    for (const e of this.evidence.timeline) this.emit({ kind: e.kind, task: e.tasks[0], detail: `${e.at.toISOString()} ${e.detail}` });
    for (const note of this.evidence.notes) this.emit({ kind: 'note', detail: note });
    const sources = this.running?.sourcesNote(this.evidence.figures['tasks.running.min'], this.evidence.periodSeconds);
    if (sources) this.emit({ kind: 'note', detail: sources });
    return this.evidence;
  }

  /** StopExperiment, then wait for `stopped` (or any final state). One stop per engine. */
  requestStop(reason: string): Promise<void> {
    this.stopReason ??= reason;
    this.sleeper.wake();
    if (!this.experiment || isFinal(this.experiment.status)) return Promise.resolve();
    this.stopping ??= this.stopAndWait(this.experiment.id);
    return this.stopping;
  }

  /** StopExperiment and the wait for a final state (lib/runner/aws/experiment-wait.ts); a refused stop is still waited out, within the same bound. */
  private async stopAndWait(id: string): Promise<void> {
    this.options.log?.(`stopping experiment ${id} (${this.stopReason}) …`);
    const wait = {
      fis: this.options.fis,
      timeoutMs: this.options.stopWaitMs ?? DEFAULT_WAIT_MS,
      poll: this.options.poll,
      onExperiment: (e: ExperimentView) => (this.experiment = e),
      onNote: (detail: string) => this.emit({ kind: 'note', detail }),
    };
    let outcome = await stopAndWait(this.experiment as ExperimentView, wait);
    this.emit({ kind: 'aborted', detail: `StopExperiment ${id} ${outcome.stopError ? `refused: ${outcome.stopError}` : 'sent'} (${this.stopReason})` });
    if (outcome.end === 'stop-failed') {
      this.options.log?.(`StopExperiment ${id} was refused (${outcome.stopError}); waiting for it to end on its own — \`drills stop ${id}\` or the FIS console can stop it`);
      outcome = await waitUntilFinal(outcome.experiment, wait);
    }
    this.experiment = outcome.experiment;
    this.options.log?.(`experiment ${id} ${outcome.experiment.status}${outcome.end === 'timed-out' ? ' (gave up waiting for a final state; check the FIS console)' : ''}`);
  }

  /**
   * Poll until the experiment is final, or (by default) until its fault is delivered and only the
   * template's recovery wait and post-check remain; `deadline` (epoch ms) bounds the wait.
   */
  private async watch(until: { untilFinal?: boolean; deadline?: number } = {}): Promise<ExperimentView> {
    const { fis } = this.options;
    const poll = this.options.poll ?? DEFAULT_POLL;
    let current = this.experiment as ExperimentView;
    let previous: ExperimentView | undefined;
    let wait = poll.initialMs;
    let failures = 0;
    for (;;) {
      for (const entry of progressEntries(previous, current)) this.emit(entry);
      this.options.log?.(experimentLine(current, this.now()));
      if (isFinal(current.status)) return current;
      if (!until.untilFinal && !this.stopping && faultDelivered(current)) return current;
      if (until.deadline !== undefined && Date.now() >= until.deadline) return current;
      if (this.stopping) {
        await this.stopping;
        if (this.experiment && isFinal(this.experiment.status)) current = this.experiment;
        if (isFinal(current.status)) continue;
      }
      await this.sleeper.sleep(wait);
      wait = nextDelay(wait, poll);
      previous = current;
      try {
        current = await fis.getExperiment(current.id);
        this.experiment = current;
        failures = 0;
      } catch (err) {
        if (++failures >= 5) {
          await this.requestStop(`GetExperiment failed ${failures} times: ${describeError(err)}`);
          current = this.experiment ?? current;
          if (!isFinal(current.status)) return { ...current, status: 'failed', reason: `the runner lost track of it: ${describeError(err)}` };
        }
      }
    }
  }

  private async resolvedTargets(id: string): Promise<readonly ResolvedTargetView[] | undefined> {
    try {
      return await this.options.fis.listResolvedTargets(id);
    } catch (err) {
      this.emit({ kind: 'note', detail: `ListExperimentResolvedTargets failed: ${describeError(err)}` });
      return undefined;
    }
  }

  /** The template's stop-condition alarms and their states (the same alarms its checks assert). */
  private async stopConditionAlarms(): Promise<readonly { readonly name: string; readonly state: string }[]> {
    try {
      const template = await this.options.fis.getTemplate(this.options.templateId);
      return await this.options.metrics.describeAlarms(template.stopConditionAlarmArns.map(alarmNameOf));
    } catch (err) {
      this.emit({ kind: 'note', detail: `could not read the stop-condition alarms: ${describeError(err)}` });
      return [];
    }
  }

  private emit(entry: Parameters<TimelineSink>[0]): void {
    this.options.onEvent?.(entry);
  }
}

function abortReason(signal: AbortSignal | undefined): string {
  const r = signal?.reason as unknown;
  if (typeof r === 'string') return r;
  if (r instanceof Error && r.message) return r.message;
  return 'interrupted';
}
