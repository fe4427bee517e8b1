import { Match, type Template } from 'aws-cdk-lib/assertions';
import { catalogue, findDrill } from '../../experiments';
import { needsDatabase, type Drill } from '../../lib/drill';
import { resourceProps, synthApp, type SynthesizedApp } from './synth-app';
import { expectEvery } from '../helpers/expect-every';

const imported = (fragment: string) => ({ 'Fn::ImportValue': Match.stringLikeRegexp(fragment) });
const firstZone = { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] };
const alarmArns = [imported('StopConditionsErrorRate'), imported('StopConditionsHealthyHosts'), imported('StopConditionsRunningTasks')];
const serviceTaskParameters = { cluster: imported('Cluster'), service: imported('ServiceName|Service.*Name') };

describe('Drills stack with the default config', () => {
  let built: SynthesizedApp;
  let t: Template;
  beforeAll(() => {
    built = synthApp();
    t = built.drillsTemplate;
  });

  test('makes one experiment template per drill in the catalogue, but none for the dependency drills of a service without a database', () => {
    const withoutDatabase = catalogue.filter((d) => !needsDatabase(d.fault));
    expect(withoutDatabase.length).toBeLessThan(catalogue.length);
    t.resourceCountIs('AWS::FIS::ExperimentTemplate', withoutDatabase.length);
    for (const drill of catalogue.filter((d) => needsDatabase(d.fault))) {
      expect(Object.values(t.findResources('AWS::FIS::ExperimentTemplate')).filter((r) => r.Properties.Tags?.drill === drill.id)).toHaveLength(0);
    }
  });

  test('gives no "synth cannot check" warning about in-task drills on the service it built itself (its task definition has what they need)', () => {
    expect(catalogue.map((d) => d.id)).toContain('task-hard-kill');
    expect(built.drillsAnnotations.findWarning('*', Match.stringLikeRegexp('drills that run inside the task'))).toEqual([]);
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', { Actions: { KillProcess: Match.objectLike({ ActionId: 'aws:ecs:task-kill-process' }) } });
    built.workloadTemplate.hasResourceProperties('AWS::ECS::TaskDefinition', { EnableFaultInjection: true, PidMode: 'task' });
  });

  test("task-stop-drain: stop-task on COUNT(1) of the service's tasks, guarded by the three alarms", () => {
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Description: Match.stringLikeRegexp(
        `^${escape(findDrill('task-stop-drain')?.hypothesis ?? '?')} Stop conditions: error-rate: .*; healthy-hosts: fewest healthy targets any ALB node saw.*; running-tasks: `,
      ),
      Tags: Match.objectLike({ drill: 'task-stop-drain', service: 'drills-demo' }),
      ExperimentOptions: { AccountTargeting: 'single-account', EmptyTargetResolutionMode: 'fail' },
      Targets: { ServiceTasks: { ResourceType: 'aws:ecs:task', SelectionMode: 'COUNT(1)', Parameters: serviceTaskParameters } },
      Actions: { StopTasks: Match.objectLike({ ActionId: 'aws:ecs:stop-task', Targets: { Tasks: 'ServiceTasks' }, Parameters: Match.absent() }) },
      StopConditions: alarmArns.map((value) => ({ Source: 'aws:cloudwatch:alarm', Value: value })),
      RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ExperimentRole'), 'Arn'] },
    });
  });

  test("task-hard-kill: kill-process with SIGKILL on the app's process name, parameters as strings", () => {
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Tags: Match.objectLike({ drill: 'task-hard-kill' }),
      Targets: { ServiceTasks: { ResourceType: 'aws:ecs:task', SelectionMode: 'COUNT(1)', Parameters: serviceTaskParameters } },
      Actions: {
        KillProcess: Match.objectLike({
          ActionId: 'aws:ecs:task-kill-process',
          Parameters: { processName: 'node', signal: 'SIGKILL', installDependencies: 'true' },
          Targets: { Tasks: 'ServiceTasks' },
        }),
      },
      StopConditions: alarmArns.map((value) => ({ Source: 'aws:cloudwatch:alarm', Value: value })),
    });
  });

  test("az-outage: is stopped by healthy hosts outside the cut zone, not by the load balancer's minimum, and says so in its description", () => {
    const props = templateOf(t, 'az-outage');
    const alarm = (fragment: string) => ({ Source: 'aws:cloudwatch:alarm', Value: { 'Fn::ImportValue': expect.stringMatching(fragment) } });
    expect(props.StopConditions).toEqual([alarm('StopConditionsErrorRate'), alarm('StopConditionsHealthyHostsOutsideZone0'), alarm('StopConditionsRunningTasks')]);
    expect(props.Description).toMatch(/healthy-hosts: healthy targets summed over the zones other than zone 0 .*the cut zone's loss is the hypothesis/);
    expect((props.Description as string).length).toBeLessThanOrEqual(512);
  });

  test("az-outage: disrupt-connectivity (scope all) on the zone's subnets and stop-task on the tasks filtered to that zone", () => {
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      Tags: Match.objectLike({ drill: 'az-outage' }),
      Targets: {
        ZoneSubnets: { ResourceType: 'aws:ec2:subnet', SelectionMode: 'ALL', Parameters: { availabilityZoneIdentifier: firstZone, vpc: imported('Vpc') } },
        ZoneTasks: { ResourceType: 'aws:ecs:task', SelectionMode: 'ALL', Parameters: serviceTaskParameters, Filters: [{ Path: 'AvailabilityZone', Values: [firstZone] }] },
      },
      Actions: {
        DisruptZone: Match.objectLike({ ActionId: 'aws:network:disrupt-connectivity', Parameters: { duration: 'PT5M', scope: 'all' }, Targets: { Subnets: 'ZoneSubnets' } }),
        StopZoneTasks: Match.objectLike({ ActionId: 'aws:ecs:stop-task', Targets: { Tasks: 'ZoneTasks' } }),
      },
    });
  });

  test('logs every experiment to its log group with schema 2 and PascalCase keys', () => {
    const templates = Object.values(t.findResources('AWS::FIS::ExperimentTemplate')).map((r) => r.Properties);
    expect(templates.length).toBeGreaterThan(0);
    for (const props of templates) {
      expect(props.LogConfiguration).toEqual({
        LogSchemaVersion: 2,
        CloudWatchLogsConfiguration: { LogGroupArn: { 'Fn::GetAtt': [expect.stringMatching(/^ExperimentLogs/), 'Arn'] } },
      });
      expect(props.ExperimentReportConfiguration).toBeUndefined();
    }
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  test('lets CloudFormation name the retained experiment log group, so a deploy after destroy does not fail with "already exists"', () => {
    const groups = t.findResources('AWS::Logs::LogGroup');
    expect(Object.keys(groups)).toHaveLength(1);
    const [group] = Object.values(groups);
    expect(group.DeletionPolicy).toBe('Retain');
    expect(group.Properties.LogGroupName).toBeUndefined();
    const outputs = t.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.ExperimentLogGroupName.Value).toEqual({ Ref: expect.stringMatching(/^ExperimentLogs/) });
  });

  test('never uses a stop condition of source none', () => {
    expect(JSON.stringify(t.findResources('AWS::FIS::ExperimentTemplate'))).not.toMatch(/"Source":"none"/);
  });

  test('leaves no unresolved token anywhere in the templates, parameters included', () => {
    expect(JSON.stringify(t.toJSON())).not.toContain('${Token[');
  });

  test('keeps every FIS action parameter a string (a literal, or a join of the alarm ARNs)', () => {
    const values = Object.values(t.findResources('AWS::FIS::ExperimentTemplate')).flatMap((r) =>
      (Object.values(r.Properties.Actions) as { Parameters?: Record<string, unknown> }[]).flatMap((action) => Object.values(action.Parameters ?? {})),
    );
    expect(values.filter((v) => typeof v === 'string').length).toBeGreaterThan(0);
    expect(values.filter((v) => typeof v !== 'string')).toEqual(values.filter((v) => typeof v !== 'string').map(() => ({ 'Fn::Join': ['', expect.any(Array)] })));
  });

  test.each(templated().map((d) => [d.id, d] as const))('%s: checks its stop-condition alarms are OK before the fault, and FIS injects only after that check', (_id, drill) => {
    const props = templateOf(t, drill.id);
    const arns = (props.StopConditions as { Value: unknown }[]).map((c) => c.Value);
    const actions = props.Actions as Record<string, { ActionId: string; Parameters?: Record<string, unknown>; StartAfter?: string[] }>;
    expect(actions.CheckAlarmsBeforeFault).toEqual(
      expect.objectContaining({
        ActionId: 'aws:cloudwatch:assert-alarm-state',
        Parameters: { alarmArns: { 'Fn::Join': ['', arns.flatMap((arn, i) => (i === 0 ? [arn] : [',', arn]))] }, alarmStates: 'OK' },
      }),
    );
    expect(actions.CheckAlarmsBeforeFault.StartAfter).toBeUndefined();
    const faults = Object.entries(actions).filter(([name]) => !['CheckAlarmsBeforeFault', 'WaitRecoveryWindow', 'CheckAlarmsAfterRecovery'].includes(name));
    expect(faults.length).toBeGreaterThan(0);
    for (const [, action] of faults) expect(action.StartAfter?.length).toBeGreaterThan(0);
    const roots = faults.filter(([, a]) => a.StartAfter?.includes('CheckAlarmsBeforeFault'));
    expect(roots.length).toBeGreaterThan(0);
  });

  test.each(templated().map((d) => [d.id, d] as const))('%s: checks the same alarms again after the recovery window and every fault action', (_id, drill) => {
    const props = templateOf(t, drill.id);
    const actions = props.Actions as Record<string, { ActionId: string; Parameters?: Record<string, unknown>; StartAfter?: string[] }>;
    expect(actions.WaitRecoveryWindow).toEqual(
      expect.objectContaining({
        ActionId: 'aws:fis:wait',
        Parameters: { duration: drill.probe.aws.recoveryTimeout },
        StartAfter: ['CheckAlarmsBeforeFault'],
      }),
    );
    const faultNames = Object.keys(actions).filter((name) => !['CheckAlarmsBeforeFault', 'WaitRecoveryWindow', 'CheckAlarmsAfterRecovery'].includes(name));
    expect(actions.CheckAlarmsAfterRecovery.ActionId).toBe('aws:cloudwatch:assert-alarm-state');
    expect(actions.CheckAlarmsAfterRecovery.Parameters).toEqual(actions.CheckAlarmsBeforeFault.Parameters);
    expect([...(actions.CheckAlarmsAfterRecovery.StartAfter ?? [])].sort()).toEqual(['WaitRecoveryWindow', ...faultNames].sort());
  });

  test('lets the experiment role read the alarms it checks (cloudwatch:DescribeAlarms)', () => {
    expect(policyStatements(t, 'ExperimentRole').find((s) => s.Sid === 'CheckStopConditionAlarms')).toEqual(expect.objectContaining({ Action: 'cloudwatch:DescribeAlarms', Resource: '*' }));
  });

  test('lets only fis.amazonaws.com assume the experiment role, for experiments in this account', () => {
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'fis.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', Match.arrayWith([':fis:', ':experiment/*'])] } },
            },
          },
        ],
        Version: '2012-10-17',
      },
    });
  });

  test("scopes the experiment role's ECS calls to the cluster's tasks and SSM commands to FIS documents", () => {
    const statements = policyStatements(t, 'ExperimentRole');
    const stop = statements.find((s) => s.Sid === 'StopClusterTasks');
    expect(stop).toEqual(expect.objectContaining({ Action: 'ecs:StopTask' }));
    expect(JSON.stringify(stop?.Resource)).toMatch(/:task\/.*ImportValue.*Cluster.*\/\*/);
    const send = statements.find((s) => s.Sid === 'RunFisDocumentsThroughTheSidecar');
    expect(send?.Action).toBe('ssm:SendCommand');
    expect(JSON.stringify(send?.Resource)).toMatch(/managed-instance\/\*/);
    expect(JSON.stringify(send?.Resource)).toMatch(/:\*:document\/AWSFIS-Run-\*/);
  });

  test("conditions the experiment role's NACL changes on the managedByFIS tag", () => {
    const statements = policyStatements(t, 'ExperimentRole');
    expect(statements.find((s) => s.Sid === 'CreateFisNetworkAcl')?.Condition).toEqual({ StringEquals: { 'aws:RequestTag/managedByFIS': 'true' } });
    expect(statements.find((s) => s.Sid === 'ChangeFisNetworkAcl')).toEqual(
      expect.objectContaining({
        Action: ['ec2:CreateNetworkAclEntry', 'ec2:DeleteNetworkAcl'],
        Condition: { StringEquals: { 'ec2:ResourceTag/managedByFIS': 'true' } },
      }),
    );
    expect(statements.find((s) => s.Sid === 'TagFisNetworkAcl')?.Condition).toEqual({ StringEquals: { 'ec2:CreateAction': 'CreateNetworkAcl', 'aws:RequestTag/managedByFIS': 'true' } });
    const swap = JSON.stringify(statements.find((s) => s.Sid === 'SwapNetworkAclOnTheVpcSubnets')?.Resource);
    expect(swap.match(/:subnet\//g)).toHaveLength(4);
  });

  test('grants wildcard resources only to the calls that cannot be scoped, and no wildcard actions', () => {
    const statements = policyStatements(t, 'ExperimentRole');
    const actionsOf = (s: (typeof statements)[number]) => ([] as string[]).concat(s.Action as string | string[]);
    expectEvery(statements.flatMap(actionsOf), (a) => !a.includes('*'), 'actions of the experiment role');
    expectEvery(
      statements.filter((s) => s.Resource === '*').flatMap(actionsOf),
      (a) => /^(ecs:ListTasks|tag:GetResources|ssm:ListCommands|ssm:CancelCommand|ec2:Describe.*|ec2:GetManagedPrefixListEntries|logs:.*|cloudwatch:DescribeAlarms)$/.test(a),
      'actions granted on every resource',
    );
  });

  test('outputs Drill<PascalCaseId>TemplateId for each drill, with the template id', () => {
    const outputs = t.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(
      Object.keys(outputs)
        .filter((k) => k.startsWith('Drill'))
        .sort(),
    ).toEqual(['DrillAzOutageTemplateId', 'DrillTaskHardKillTemplateId', 'DrillTaskStopDrainTemplateId']);
    expect(outputs.DrillTaskStopDrainTemplateId.Value).toEqual({ Ref: expect.stringMatching(/^DrillTaskStopDrainTemplate/) });
  });

  test('builds a dashboard of the service and its alarms', () => {
    const body = JSON.stringify(resourceProps(t, 'AWS::CloudWatch::Dashboard').DashboardBody);
    for (const fragment of ['HealthyHostCount', 'RunningTaskCount', 'HTTPCode_Target_5XX_Count', 'alarms']) expect(body).toContain(fragment);
    t.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'drills-demo-drills' });
  });

  test('creates no schedules while game days are off', () => {
    t.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });

  test('names the stacks after the service', () => {
    expect([built.workload.stackName, built.drills.stackName]).toEqual(['DrillsDemo-Workload', 'DrillsDemo-Drills']);
  });
});

