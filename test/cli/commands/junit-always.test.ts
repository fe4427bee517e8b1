/**
 * `--junit <file>` always leaves a file once the command knows its drills: `drills run` over the
 * strict fake AWS when the runner core throws, AWS cannot be read or preflight refuses, and
 * `drills rehearse` when its traffic profile is unreadable or its runner throws. Each file is
 * parsed (xmlbuilder2) and its test case read: the verdict's element and the command's message.
 */
import { EventEmitter } from 'events';
import { promises as fs } from 'fs';
import * as path from 'path';
import { create } from 'xmlbuilder2';
import { rehearseCommand } from '../../../lib/cli/commands/rehearse';
import { runCommand } from '../../../lib/cli/commands/run';
import { recordingIoHost } from '../../../lib/cli/recording-io-host';
import type { runDrill } from '../../../lib/runner/run-drill';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

const setupFake = useFakeAws();

interface Case {
  readonly name: string;
  /** `failure`, `error` or `skipped`, with its attributes and text; undefined for a test case that passed. */
  readonly outcome?: { readonly kind: string; readonly message: string; readonly type: string; readonly text: string };
  readonly properties: Record<string, string>;
}

/** The test cases of a JUnit file, as CI reads them; a malformed file throws. */
async function junitCases(file: string): Promise<Case[]> {
  type El = { tagName: string; getAttribute(n: string): string | null; textContent: string | null; childNodes: ArrayLike<El>; getElementsByTagName(n: string): ArrayLike<El> };
  const root = create(await fs.readFile(file, 'utf8')).root().node as unknown as El;
  return Array.from(root.getElementsByTagName('testcase')).map((c) => {
    const outcome = Array.from(c.childNodes).find((n) => ['failure', 'error', 'skipped'].includes(n.tagName));
    const properties = Object.fromEntries(Array.from(c.getElementsByTagName('property')).map((p) => [p.getAttribute('name') ?? '', p.getAttribute('value') ?? '']));
    return {
      name: c.getAttribute('name') ?? '',
      outcome: outcome && { kind: outcome.tagName, message: outcome.getAttribute('message') ?? '', type: outcome.getAttribute('type') ?? '', text: outcome.textContent ?? '' },
      properties,
    };
  });
}

async function setup() {
  const s = await setupFake({ scenario: { initiatingMs: 50, stoppingMs: 100 } });
  const deps = {
    probe: async () => ({ ok: true, detail: 'stub' }),
    trafficCheck: async () => [],
    interactive: false,
    signals: new EventEmitter() as never,
    newRunId: () => 'run-junit-1',
    engineTimings: { recoveryPollMs: 100, runningPollMs: 100 },
  };
  return { ...s, deps, junit: path.join(s.dir, 'ci', 'junit.xml'), out: path.join(s.dir, 'evidence') };
}

