import { create } from 'xmlbuilder2';
import { junitXml, type JunitRun } from '../../lib/report/junit-xml';
import { unfinishedRuns } from '../../lib/report/unfinished-runs';

const run = (drill: string, verdict: JunitRun['verdict'], reasons: string[]): JunitRun => ({
  drill,
  title: `${drill} title`,
  verdict,
  reasons,
  evidence: `ev/${drill}/r1`,
  runId: 'r1',
  mode: 'local',
  seconds: 7.25,
});

/** The part of the DOM these tests read (xmlbuilder2 parses into a DOM; a malformed document throws). */
interface Element {
  readonly tagName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly childNodes: ArrayLike<unknown>;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<Element>;
}

const dom = (xml: string): Element => create(xml).root().node as unknown as Element;
const cases = (xml: string): Element[] => Array.from(dom(xml).getElementsByTagName('testcase'));
const attrs = (el: Element | undefined): Record<string, string> => Object.fromEntries(Array.from(el?.attributes ?? []).map((a) => [a.name, a.value]));
const child = (el: Element, name: string): Element | undefined => (Array.from(el.childNodes) as Element[]).find((n) => (n as Element).tagName === name);

describe('junitXml', () => {
  const runs = [
    run('held', 'HELD', ['every judged expectation held (4 of 4)']),
    run('violated', 'VIOLATED', ['streams.broken = 2 breaks <= 0: 2 reset on t1', 'recovery.seconds = 30 breaks <= 20']),
    run('error', 'ERROR', ['error: the service did not come up']),
    run('not-injected', 'NOT_INJECTED', ['fault not injected: no targets']),
    run('aborted', 'ABORTED', ['aborted: operator abort (SIGINT)']),
  ];
  const xml = junitXml('drills rehearse', runs, '2026-11-30T12:00:00.000Z');

  it('counts tests, failures, errors and skipped on the suite', () => {
    const suite = dom(xml).getElementsByTagName('testsuite')[0];
    expect(attrs(suite)).toEqual({ name: 'drills rehearse', tests: '5', failures: '1', errors: '2', skipped: '1', time: '36.250', timestamp: '2026-11-30T12:00:00' });
  });

  it('has one test case per drill, a held one with neither failure nor error', () => {
    const all = cases(xml);
    expect(all.map((c) => c.getAttribute('name'))).toEqual(['held: held title', 'violated: violated title', 'error: error title', 'not-injected: not-injected title', 'aborted: aborted title']);
    expect(['failure', 'error', 'skipped'].map((k) => child(all[0], k))).toEqual([undefined, undefined, undefined]);
  });

  it('fails a VIOLATED drill with every reason, the first as the message', () => {
    const failure = child(cases(xml)[1], 'failure') as Element;
    expect(attrs(failure)).toEqual({ message: 'VIOLATED: streams.broken = 2 breaks <= 0: 2 reset on t1', type: 'VIOLATED' });
    expect(failure.textContent).toBe('streams.broken = 2 breaks <= 0: 2 reset on t1\nrecovery.seconds = 30 breaks <= 20');
  });

  it('reports ERROR and NOT_INJECTED as errors and ABORTED as skipped, with their reasons', () => {
    const [, , error, notInjected, aborted] = cases(xml);
    expect(attrs(child(error, 'error'))).toMatchObject({ type: 'ERROR' });
    expect(child(error, 'error')?.textContent).toBe('error: the service did not come up');
    expect(attrs(child(notInjected, 'error'))).toEqual({ type: 'NOT_INJECTED', message: 'NOT_INJECTED: fault not injected: no targets' });
    expect(attrs(child(aborted, 'skipped'))).toEqual({ type: 'ABORTED', message: 'ABORTED: aborted: operator abort (SIGINT)' });
  });

  it('names the evidence folder as a property of each test case', () => {
    const props = Array.from(cases(xml)[1].getElementsByTagName('property')).map(attrs);
    expect(props).toContainEqual({ name: 'evidence', value: 'ev/violated/r1' });
    expect(props).toContainEqual({ name: 'verdict', value: 'VIOLATED' });
  });

  it('escapes reasons that hold markup, so the XML stays well-formed', () => {
    const tricky = junitXml('s', [run('x', 'VIOLATED', ['a <b> & "c" ]]> d'])], '2026-11-30T12:00:00Z');
    expect(child(cases(tricky)[0], 'failure')?.textContent).toBe('a <b> & "c" ]]> d');
  });
});

describe('unfinishedRuns', () => {
  it('turns a command that stopped before any verdict into an error per known drill, carrying its message, with no evidence property', () => {
    const runs = unfinishedRuns([{ id: 'task-stop-drain', title: 'Cooperative task stop' }], 5, ['drills run: cannot read outputs file x.json: ENOENT\n'], 'aws');
    expect(runs).toEqual([{ drill: 'task-stop-drain', title: 'Cooperative task stop', verdict: 'ERROR', reasons: ['drills run: cannot read outputs file x.json: ENOENT'], mode: 'aws' }]);
    const error = child(cases(junitXml('drills run', runs, '2026-11-30T12:00:00.000Z'))[0], 'error') as Element;
    expect(attrs(error)).toEqual({ message: 'ERROR: drills run: cannot read outputs file x.json: ENOENT', type: 'ERROR' });
    expect(junitXml('drills run', runs, '2026-11-30T12:00:00.000Z')).not.toContain('name="evidence"');
  });

  it('follows the exit code: 3 is ABORTED (skipped), 4 NOT_INJECTED; with no message it says the exit code', () => {
    expect(unfinishedRuns([{ id: 'a' }, { id: 'b' }], 3, ['refused by preflight'], 'aws').map((r) => r.verdict)).toEqual(['ABORTED', 'ABORTED']);
    expect(unfinishedRuns([{ id: 'a' }], 4, [], 'local')[0]).toMatchObject({ verdict: 'NOT_INJECTED', reasons: ['the command ended with exit code 4 before the drill gave a verdict'] });
  });
});
