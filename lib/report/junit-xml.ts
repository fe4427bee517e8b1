/**
 * Drill runs → JUnit XML for CI: one `<testcase>` per drill; VIOLATED is a `<failure>`, ERROR
 * and NOT_INJECTED an `<error>` (the drill showed nothing), ABORTED `<skipped>`; each carries
 * the verdict's reasons (first one as the message, all in the body). The evidence folder, run
 * id and verdict are `<property>`s of the test case. Built with xmlbuilder2, which escapes text
 * and attributes and keeps the document well-formed. Pure.
 */
import { create } from 'xmlbuilder2';
import type { Verdict } from '../runner/verdict';

export interface JunitRun {
  readonly drill: string;
  /** The drill's title, shown after its id. */
  readonly title?: string;
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
  /** The run's evidence folder (journal.json, report.md, report.html); absent when the command ended before a run wrote any. */
  readonly evidence?: string;
  readonly runId?: string;
  readonly experimentId?: string;
  readonly mode?: string;
  /** Seconds the run took, when known. */
  readonly seconds?: number;
}

const OUTCOME: Record<Verdict, 'failure' | 'error' | 'skipped' | undefined> = {
  HELD: undefined,
  VIOLATED: 'failure',
  ERROR: 'error',
  NOT_INJECTED: 'error',
  ABORTED: 'skipped',
};

/** `suite` names the test suite (e.g. `drills rehearse`); `timestamp` is an ISO time. */
export function junitXml(suite: string, runs: readonly JunitRun[], timestamp: string): string {
  const count = (kind: 'failure' | 'error' | 'skipped'): number => runs.filter((r) => OUTCOME[r.verdict] === kind).length;
  const time = runs.reduce((s, r) => s + (r.seconds ?? 0), 0).toFixed(3);
  const totals = { tests: runs.length, failures: count('failure'), errors: count('error'), skipped: count('skipped'), time };
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const suites = doc.ele('testsuites', { name: 'fis-drills', ...strings(totals) });
  const suiteEl = suites.ele('testsuite', { name: suite, timestamp: timestamp.replace(/\.\d+Z$/, 'Z').replace(/Z$/, ''), ...strings(totals) });
  for (const run of runs) {
    const test = suiteEl.ele('testcase', {
      classname: `fis-drills.${run.mode ?? 'drill'}`,
      name: run.title ? `${run.drill}: ${run.title}` : run.drill,
      time: (run.seconds ?? 0).toFixed(3),
    });
    const props = test.ele('properties');
    const property = (name: string, value: string | undefined): void => {
      if (value !== undefined) props.ele('property', { name, value });
    };
    property('verdict', run.verdict);
    property('evidence', run.evidence);
    property('runId', run.runId);
    property('experimentId', run.experimentId);
    const kind = OUTCOME[run.verdict];
    if (kind !== undefined) {
      const reasons = run.reasons.length > 0 ? run.reasons : [`${run.verdict} with no reason recorded`];
      test.ele(kind, { message: `${run.verdict}: ${reasons[0]}`, type: run.verdict }).txt(reasons.join('\n'));
    }
    test.ele('system-out').txt(`verdict ${run.verdict}\nevidence ${run.evidence ?? 'none written'}\n${run.reasons.map((r) => `- ${r}`).join('\n')}`);
  }
  return doc.end({ prettyPrint: true });
}

function strings(values: Record<string, number | string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}
