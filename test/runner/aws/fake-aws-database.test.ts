/**
 * The strict fake AWS of an app whose service has a database: it answers AWS/RDS metrics and FIS
 * RDS targets only for the Aurora cluster the synthesized workload defines, and refuses every
 * other name — the property that lets the database drills' tests over it fail.
 */
import { findDrill } from '../../../experiments';
import { windowQueries } from '../../../lib/runner/aws/metric-queries';
import { engineOnFake } from '../../fixtures/fake-aws/engine-on-fake';
import type { FakeDeployment } from '../../fixtures/fake-aws/fake-deployment';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

const setup = useFakeAws({ synth: { config: { service: { database: true }, drills: { deadMansSwitch: true } } } });
const QUICK = { initiatingMs: 50, runningMs: 300, stoppingMs: 50 };

describe('the strict fake AWS of a service with a database', () => {
  it('reads the Aurora cluster from the workload, and the runner reads its identifier from the outputs', async () => {
    const s = await setup();
    const [cluster] = s.fake.deployment.databaseClusters;
    expect(s.fake.deployment.databaseClusters).toHaveLength(1);
    expect(cluster.identifier).toMatch(/^[a-z0-9-]+$/);
    expect(cluster.arn).toBe(`arn:aws:rds:eu-west-1:111122223333:cluster:${cluster.identifier}`);
    expect(await s.deployed()).toMatchObject({ databaseClusterIdentifier: cluster.identifier, databasePort: 5432 });
  });

  it("answers DatabaseConnections for the workload's cluster only: another identifier or an extra dimension gets no data", async () => {
    const s = await setup({ scenario: { datapoints: { DatabaseConnections: [4, 11] } } });
    const deployed = await s.deployed();
    const [db] = windowQueries(deployed).filter((q) => q.namespace === 'AWS/RDS');
    const other = { ...db, id: 'other', dimensions: { DBClusterIdentifier: 'someone-elses-db' } };
    const extra = { ...db, id: 'extra', dimensions: { ...db.dimensions, Role: 'WRITER' } };
    const { series } = await s.apis().metrics.getMetricData([db, other, extra], new Date(Date.now() - 600_000), new Date());
    expect(series.find((x) => x.id === db.id)?.values).toEqual([4, 11]);
    expect(series.find((x) => x.id === 'other')?.values).toEqual([]);
    expect(series.find((x) => x.id === 'extra')?.values).toEqual([]);
  });

  it('resolves the failover template to the cluster by its ARN, and stops no task', async () => {
    const s = await setup({ scenario: QUICK });
    const { engine, drill } = await engineOnFake(s, { drillId: 'database-failover' });
    expect(await engine.inject(drill)).toEqual({ injected: true, targets: [s.fake.deployment.databaseClusters[0].arn] });
    expect(s.fake.state.runningNow()).toBe(s.fake.deployment.service.desiredCount);
  });

  it('leaves the tasks of a black hole running, and says when its action ended', async () => {
    const s = await setup({ scenario: { ...QUICK, faultMs: 60_000 } });
    const { engine, drill, template } = await engineOnFake(s, { drillId: 'dependency-outage' });
    expect(template.actions.map((a) => a.actionId)).toContain('aws:ecs:task-network-blackhole-port');
    const injection = await engine.inject(drill);
    expect(injection).toEqual({ injected: true, targets: s.fake.state.tasks.map((t) => t.id) });
    expect(s.fake.state.runningNow()).toBe(s.fake.deployment.service.desiredCount);
    const tasks = await s.apis().service.describeTasks(
      s.fake.deployment.cluster.name,
      s.fake.state.tasks.map((t) => t.arn),
    );
    expect(tasks.tasks.map((t) => t.lastStatus)).toEqual(s.fake.state.tasks.map(() => 'RUNNING'));
    const started = s.fake.state.experiments[0].createdAt + QUICK.initiatingMs;
    expect(engine.dependencyBackAt()?.getTime()).toBe(started + QUICK.runningMs);
  });

  it("counts a black hole's service recovered while its targets still run, and measures the dependency's recovery from FIS's end of the action", async () => {
    const s = await setup({ scenario: { ...QUICK, faultMs: 60_000 } });
    const { engine, drill } = await engineOnFake(s, { drillId: 'dependency-outage' });
    await engine.inject(drill);
    expect(await engine.awaitRecovery(10_000)).toEqual({ recovered: true });
    expect(engine.measurable).toEqual(['dependency.recoverySeconds']);
    expect(Object.keys(engine.unmeasuredReasons())).toContain('dependency.connects');
    expect(engine.unmeasuredReasons()['dependency.recoverySeconds']).toBeUndefined();
  });

  it("says why a failover's dependency figures are not measured on AWS once its experiment ran, and nothing before", async () => {
    const s = await setup({ scenario: QUICK });
    const { engine, drill } = await engineOnFake(s, { drillId: 'database-failover' });
    expect(engine.unmeasuredReasons()).toEqual({});
    await engine.inject(drill);
    expect(engine.measurable).toEqual([]);
    expect(Object.keys(engine.unmeasuredReasons()).sort()).toEqual(['dependency.connects', 'dependency.recoverySeconds']);
  });

  it('rejects a failover template that names another cluster: FIS resolves nothing, so nothing is injected', async () => {
    const elsewhere = (d: FakeDeployment): FakeDeployment => ({
      ...d,
      templates: d.templates.map((t) =>
        t.drillId === 'database-failover' ? { ...t, targets: { DatabaseCluster: { ResourceType: 'aws:rds:cluster', ResourceArns: ['arn:aws:rds:eu-west-1:111122223333:cluster:not-ours'] } } } : t,
      ),
    });
    const s = await setup({ scenario: QUICK, amend: elsewhere });
    const { engine, drill } = await engineOnFake(s, { drillId: 'database-failover' });
    expect(await engine.inject(findDrill('database-failover') ?? drill)).toEqual({ injected: false, targets: [], reason: 'FIS resolved zero targets' });
  });
});