describe("Drills stack with a report bucket and the dead-man's switch", () => {
  let t: Template;
  beforeAll(() => {
    const guarded: Drill = { ...(findDrill('task-stop-drain') as Drill), stopConditions: ['error-rate', 'probe-heartbeat'] };
    t = synthApp({ drills: { reportBucket: 'team-reports', deadMansSwitch: true } }, [guarded]).drillsTemplate;
  });

  test('sends an experiment report to the bucket with the dashboard', () => {
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      ExperimentReportConfiguration: {
        Outputs: { ExperimentReportS3Configuration: { BucketName: 'team-reports', Prefix: 'fis-reports/task-stop-drain' } },
        DataSources: { CloudWatchDashboards: [{ DashboardIdentifier: Match.anyValue() }] },
        PreExperimentDuration: 'PT10M',
        PostExperimentDuration: 'PT10M',
      },
    });
    const statements = policyStatements(t, 'ExperimentRole');
    expect(JSON.stringify(statements.find((s) => s.Sid === 'WriteExperimentReports')?.Resource)).toContain('team-reports/fis-reports/*');
  });

  test('guards the drill with the probe-heartbeat alarm when the switch is on', () => {
    t.hasResourceProperties('AWS::FIS::ExperimentTemplate', {
      StopConditions: [
        { Source: 'aws:cloudwatch:alarm', Value: imported('StopConditionsErrorRate') },
        { Source: 'aws:cloudwatch:alarm', Value: imported('StopConditionsProbeHeartbeat') },
      ],
    });
  });

  test('grants only the permissions of the actions in use (no NACL rights without az-outage)', () => {
    const sids = policyStatements(t, 'ExperimentRole').map((s) => s.Sid);
    expect(sids).toContain('StopClusterTasks');
    expect(sids).not.toContain('CreateFisNetworkAcl');
    expect(sids).not.toContain('RunFisDocumentsThroughTheSidecar');
  });
});

