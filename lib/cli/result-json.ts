/**
 * Every JSON object a command prints with `--json` is built here (DESIGN "Interfaces": `--json`
 * on stdout, nothing else there). The preflight and doctor objects come from their own pure
 * formatters (preflightJson in lib/runner/aws/preflight-format.ts, doctorJson in
 * lib/guardrails/doctor/doctor-report.ts) and are only passed through here.
 */
import type { Drill, Figures } from '../drill';
import type { HistoryLine } from '../report/history-line';
import type { StopOutcome } from '../runner/aws/stop-experiments';
import type { Verdict } from '../runner/verdict';

/** A run as the commands hold it: a RunResult, a summary line, a reported experiment. */
export interface RunSummary {
  readonly drill: string;
  readonly verdict: Verdict;
  readonly figures: Figures;
  /** The run's evidence folder. */
  readonly evidence: string;
  /** The FIS experiment (aws mode). */
  readonly experimentId?: string;
}

/** `rehearse`, `run` and `report`: `{"verdict", "runs": [{"drill", "verdict", "figures", "evidence", "experimentId"?}]}`; `runs` is empty when nothing started. */
export function runsJson(verdict: Verdict, runs: readonly RunSummary[]): { verdict: Verdict; runs: object[] } {
  return {
    verdict,
    runs: runs.map((r) => ({ drill: r.drill, verdict: r.verdict, figures: r.figures, evidence: r.evidence, ...(r.experimentId ? { experimentId: r.experimentId } : {}) })),
  };
}

/**
 * `run --remote` when the runner task ended without a finished journal (it refused its command
 * line or config, exit 2; refused before the drill, 3; stopped mid-run, 1):
 * `{"verdict": <verdict> | null, "runs": [], "exitCode", "reason", "runnerLog": [its last lines]}`.
 * `verdict` is null only for exit 2, where no run took place.
 */
export function remoteEndedJson(e: { readonly verdict?: Verdict; readonly exitCode: number; readonly reason: string; readonly runnerLog: readonly string[] }): object {
  return { verdict: e.verdict ?? null, runs: [], exitCode: e.exitCode, reason: e.reason, runnerLog: e.runnerLog };
}

/** One game-day schedule `game-days pause|resume` looked at: the state it had, the one asked, whether it was changed, and why not when it failed. */
export interface ScheduleChange {
  readonly group: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly changed: boolean;
  readonly error?: string;
}

/** `game-days pause|resume`: `{"action", "ok": every schedule is in the asked state, "schedules": [{"group", "name", "from", "to", "changed", "error"?}]}`. */
export function gameDaysJson(action: string, changes: readonly ScheduleChange[]): { action: string; ok: boolean; schedules: readonly ScheduleChange[] } {
  return { action, ok: changes.every((c) => c.error === undefined), schedules: changes };
}

/** `stop`: `{"ok": every experiment stopped or already ended, "experiments": [{"id", "status", "ok", "detail"}]}`. */
export function stopJson(outcomes: readonly StopOutcome[]): { ok: boolean; experiments: readonly StopOutcome[] } {
  return { ok: outcomes.every((o) => o.ok), experiments: outcomes };
}

/** `history`: `{"root", "index": its index.html (absent when none was written), "runs": [one line per run, oldest first]}`. */
export function historyJson(root: string, index: string | undefined, runs: readonly HistoryLine[]): { root: string; index?: string; runs: readonly HistoryLine[] } {
  return { root, ...(index === undefined ? {} : { index }), runs };
}

/** `list`: `[{"id", "title", "fault", "hypothesis"}]`. */
export function drillListJson(drills: readonly Drill[]): object[] {
  return drills.map((d) => ({ id: d.id, title: d.title, fault: d.fault, hypothesis: d.hypothesis }));
}
