import { healthCheckSkipsDatabase } from '../../../lib/guardrails/rules/drain/health-check-skips-database';
import { noFullSelectionInProduction } from '../../../lib/guardrails/rules/fis/no-full-selection-in-production';
import { taskActionsPrerequisites } from '../../../lib/guardrails/rules/fis/task-actions-prerequisites';
import { appContainer, compliantTemplate, judge, withEdit, type Props } from '../fixture';

const TD = 'TaskDefinition';
const withHealthCommand = (command: string[], edit: (app: Props) => void = () => undefined) =>
  withEdit(TD, (p) => {
    appContainer(p).HealthCheck.Command = command;
    edit(appContainer(p));
  });

describe('DRILL-DRAIN-14 the container health check does not reach the database', () => {
  it('accepts a health check of the process alone (node healthcheck.js)', () => {
    expect(judge(healthCheckSkipsDatabase, compliantTemplate(), TD).compliance).toBe('compliant');
  });
  it('accepts a plain HTTP health endpoint on the app port', () => {
    expect(judge(healthCheckSkipsDatabase, withHealthCommand(['CMD-SHELL', 'curl -f http://localhost:8080/healthz || exit 1']), TD).compliance).toBe('compliant');
  });
  it('does not judge a task definition without a health check (DRILL-DRAIN-3 says so)', () => {
    expect(
      judge(
        healthCheckSkipsDatabase,
        withEdit(TD, (p) => delete appContainer(p).HealthCheck),
        TD,
      ).compliance,
    ).toBe('not-applicable');
  });
  it('fails a container that sets HEALTH_CHECK_DATABASE=true (the demo switch that puts the database on its check)', () => {
    const t = withEdit(TD, (p) => appContainer(p).Environment.push({ Name: 'HEALTH_CHECK_DATABASE', Value: 'true' }));
    expect(judge(healthCheckSkipsDatabase, t, TD)).toEqual({ compliance: 'non-compliant', detail: 'container app: HEALTH_CHECK_DATABASE=true puts the database on its health check' });
  });
  it('fails a health check that runs pg_isready against the database', () => {
    const r = judge(healthCheckSkipsDatabase, withHealthCommand(['CMD-SHELL', 'pg_isready -h "$DB" -p 5433']), TD);
    expect(r).toEqual({ compliance: 'non-compliant', detail: 'container app: the health check runs pg_isready' });
  });
  it("fails a health check that uses the database's address variable", () => {
    expect(judge(healthCheckSkipsDatabase, withHealthCommand(['CMD-SHELL', 'node check.js "${DATABASE_URL}"']), TD).detail).toBe(
      "container app: the health check uses the database's address (DATABASE_URL)",
    );
  });
  it('fails a health check that names the port of an RDS cluster in the same template', () => {
    const t = withHealthCommand(['CMD', '/bin/probe', '--tcp', 'db.internal:6543']);
    (t.Resources as Record<string, unknown>).Db = { Type: 'AWS::RDS::DBCluster', Properties: { Port: 6543 } };
    expect(judge(healthCheckSkipsDatabase, t, TD).detail).toBe('container app: the health check names the database port 6543');
    delete (t.Resources as Record<string, unknown>).Db;
    expect(judge(healthCheckSkipsDatabase, t, TD).compliance).toBe('compliant');
  });
  it('fails, as a warning only, a health check whose path says it checks dependencies', () => {
    expect(judge(healthCheckSkipsDatabase, withHealthCommand(['CMD-SHELL', 'curl -f http://localhost:8080/health/db || exit 1']), TD)).toEqual({
      compliance: 'non-compliant',
      detail: 'container app: the health check calls /db, a path that says it checks dependencies',
      severity: 'warning',
    });
  });
});

describe('DRILL-FIS-6 covers the network actions on Fargate', () => {
  const blackhole = (parameters: Record<string, string>) =>
    withEdit('KillDrill', (p) => {
      p.Actions.KillApp = { ActionId: 'aws:ecs:task-network-blackhole-port', Parameters: { duration: 'PT2M', port: '5432', trafficType: 'egress', ...parameters }, Targets: { Tasks: 'ServiceTasks' } };
    });
  it('accepts blackhole-port with useEcsFaultInjectionEndpoints=true on a task definition with fault injection, pidMode task and the sidecar', () => {
    expect(judge(taskActionsPrerequisites, blackhole({ useEcsFaultInjectionEndpoints: 'true' }), 'KillDrill').compliance).toBe('compliant');
  });
  it('fails blackhole-port on Fargate without useEcsFaultInjectionEndpoints and without pidMode task', () => {
    const t = blackhole({});
    delete t.Resources.TaskDefinition.Properties.PidMode;
    expect(judge(taskActionsPrerequisites, t, 'KillDrill').detail).toBe(
      'action KillApp (aws:ecs:task-network-blackhole-port) on task definition TaskDefinition: no pidMode task, no useEcsFaultInjectionEndpoints=true (Fargate)',
    );
  });
});

describe('DRILL-FIS-3 and the dependency outage', () => {
  const onAll = (action: Props) =>
    withEdit('KillDrill', (p) => {
      p.Targets.ServiceTasks.SelectionMode = 'ALL';
      p.Actions.KillApp = { ...action, Targets: { Tasks: 'ServiceTasks' } };
    });
  it('accepts ALL tasks in production when the only action black-holes their egress to one port (the tasks keep serving)', () => {
    const t = onAll({ ActionId: 'aws:ecs:task-network-blackhole-port', Parameters: { duration: 'PT2M', port: '5432', trafficType: 'egress', useEcsFaultInjectionEndpoints: 'true' } });
    expect(judge(noFullSelectionInProduction, t, 'KillDrill', { environment: 'production' }).compliance).toBe('compliant');
  });
  it('fails ALL tasks in production when the black hole is on ingress (customers cut off from every task)', () => {
    const t = onAll({ ActionId: 'aws:ecs:task-network-blackhole-port', Parameters: { duration: 'PT2M', port: '8080', trafficType: 'ingress', useEcsFaultInjectionEndpoints: 'true' } });
    expect(judge(noFullSelectionInProduction, t, 'KillDrill', { environment: 'production' }).compliance).toBe('non-compliant');
  });
});
