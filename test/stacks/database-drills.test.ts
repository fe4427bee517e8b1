import { App } from 'aws-cdk-lib';
import { Match, Template, type Annotations } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import { configWith } from '../../lib/config';
import { loadServices } from '../../lib/config-services';
import { OPTIONAL_OUTPUT_KEYS, templateOutputKey } from '../../lib/contract';
import { needsDatabase } from '../../lib/drill';
import { buildGuardedApp, buildGuardedServices } from '../../lib/stacks/build-guarded-app';
import { errorsOf, synthWithReport } from '../guardrails/validation-report';
import { demoImageDirectory, synthApp } from './synth-app';
import { EXISTING_PAYMENTS } from './two-services';

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const importOf = (exportPrefix: RegExp) => ({ 'Fn::ImportValue': Match.stringLikeRegexp(exportPrefix.source) });

/** The experiment role's statements (its one DefaultPolicy). */
function roleStatements(t: Template): Statement[] {
  const policies = Object.values(t.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^ExperimentRole') }] } }));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement as Statement[];
}

const warningsOf = (a: Annotations): string[] => a.findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));

describe('the Drills stack of a service with a database', () => {
  let t: Template;
  let warnings: string[];
  beforeAll(() => {
    const built = synthApp({ service: { database: true } });
    t = built.drillsTemplate;
    warnings = [...warningsOf(built.drillsAnnotations), ...warningsOf(built.workloadAnnotations)];
  });

  test('makes a template for every catalogue drill, the dependency drills included, each with its output', () => {
    t.resourceCountIs('AWS::FIS::ExperimentTemplate', catalogue.length);
    for (const id of ['dependency-outage', 'database-failover']) t.hasOutput(templateOutputKey(id), Match.anyValue());
  });

  test("black-holes the tasks' outbound TCP to the database port through the ECS fault-injection endpoints (Fargate)", () => {
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Tags: Match.objectLike({ drill: 'dependency-outage' }),
      Targets: { ServiceTasks: Match.objectLike({ ResourceType: 'aws:ecs:task', SelectionMode: 'ALL' }) },
      Actions: Match.objectLike({
        BlackholeDatabasePort: {
          ActionId: 'aws:ecs:task-network-blackhole-port',
          Description: Match.anyValue(),
          Parameters: { duration: 'PT2M', port: '5432', trafficType: 'egress', protocol: 'tcp', useEcsFaultInjectionEndpoints: 'true', installDependencies: 'true' },
          Targets: { Tasks: 'ServiceTasks' },
          StartAfter: Match.anyValue(),
        },
      }),
    });
  });

  test('fails the Aurora cluster over, the cluster named by its ARN', () => {
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Tags: Match.objectLike({ drill: 'database-failover' }),
      Targets: {
        DatabaseCluster: {
          ResourceType: 'aws:rds:cluster',
          SelectionMode: 'ALL',
          ResourceArns: [{ 'Fn::Join': ['', Match.arrayWith([':cluster:', importOf(/ExportsOutputRefDatabaseCluster/)])] }],
        },
      },
      Actions: Match.objectLike({ FailoverDatabase: Match.objectLike({ ActionId: 'aws:rds:failover-db-cluster', Targets: { Clusters: 'DatabaseCluster' } }) }),
    });
  });

  test("guards both dependency drills with the database's alarms as stop conditions", () => {
    for (const drill of ['dependency-outage', 'database-failover']) {
      t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
        Tags: Match.objectLike({ drill }),
        StopConditions: Match.arrayWith([
          { Source: 'aws:cloudwatch:alarm', Value: importOf(/StopConditionsDatabaseConnections/) },
          { Source: 'aws:cloudwatch:alarm', Value: importOf(/StopConditionsDatabaseUnavailable/) },
        ]),
      });
    }
  });

  test('lets the experiment role fail over only that cluster, and gives no other RDS write', () => {
    const statements = roleStatements(t);
    const rds = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('rds:')));
    expect(rds.map((s) => [s.Sid, actionsOf(s), s.Resource === '*' ? '*' : 'scoped'])).toEqual([
      ['FailOverTheDatabaseCluster', ['rds:FailoverDBCluster'], 'scoped'],
      ['ResolveDatabaseCluster', ['rds:DescribeDBClusters', 'tag:GetResources'], '*'],
    ]);
    expect(JSON.stringify(rds[0].Resource)).toMatch(/:rds:.*:cluster:.*ExportsOutputRefDatabaseCluster/);
    expect(statements.flatMap(actionsOf).filter((a) => /\*/.test(a))).toEqual([]);
  });

  test('runs the black hole through the sidecar with the SSM commands the ECS task actions need, on FIS documents only', () => {
    const statements = roleStatements(t);
    const send = statements.find((s) => s.Sid === 'RunFisDocumentsThroughTheSidecar');
    expect(send && actionsOf(send)).toEqual(['ssm:SendCommand']);
    expect(JSON.stringify(send?.Resource)).toMatch(/document\/AWSFIS-Run-\*/);
    expect(statements.find((s) => s.Sid === 'DescribeClusterTasks')).toBeDefined();
    expect(statements.find((s) => s.Sid === 'FollowCommands')).toBeDefined();
  });

  test('says no warning', () => {
    expect(warnings).toEqual([]);
  });
});

