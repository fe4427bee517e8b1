/**
 * The runner core: one drill over an Engine (local or FIS), with the probe across the fault,
 * evidence written whatever happens, and the engine always closed.
 */
import { isoSeconds, needsDatabase, type Drill, type Figures, type ProbeSpec } from '../drill';
import { monotonicClock, type Clock } from './clock';
import type { Engine, FaultInjection } from './engine';
import type { EvidenceStore } from './evidence-store';
import { localEvidenceStore } from './local-evidence';
import { JournalWriter } from './journal-writer';
import type { JournalProvenance } from './journal';
import { explainFigures } from './explain-figures';
import { censorFigures, type RecoveryWait } from './censor-figures';
import { judge, type Judgement } from './judge';
import { measure } from './measure';
import { dependencyBackAtMs, dependencyRecoverySeconds } from './dependency-recovery';
import { DEMO_TRAFFIC, resolveTraffic, type ResolvedTraffic } from '../traffic';
import { unmeasuredReasons } from './unmeasured-reasons';
import { probeKinds, startProbe, type ProbeRun } from './probe';
import { checkTraffic } from './probe/check-traffic';
import { newRunId } from './run-id';
import type { MetricReading, TimelineEntry, TimelineEvent } from './samples';
import { onRunClock } from './on-run-clock';
import { steadyState, type ProbeLabels, type SteadyState } from './steady-state';
import type { TimelineRelay } from './timeline-relay';
import type { Verdict } from './verdict';
import { runProvenance } from './run-provenance';
import { writeReports } from './write-reports';

export interface RunDrillOptions {
  drill: Drill;
  engine: Engine;
  /** The evidence root as a local path (used when `evidence` is not given). */
  outRoot: string;
  /** Where the evidence goes (a local folder or S3). @default a local folder at outRoot */
  evidence?: EvidenceStore;
  runId?: string;
  clock?: Clock;
  settings?: Record<string, unknown>;
  target?: Record<string, string>;
  signal?: AbortSignal;
  onEvent?: (e: TimelineEvent) => void;
  /** Who ran what. @default read from this machine and the working directory (runProvenance) */
  provenance?: JournalProvenance;
  /** The relay the engine's onEvent was wired to; the run stamps and journals what comes through. */
  timeline?: TimelineRelay;
  /** What the probe sends (lib/traffic, resolved). @default the demo service's traffic */
  traffic?: ResolvedTraffic;
  /** The steady-state gate first checks that this path answers 200. @default - not checked */
  healthPath?: string;
}

export interface RunResult {
  drill: string;
  runId: string;
  verdict: Verdict;
  figures: Figures;
  judgement: Judgement;
  evidence: string;
  experimentId?: string;
  /**
   * The error that ended the run early, as thrown (an engine's own error class included), and
   * whether `engine.start()` threw it. Not set for an abort, a steady state that failed, or a
   * run that ended on its own; the judgement names the error either way.
   */
  error?: { readonly cause: unknown; readonly inStart: boolean };
}

class Aborted extends Error {}

/** How long past the warm-up the gate waits for first events and answers that are merely late. */
const STEADY_GRACE_MIN_MS = 5000;
const STEADY_POLL_MS = 50;

/**
 * Runs one drill over an engine: steady-state gate, probe across the fault, recovery wait, then
 * measure and judge (DESIGN "Runner"). Never throws for what happens in the run: a failed gate,
 * an engine or probe error, or a lost engine becomes verdict `ERROR` with the reason in
 * `judgement.reasons`; an abort (`signal`) becomes `ABORTED`, a fault FIS did not inject
 * `NOT_INJECTED`. The engine is always closed (which stops an experiment still running) and the
 * evidence folder always gets journal.json and the reports. Returns the verdict, the figures
 * (units in their names: `…Seconds`, `…Ms`, counts otherwise; lib/drill/figures.ts), the
 * evidence location (a path or `s3://…`) and the FIS experiment id in aws mode. Throws only if
 * the evidence cannot be written (file system or S3 errors, as they come).
 */
