/**
 * `drills run dependency-outage | database-failover` end to end on AWS figures: the real runner
 * core over the FIS engine, real SDK clients against the strict fake AWS built from the app
 * synthesized with `service.database` on (the Aurora cluster, its outputs, the black-hole and
 * failover templates), and the demo service as the probe's target. The drills are the
 * catalogue's, with a probe short enough for a test (same expectations, same bounds).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { runCommand } from '../../../lib/cli/commands/run';
import type { ExpectationResult } from '../../../lib/runner/judge';
import { journalSchema } from '../../../lib/runner/journal-schema';
import { useFakeAws, type SetupOptions } from '../../fixtures/fake-aws/fake-aws-setup';
import { fakeRunDeps } from '../../helpers/quick-aws-drill';
import { startService, stopAllServices, type ServiceProcess } from '../../helpers/service-process';

const DATABASE_APP = { config: { service: { database: true }, drills: { deadMansSwitch: true } } };
const setup = useFakeAws({ synth: DATABASE_APP });
let service: ServiceProcess | undefined;

async function run(drillId: string, options: SetupOptions) {
  if (!service) throw new Error('the probe target did not start (beforeAll)');
  const s = await setup({ ...options, serviceUrl: `http://127.0.0.1:${service.port}` });
  const deps = fakeRunDeps(drillId);
  const code = await runCommand({ drill: drillId, outputs: s.outputs, yes: true, json: true, out: path.join(s.dir, 'evidence') }, s.io, deps);
  const result = JSON.parse(s.out.join('')) as { verdict: string; runs: { figures: Record<string, number>; evidence: string }[] };
  const journal = JSON.parse(await fs.readFile(path.join(result.runs[0].evidence, 'journal.json'), 'utf8')) as {
    figures: Record<string, number>;
    judgement: { verdict: string; reasons: string[]; notJudged: string[]; expectations: ExpectationResult[] };
    timeline: { kind: string; detail?: string }[];
  };
  const expectation = (figure: string) => journal.judgement.expectations.find((e) => e.figure === figure);
  return { code, journal, figures: result.runs[0].figures, fake: s.fake, expectation };
}

// The probe's target, shared by the file's runs: started before them with a bound of its own, so
// the first test does not pay for it (it took twice the others' time under load and hit its timeout).
beforeAll(async () => {
  service = await startService({ env: { TASK_ID: 'off-target-task', ZONE: 'eu-west-1b' } });
}, 120_000);

afterAll(async () => {
  await stopAllServices();
});

const FLEET = { RequestCount: [120], HealthyHostCount: [2, 2], RunningTaskCount: [2, 2] };

describe('drills run of the database drills over the strict fake AWS', () => {
  it('holds a dependency outage: no task replaced, requests fast, recovery counted from the end of the black hole', async () => {
    const { code, journal, figures, fake, expectation } = await run('dependency-outage', {
      scenario: { initiatingMs: 100, runningMs: 1200, datapoints: { ...FLEET, DatabaseConnections: [6, 9, 7] } },
    });
    expect({ code, verdict: journal.judgement.verdict }).toEqual({ code: 0, verdict: 'HELD' });
    expect(figures).toMatchObject({ 'tasks.replaced': 0, 'dependency.recoverySeconds': 0, 'dependency.connections.peak': 9, 'fault.targets': fake.state.tasks.length });
    expect(figures['requests.p99Ms']).toBeLessThanOrEqual(3000);
    // Recovery is the service steady again: the black hole's targets keep running, they are not waited out as stopped.
    expect(figures['recovery.seconds']).toBeLessThan(10);
    expect(journal.figures).toEqual(figures);
    for (const figure of ['tasks.replaced', 'requests.p99Ms', 'dependency.recoverySeconds', 'streams.broken']) expect(expectation(figure)?.held).toBe(true);
    expect(journal.timeline).toContainEqual(expect.objectContaining({ kind: 'fault-ended', detail: expect.stringMatching(/^black hole lifted: FIS ended its action at /) }));
    // One GetMetricData call for the window, the cluster's connection count in it.
    const calls = fake.state.callsTo('GetMetricData').map((c) => JSON.stringify(c.input));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain(`"Namespace":"AWS/RDS","MetricName":"DatabaseConnections","Dimensions":[{"Name":"DBClusterIdentifier","Value":"${fake.deployment.databaseClusters[0].identifier}"}]`);
    expect(journalSchema.safeParse(journal).error).toBeUndefined();
  }, 90_000);

  it('fails as VIOLATED on tasks.replaced when a health check that needs the database replaced a task during the outage', async () => {
    const { code, journal, figures } = await run('dependency-outage', {
      scenario: { initiatingMs: 100, runningMs: 1200, faultMs: 1000, healthCheckReplaced: 1, datapoints: { ...FLEET, DatabaseConnections: [6, 9, 7] } },
    });
    expect({ code, verdict: journal.judgement.verdict }).toEqual({ code: 1, verdict: 'VIOLATED' });
    expect(figures['tasks.replaced']).toBe(1);
    expect(journal.judgement.reasons.join('\n')).toMatch(/tasks\.replaced = 1 breaks <= 0/);
  }, 90_000);

  it('fails as VIOLATED when the connection peak after the failover is above the pools’ budget, leaving what AWS cannot measure not judged', async () => {
    const { code, journal, figures, fake, expectation } = await run('database-failover', {
      scenario: { initiatingMs: 100, runningMs: 800, datapoints: { ...FLEET, DatabaseConnections: [12, 57, 20] } },
    });
    expect({ code, verdict: journal.judgement.verdict }).toEqual({ code: 1, verdict: 'VIOLATED' });
    expect(figures).toMatchObject({ 'dependency.connections.peak': 57, 'fault.targets': 1, 'streams.broken': 0 });
    expect(journal.judgement.reasons.join('\n')).toMatch(/dependency\.connections\.peak = 57 breaks <= 40/);
    expect(journal.judgement.notJudged.sort()).toEqual(['dependency.connects', 'dependency.recoverySeconds']);
    expect(expectation('dependency.connects')?.notJudgedWhy).toMatch(/no CloudWatch metric of Aurora PostgreSQL counts connection attempts/);
    expect(expectation('dependency.recoverySeconds')?.notJudgedWhy).toMatch(/failover is not in FIS's account/);
    // FIS resolved the workload's own cluster, by its ARN.
    expect(fake.deployment.databaseClusters).toHaveLength(1);
    expect(journal.timeline.map((e) => e.detail ?? '')).toContainEqual(expect.stringContaining(fake.deployment.databaseClusters[0].arn));
  }, 90_000);

  it('holds a failover whose connection peak stays within the budget', async () => {
    const { code, journal, figures } = await run('database-failover', {
      scenario: { initiatingMs: 100, runningMs: 800, datapoints: { ...FLEET, DatabaseConnections: [12, 31, 20] } },
    });
    expect({ code, verdict: journal.judgement.verdict }).toEqual({ code: 0, verdict: 'HELD' });
    expect(figures['dependency.connections.peak']).toBe(31);
  }, 90_000);
});