describe('an app without a database', () => {
  test('has no dependency template, no database, no database output and no warning', () => {
    const built = synthApp();
    built.drillsTemplate.resourceCountIs('AWS::FIS::ExperimentTemplate', catalogue.filter((d) => !needsDatabase(d.fault)).length);
    built.workloadTemplate.resourceCountIs('AWS::RDS::DBCluster', 0);
    expect(Object.keys(built.workloadTemplate.findOutputs('*')).filter((k) => k.startsWith('Database'))).toEqual([]);
    expect(JSON.stringify(built.drillsTemplate.toJSON())).not.toMatch(/rds:|database/i);
    expect([...warningsOf(built.drillsAnnotations), ...warningsOf(built.workloadAnnotations)]).toEqual([]);
  });
});

describe('guardrails on the app with a database', () => {
  test('pass: no guardrail error, no unacknowledged cdk-nag finding', () => {
    const app = new App();
    buildGuardedApp(app, { config: configWith({ service: { database: true } }), catalogue, demoImageDirectory: demoImageDirectory() });
    const outcome = synthWithReport(app);
    expect(outcome.error).toBeUndefined();
    expect(errorsOf(outcome)).toEqual([]);
  });
});

describe('an existing service that names its Aurora cluster', () => {
  test('gets the dependency drills against that cluster and port, its alarms and outputs', () => {
    const app = new App();
    const context = { services: [{ name: 'payments', existing: { ...EXISTING_PAYMENTS, databaseClusterIdentifier: 'payments-db', databasePort: 6432 } }] };
    const [built] = buildGuardedServices(app, { services: loadServices((k) => (k === 'drills' ? context : undefined), { catalogue }), catalogue });
    const t = Template.fromStack(built.drills);
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', { Actions: Match.objectLike({ BlackholeDatabasePort: Match.objectLike({ Parameters: Match.objectLike({ port: '6432' }) }) }) });
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Targets: { DatabaseCluster: Match.objectLike({ ResourceArns: [{ 'Fn::Join': ['', Match.arrayWith([':cluster:payments-db'])] }] }) },
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'payments-database-connections', Dimensions: [{ Name: 'DBClusterIdentifier', Value: 'payments-db' }] });
    t.hasOutput(OPTIONAL_OUTPUT_KEYS.databaseClusterIdentifier, { Value: 'payments-db' });
    t.hasOutput(OPTIONAL_OUTPUT_KEYS.databasePort, { Value: '6432' });
  });
});