export async function runDrill(options: RunDrillOptions): Promise<RunResult> {
  const { drill, engine, signal } = options;
  const clock = options.clock ?? monotonicClock();
  const runId = options.runId ?? newRunId();
  const folder = (options.evidence ?? localEvidenceStore(options.outRoot)).folder(drill.id, runId);
  const traffic = options.traffic ?? resolveTraffic(DEMO_TRAFFIC, {}, 'demo');
  const kinds = probeKinds(drill.probe[engine.mode], traffic);
  // What the probe really sends: a kind the traffic profile lacks is not sent, whatever the drill asks.
  const spec = sentSpec(drill.probe[engine.mode], kinds);
  // Which task served: the engine's own attribution (the local load balancer) or the service's header.
  const taskHeader = engine.taskHeader ?? traffic.taskHeader;
  const labels = trafficLabels(traffic);
  const { id, title, hypothesis, fault, expect, file } = drill;
  const writer = await JournalWriter.create(folder, {
    runId,
    mode: engine.mode,
    drill: { id, title, hypothesis, fault, expect, file },
    settings: options.settings ?? {},
    target: options.target ?? {},
    startedAt: clock.wallIso(0),
    provenance: options.provenance ?? runProvenance(process.cwd()),
  });
  const record = (entry: TimelineEntry): void => {
    const atMs = clock.nowMs();
    const event: TimelineEvent = { ...entry, atMs, at: clock.wallIso(atMs) };
    writer.event(event);
    options.onEvent?.(event);
  };

  // an abort turns every wait into a rejection, so the run unwinds at once
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Aborted(signal?.reason instanceof Error ? signal.reason.message : String(signal?.reason ?? 'operator abort')));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, aborted]);
  const sleep = (ms: number): Promise<void> => guard(new Promise<void>((r) => setTimeout(r, ms)));

  let probe: ProbeRun | undefined;
  let injection: FaultInjection | undefined;
  let error: string | undefined;
  let engineFigures: Figures = {};
  let readings: readonly MetricReading[] = [];
  let abortReason: string | undefined;
  let recoveryWait: RecoveryWait | undefined;
  let started = false;
  let thrown: RunResult['error'];
  options.timeline?.connect(record);
  record({ kind: 'run-started', detail: `${drill.id} (${engine.mode})` });
  try {
    const { serviceUrl } = await guard(engine.start());
    started = true;
    writer.set({ target: { ...(options.target ?? {}), serviceUrl } });
    // The gate, first part: the service's contract, one call of each kind to its end (end marker included).
    const contract = await guard(checkTraffic(serviceUrl, traffic, clock, { healthPath: options.healthPath, kinds }));
    for (const c of contract) record({ kind: 'note', detail: `steady state ${c.ok ? 'ok' : 'FAILED'}: ${c.name}: ${c.detail}` });
    const broken = contract.filter((c) => !c.ok);
    probe = broken.length > 0 ? undefined : startProbe(serviceUrl, spec, traffic, clock, { taskHeader });
    if (probe) record({ kind: 'probe-started', detail: `${spec.streams.count} streams, ${spec.requests.perSecond} requests/s, ${spec.jobs.count} jobs` });
    if (probe) await sleep(isoSeconds(spec.warmup) * 1000);
    if (probe) record({ kind: 'warmup-done' });
    // Second part: the drill's own probe, past its warm-up, is answered.
    const gate: SteadyState = probe ? await guard(awaitSteadyState(probe, spec, clock, labels)) : { state: 'broken', problem: broken.map((c) => `${c.name}: ${c.detail}`).join('; ') };
    if (gate.state !== 'steady') {
      const cause = `${gate.problem} before the fault; nothing injected`;
      writer.injection({ injected: false, targets: [], reason: cause });
      record({ kind: 'fault-not-injected', detail: cause });
      throw new SteadyStateFailed(cause);
    }
    record({ kind: 'steady', detail: "the probe's first requests and streams succeeded" });
    const faultAtMs = clock.nowMs();
    injection = await guard(engine.inject(drill));
    writer.injection(injection);
    // An engine wired to the timeline reports its own injection, in order with its signals.
    if (!options.timeline) {
      if (injection.injected) record({ kind: 'fault-injected', detail: injection.targets.join(', ') });
      else record({ kind: 'fault-not-injected', detail: injection.reason });
    }
    if (injection.injected && !injection.aborted && !injection.error) {
      const recoveryMs = isoSeconds(spec.recoveryTimeout) * 1000;
      const probeRun = probe as ProbeRun;
      // Streams and jobs still running at the recovery bound are stopped (a lost job never ends by itself).
      const workDone = Promise.race([probeRun.workDone(), new Promise<void>((r) => setTimeout(r, recoveryMs).unref())]);
      const [, recovery] = await guard(Promise.all([workDone, engine.awaitRecovery(recoveryMs)]));
      const state = recovery.recovered ? undefined : engine.recoveryState?.();
      recoveryWait = { recovered: recovery.recovered, boundSeconds: recoveryMs / 1000, faultAtMs, endedAtMs: clock.nowMs(), state };
      record({ kind: recovery.recovered ? 'steady' : 'note', detail: recovery.recovered ? 'back to desired and healthy' : `not recovered within ${recoveryMs / 1000} s${state ? `: ${state}` : ''}` });
    }
  } catch (e) {
    if (e instanceof SteadyStateFailed) {
      error = e.message;
    } else if (e instanceof Aborted) {
      abortReason = e.message;
      record({ kind: 'aborted', detail: e.message });
    } else {
      thrown = { cause: e, inStart: !started };
      error = e instanceof Error ? e.message : String(e);
      record({ kind: 'note', detail: `error: ${error}` });
    }
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    if (probe) {
      await probe.stop().catch(() => undefined);
      record({ kind: 'probe-done', detail: `${probe.samples.streams.length} streams, ${probe.samples.requests.length} requests` });
    }
    try {
      readings = engine.metricReadings?.() ?? [];
    } catch {
      readings = [];
    }
    try {
      engineFigures = engine.figures();
    } catch (e) {
      engineFigures = {};
      error ??= `the engine's figures were lost: ${e instanceof Error ? e.message : String(e)}`;
    }
    await engine.close().catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      error ??= `closing the engine: ${message}`;
    });
  }

  const samples = probe?.samples ?? { streams: [], requests: [], jobs: [] };
  writer.samples({ ...samples, metrics: onRunClock(readings, Date.parse(clock.wallIso(0))) });
  const sent = probe ? kinds : { streams: false, requests: false, jobs: false };
  const figures: Figures = { ...measure(samples, injection?.targets ?? [], { kinds: sent, attributed: taskHeader !== undefined }), ...engineFigures };
  if (injection) figures['fault.targets'] ??= injection.targets.length;
  // The dependency drills: how long after the dependency returned requests still failed (the engine marks its return on the timeline).
  const backAtMs = needsDatabase(drill.fault) && injection?.injected && sent.requests ? dependencyBackAtOf(engine, writer.journal.timeline, Date.parse(clock.wallIso(0))) : undefined;
  const recoverySeconds = dependencyRecoverySeconds(samples.requests, backAtMs);
  if (recoverySeconds !== undefined) figures['dependency.recoverySeconds'] = recoverySeconds;
  const outcomeInjection = abortReason !== undefined ? { ...(injection ?? { injected: false, targets: [] }), aborted: abortReason } : injection;
  // dependency.recoverySeconds is read off the requests: without them the engine's claim to measure it does not stand.
  const measurable = (engine.measurable ?? []).filter((name) => name !== 'dependency.recoverySeconds' || sent.requests);
  const censored = censorFigures(drill.expect, figures, samples.streams, measurable, recoveryWait);
  const causes = explainFigures({ ...samples, timeline: writer.journal.timeline, faultTargets: injection?.targets ?? [] });
  const judgement = judge(figures, drill.expect, engine.mode, {
    injection: outcomeInjection,
    error,
    expectedStreams: spec.streams.count,
    expectedRequests: spec.requests.perSecond > 0,
    censored,
    causes,
    unmeasured: { ...engine.unmeasuredReasons?.(), ...unmeasuredReasons(profileKinds(traffic), drill.probe[engine.mode], engine.mode, taskHeader !== undefined) },
  });
  record({ kind: 'run-ended', detail: judgement.verdict });
  const { experimentId } = engine;
  if (experimentId) writer.set({ experimentId });
  await writer.finish({ endedAt: clock.wallIso(), figures, judgement });
  await writeReports(folder, writer.journal);
  return { drill: drill.id, runId, verdict: judgement.verdict, figures, judgement, evidence: folder.location, experimentId, ...(thrown ? { error: thrown } : {}) };
}