describe('Drills stack when a drill names probe-heartbeat and the switch is off', () => {
  test('skips that stop condition with a warning', () => {
    const guarded: Drill = { ...(findDrill('task-stop-drain') as Drill), stopConditions: ['error-rate', 'probe-heartbeat'] };
    const built = synthApp({}, [guarded]);
    built.drillsAnnotations.hasWarning('*', Match.stringLikeRegexp('stop condition "probe-heartbeat" has no alarm.*deadMansSwitch is off'));
    built.drillsTemplate.hasResourceProperties('AWS::FIS::ExperimentTemplate', { StopConditions: [{ Source: 'aws:cloudwatch:alarm', Value: imported('StopConditionsErrorRate') }] });
  });

  test('fails when that leaves the drill with no stop condition at all', () => {
    const unguarded: Drill = { ...(findDrill('task-stop-drain') as Drill), stopConditions: ['probe-heartbeat'] };
    expect(() => synthApp({}, [unguarded])).toThrow(/a FIS template must never run unguarded/);
  });
});

describe('Drills stack with a long hypothesis', () => {
  test('cuts a hypothesis longer than FIS takes, keeping the stop-condition choice whole in the 512 characters', () => {
    const wordy: Drill = { ...(findDrill('task-stop-drain') as Drill), hypothesis: 'x'.repeat(600) };
    const description = resourceProps(synthApp({}, [wordy]).drillsTemplate, 'AWS::FIS::ExperimentTemplate').Description as string;
    expect(description.length).toBeLessThanOrEqual(512);
    expect(description).toMatch(/^x+… Stop conditions: error-rate: .*running-tasks: .*\.$/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The drills the default config (no service.database) makes templates for. */
function templated(): Drill[] {
  return catalogue.filter((d) => !needsDatabase(d.fault));
}

function templateOf(t: Template, drillId: string): Record<string, unknown> {
  const found = Object.values(t.findResources('AWS::FIS::ExperimentTemplate')).filter((r) => r.Properties.Tags?.drill === drillId);
  if (found.length !== 1) throw new Error(`expected one template for ${drillId}, found ${found.length}`);
  return found[0].Properties as Record<string, unknown>;
}

interface Statement {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

function policyStatements(t: Template, rolePrefix: string): Statement[] {
  return Object.values(t.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(rolePrefix))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
