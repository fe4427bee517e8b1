/** Test support: synthesizes an app and reads the guardrail plugin's part of CDK's validation report. */
import * as fs from 'fs';
import * as path from 'path';
import type { App } from 'aws-cdk-lib';

export interface ReportedViolation {
  readonly rule: string;
  readonly severity: string;
  readonly path: string;
  readonly description: string;
  /** The acknowledgement's reason, for a suppressed finding. */
  readonly reason?: string;
}

export interface SynthOutcome {
  /** Synth threw (a violation of a failing severity, or another synth error). */
  readonly failed: boolean;
  readonly error?: string;
  readonly violations: readonly ReportedViolation[];
  readonly suppressed: readonly ReportedViolation[];
}

interface ReportViolation {
  ruleName: string;
  severity?: string;
  description: string;
  reason?: string;
  violatingConstructs: { constructPath: string }[];
}

const flat = (vs: readonly ReportViolation[] = []): ReportedViolation[] =>
  vs.flatMap((v) => v.violatingConstructs.map((c) => ({ rule: v.ruleName, severity: v.severity ?? '', path: c.constructPath, description: v.description, ...(v.reason ? { reason: v.reason } : {}) })));

export function synthWithReport(app: App, plugin = 'fis-drills-guardrails'): SynthOutcome {
  let error: string | undefined;
  try {
    app.synth();
  } catch (e) {
    error = (e as Error).message;
  }
  const file = path.join(app.outdir, 'validation-report.json');
  const report = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { pluginReports: { pluginName: string; violations?: ReportViolation[]; suppressedViolations?: ReportViolation[] }[] })
    : { pluginReports: [] };
  const mine = report.pluginReports.filter((r) => r.pluginName === plugin);
  return {
    failed: error !== undefined,
    ...(error ? { error } : {}),
    violations: mine.flatMap((r) => flat(r.violations)),
    suppressed: mine.flatMap((r) => flat(r.suppressedViolations)),
  };
}

/** The violations of severity `error`, as `path: description`. */
export const errorsOf = (outcome: SynthOutcome): string[] => outcome.violations.filter((v) => v.severity === 'error').map((v) => `${v.path}: ${v.description}`);
