/**
 * Preflight of one drill against an opened target, as `drills preflight` and `drills run` both
 * need it: the AWS checks (lib/runner/aws/preflight.ts), then the service's traffic contract
 * through its URL (health, then one call of each kind the drill sends).
 */
import type { Drill } from '../drill';
import { inTaskActionsOf } from '../fis/task-action-prerequisites';
import { runPreflight, type PreflightOutcome } from '../runner/aws/preflight';
import { monotonicClock } from '../runner/clock';
import { probeKinds } from '../runner/probe';
import { checkTraffic } from '../runner/probe/check-traffic';
import { newRunId } from '../runner/run-id';
import type { ResolvedTraffic } from '../traffic';
import type { AwsCommandDeps, AwsTarget, AwsTargetArgs } from './aws-target';

export interface PreflightArgs extends AwsTargetArgs {
  readonly drill: string;
  /** A traffic profile file; wins over the config's service.traffic. */
  readonly traffic?: string;
  readonly allowInsufficientData?: boolean;
  readonly dryRun?: boolean;
}

/** The service's traffic, checked by preflight and sent by run. */
export interface PreflightTraffic {
  readonly resolved: ResolvedTraffic;
  readonly healthPath: string;
}

export interface PreflightFor {
  readonly args: PreflightArgs;
  readonly drill: Drill;
  readonly target: AwsTarget;
  readonly deps: AwsCommandDeps;
  /** Ends a `--dry-run` wait (its skip-all experiment is then stopped). */
  readonly signal?: AbortSignal;
  /** Checked through the service URL when given. */
  readonly traffic?: PreflightTraffic;
}

/** Every check's outcome (ok only when all passed); AWS errors become failed checks. Throws only what runPreflight or the traffic check throw. */
export async function preflightFor(req: PreflightFor): Promise<PreflightOutcome> {
  const { args, drill, deps, traffic } = req;
  const { session, deployed } = req.target;
  const outcome = await runPreflight({
    apis: session.apis,
    deployed,
    drillId: drill.id,
    expected: { account: args.account, region: args.region },
    allowInsufficientData: args.allowInsufficientData,
    probe: deps.probe,
    inTaskActions: inTaskActionsOf(drill),
    dryRun: args.dryRun ? { runId: (deps.newRunId ?? newRunId)(), signal: req.signal } : undefined,
  });
  if (!traffic) return outcome;
  const kinds = probeKinds(drill.probe.aws, traffic.resolved);
  const found = await (deps.trafficCheck ?? checkTraffic)(deployed.serviceUrl, traffic.resolved, monotonicClock(), { healthPath: traffic.healthPath, kinds });
  const checks = [...outcome.checks, ...found.map((c) => ({ ...c, name: `traffic: ${c.name}` }))];
  return { ...outcome, checks, ok: checks.every((c) => c.ok) };
}
