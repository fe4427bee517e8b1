/** Pure formatters for `drills doctor`: the JSON object of DESIGN, and one line per finding. */
import { formatFinding, formatNote, formatSuppressed } from '../format-finding';
import type { Evaluation, Finding } from '../types';

export interface DoctorJson {
  readonly findings: readonly Finding[];
}

export const doctorJson = (e: Evaluation): DoctorJson => ({
  findings: e.findings.map(({ rule, severity, resource, message }) => ({ rule, severity, resource, message })),
});

/** Findings and suppressions (the result) for stdout. */
export const doctorLines = (e: Evaluation): string[] => [...e.findings.map(formatFinding), ...e.suppressed.map(formatSuppressed)];

/** Notes (rules that could not judge) and the count, for stderr. */
export function doctorSummary(e: Evaluation, resources: number, templates: number): string[] {
  const errors = e.findings.filter((f) => f.severity === 'error').length;
  const warnings = e.findings.length - errors;
  return [...e.notes.map(formatNote), `drills doctor: ${templates} template(s), ${resources} resource(s): ${errors} error(s), ${warnings} warning(s), ${e.suppressed.length} suppressed`];
}