describe('drills run --junit when the drill gives no verdict', () => {
  it('writes an error test case carrying the message when the runner core throws', async () => {
    const { outputs, io, deps, junit, out } = await setup();
    const throwing: typeof runDrill = async () => {
      throw new Error('disk full while writing the journal');
    };
    expect(await runCommand({ drill: 'task-stop-drain', outputs, yes: true, junit, out }, io, { ...deps, runDrill: throwing })).toBe(5);
    const [only, ...more] = await junitCases(junit);
    expect(more).toEqual([]);
    expect(only.name).toBe('task-stop-drain: Cooperative task stop drains in-flight streams');
    expect(only.outcome).toMatchObject({ kind: 'error', type: 'ERROR', message: expect.stringContaining('disk full while writing the journal') });
    expect(only.properties).toEqual({ verdict: 'ERROR' });
  });

  it('writes an error test case when AWS cannot be read (the outputs file is missing)', async () => {
    const { io, deps, junit, dir } = await setup();
    expect(await runCommand({ drill: 'task-stop-drain', outputs: path.join(dir, 'missing.json'), yes: true, junit }, io, deps)).toBe(2);
    const [only] = await junitCases(junit);
    expect(only.outcome).toMatchObject({ kind: 'error', type: 'ERROR', message: expect.stringMatching(/^ERROR: drills run: .*cannot read outputs file .*missing\.json/) });
  });

  it('writes a skipped test case (ABORTED) with the reason when preflight refuses', async () => {
    const s = await setupFake({ scenario: { alarmStates: { 'drills-demo-error-rate': 'ALARM' } } });
    const junit = path.join(s.dir, 'junit.xml');
    const code = await runCommand({ drill: 'task-stop-drain', outputs: s.outputs, yes: true, junit, out: path.join(s.dir, 'evidence') }, s.io, {
      probe: async () => ({ ok: true, detail: 'stub' }),
      trafficCheck: async () => [],
      interactive: false,
      signals: new EventEmitter() as never,
    });
    expect(code).toBe(3);
    const [only] = await junitCases(junit);
    expect(only.outcome).toMatchObject({ kind: 'skipped', type: 'ABORTED', message: expect.stringMatching(/aborted: refused by preflight \(alarm drills-demo-error-rate/) });
  });

  it('keeps the file of a run that gave its verdict, and writes none for an unknown drill', async () => {
    const { outputs, io, deps, junit, out } = await setup();
    const held: typeof runDrill = async ({ drill, runId }) => ({
      drill: drill.id,
      runId: runId ?? 'r',
      verdict: 'HELD',
      figures: {},
      evidence: path.join(out, drill.id, runId ?? 'r'),
      judgement: { verdict: 'HELD', expectations: [], reasons: ['every judged expectation held (5 of 5)'], notJudged: [] },
    });
    expect(await runCommand({ drill: 'task-stop-drain', outputs, yes: true, junit, out }, io, { ...deps, runDrill: held })).toBe(0);
    expect((await junitCases(junit)).map((c) => [c.properties.verdict, c.outcome])).toEqual([['HELD', undefined]]);
    await fs.rm(junit);
    expect(await runCommand({ drill: 'no-such-drill', outputs, yes: true, junit }, io, deps)).toBe(2);
    await expect(fs.stat(junit)).rejects.toThrow(/ENOENT/);
  });
});

describe('drills rehearse --junit when the drills give no verdict', () => {
  it('writes an error test case per drill with the message when the traffic profile cannot be read', async () => {
    const { dir } = await setup();
    const junit = path.join(dir, 'junit.xml');
    const io = recordingIoHost();
    const code = await rehearseCommand({ ids: ['task-stop-drain', 'task-hard-kill'], traffic: path.join(dir, 'no-traffic.json'), junit, out: path.join(dir, 'evidence') }, io);
    expect(code).toBe(2);
    const cases = await junitCases(junit);
    expect(cases.map((c) => [c.name.split(':')[0], c.outcome?.kind, c.outcome?.type])).toEqual([
      ['task-stop-drain', 'error', 'ERROR'],
      ['task-hard-kill', 'error', 'ERROR'],
    ]);
    expect(cases[0].outcome?.message).toMatch(/no-traffic\.json/);
  });

  it('writes an error test case for the drill whose runner threw and a skipped one for each drill after it', async () => {
    const { dir } = await setup();
    const junit = path.join(dir, 'junit.xml');
    // The evidence root is under a file: the runner cannot create the run's folder and throws.
    await fs.writeFile(path.join(dir, 'a-file'), 'not a folder');
    const io = recordingIoHost();
    await expect(rehearseCommand({ ids: ['task-stop-drain', 'task-hard-kill'], junit, out: path.join(dir, 'a-file', 'evidence') }, io)).rejects.toThrow(/ENOTDIR/);
    const cases = await junitCases(junit);
    expect(cases.map((c) => [c.name.split(':')[0], c.outcome?.kind, c.outcome?.type])).toEqual([
      ['task-stop-drain', 'error', 'ERROR'],
      ['task-hard-kill', 'skipped', 'ABORTED'],
    ]);
    expect(cases[0].outcome?.message).toMatch(/^ERROR: the runner failed: could not write .*journal\.json: .*ENOTDIR/);
    expect(cases[0].properties.evidence).toBeUndefined();
    expect(cases[1].outcome?.message).toBe('ABORTED: not run: task-stop-drain failed first');
  });
});
