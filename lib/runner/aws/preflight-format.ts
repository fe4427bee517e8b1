/** Pure formatters for preflight results: one line per check, and the DESIGN JSON shape. */
import type { PreflightCheck, PreflightResult } from './preflight-checks';

export function preflightLines(checks: readonly PreflightCheck[]): string[] {
  const width = Math.max(0, ...checks.map((c) => c.name.length));
  return checks.map((c) => `${c.ok ? 'ok    ' : 'FAILED'}  ${c.name.padEnd(width)}  ${c.detail}`);
}

export function preflightSummary(result: PreflightResult): string {
  const failed = result.checks.filter((c) => !c.ok).length;
  return result.ok ? `preflight passed: ${result.checks.length} checks` : `preflight failed: ${failed} of ${result.checks.length} checks`;
}

/** `{"ok": bool, "checks": [{"name", "ok", "detail"}]}` — nothing else. */
export function preflightJson(result: PreflightResult): { ok: boolean; checks: PreflightCheck[] } {
  return { ok: result.ok, checks: result.checks.map(({ name, ok, detail }) => ({ name, ok, detail })) };
}