class SteadyStateFailed extends Error {}

/**
 * Polls the probe after the warm-up: steady as soon as every stream had its first event and
 * the requests answered; broken at the first failure; still pending after the grace
 * (the warm-up's length, 5 s at least) counts as broken.
 */
async function awaitSteadyState(probe: ProbeRun, spec: ProbeSpec, clock: Clock, labels: ProbeLabels): Promise<SteadyState> {
  const graceMs = Math.max(STEADY_GRACE_MIN_MS, isoSeconds(spec.warmup) * 1000);
  const deadline = clock.nowMs() + graceMs;
  for (;;) {
    const state = steadyState({ ...probe.samples, streamsWithFirstEvent: probe.streamsWithFirstEvent() }, spec, labels);
    if (state.state !== 'pending') return state;
    if (clock.nowMs() >= deadline) return { state: 'broken', problem: `${state.problem} ${((graceMs + isoSeconds(spec.warmup) * 1000) / 1000).toFixed(1)} s after the probe started` };
    await new Promise((resolve) => setTimeout(resolve, STEADY_POLL_MS));
  }
}

/** When the dependency was back, on the run's clock: the engine's own account (wall time), or the timeline's `fault-ended`. */
function dependencyBackAtOf(engine: Engine, timeline: readonly TimelineEvent[], originMs: number): number | undefined {
  if (!engine.dependencyBackAt) return dependencyBackAtMs(timeline);
  const at = engine.dependencyBackAt();
  return at === undefined ? undefined : at.getTime() - originMs;
}

/** Which kinds the traffic profile declares. */
function profileKinds(traffic: ResolvedTraffic): { streams: boolean; requests: boolean; jobs: boolean } {
  return { streams: traffic.streams !== undefined, requests: traffic.requests !== undefined, jobs: traffic.jobs !== undefined };
}

/** The drill's probe with the kinds the traffic profile lacks set to zero. */
function sentSpec(spec: ProbeSpec, kinds: { streams: boolean; requests: boolean; jobs: boolean }): ProbeSpec {
  return {
    ...spec,
    streams: { count: kinds.streams ? spec.streams.count : 0 },
    requests: { perSecond: kinds.requests ? spec.requests.perSecond : 0 },
    jobs: { count: kinds.jobs ? spec.jobs.count : 0 },
  };
}

/** How the gate names each kind: its call, and the setting that says it. */
function trafficLabels(traffic: ResolvedTraffic): ProbeLabels {
  const name = (c: { method: string; path: string } | undefined, setting: string) => (c ? `${c.method} ${c.path} (${setting})` : setting);
  return { stream: name(traffic.streams, 'streams.path'), request: name(traffic.requests, 'requests.path'), job: name(traffic.jobs?.submit, 'jobs.submit') };
}
