import { actionsMatchCatalogue } from '../../../lib/guardrails/rules/fis/actions-match-catalogue';
import { alarmStopCondition } from '../../../lib/guardrails/rules/fis/alarm-stop-condition';
import { experimentLogging } from '../../../lib/guardrails/rules/fis/experiment-logging';
import { noEcsExecOnDrilledService } from '../../../lib/guardrails/rules/fis/no-ecs-exec-on-drilled-service';
import { noFullSelectionInProduction } from '../../../lib/guardrails/rules/fis/no-full-selection-in-production';
import { roleTrustConfusedDeputy } from '../../../lib/guardrails/rules/fis/role-trust-confused-deputy';
import { stopConditionLimit } from '../../../lib/guardrails/rules/fis/stop-condition-limit';
import { taskActionsPrerequisites } from '../../../lib/guardrails/rules/fis/task-actions-prerequisites';
import { compliantTemplate, judge, withEdit } from '../fixture';

const FIS = 'KillDrill';
const alarm = { Source: 'aws:cloudwatch:alarm', Value: { 'Fn::GetAtt': ['ErrorRateAlarm', 'Arn'] } };

describe('DRILL-FIS-1 an alarm stop condition', () => {
  it('accepts a CloudWatch alarm stop condition', () => {
    expect(judge(alarmStopCondition, compliantTemplate(), FIS).compliance).toBe('compliant');
  });
  it("fails a stop condition with source 'none'", () => {
    const r = judge(
      alarmStopCondition,
      withEdit(FIS, (p) => {
        p.StopConditions = [{ Source: 'none' }];
      }),
      FIS,
    );
    expect(r).toEqual({ compliance: 'non-compliant', detail: "a stop condition has source 'none'" });
  });
  it("fails 'none' even next to an alarm", () => {
    expect(
      judge(
        alarmStopCondition,
        withEdit(FIS, (p) => {
          p.StopConditions.push({ Source: 'none' });
        }),
        FIS,
      ).compliance,
    ).toBe('non-compliant');
  });
  it('fails a template without stop conditions', () => {
    expect(
      judge(
        alarmStopCondition,
        withEdit(FIS, (p) => {
          p.StopConditions = [];
        }),
        FIS,
      ).compliance,
    ).toBe('non-compliant');
  });
});

describe('DRILL-FIS-2 at most 5 stop conditions', () => {
  it('accepts 5', () => {
    expect(
      judge(
        stopConditionLimit,
        withEdit(FIS, (p) => {
          p.StopConditions = Array(5).fill(alarm);
        }),
        FIS,
      ).compliance,
    ).toBe('compliant');
  });
  it('fails 6', () => {
    expect(
      judge(
        stopConditionLimit,
        withEdit(FIS, (p) => {
          p.StopConditions = Array(6).fill(alarm);
        }),
        FIS,
      ).detail,
    ).toBe('6 stop conditions');
  });
});

describe('DRILL-FIS-3 no ALL or PERCENT(100) on service tasks in production', () => {
  const selecting = (mode: string) =>
    withEdit(FIS, (p) => {
      p.Targets.ServiceTasks.SelectionMode = mode;
    });
  it('accepts COUNT(1) in production', () => {
    expect(judge(noFullSelectionInProduction, compliantTemplate(), FIS, { environment: 'production' }).compliance).toBe('compliant');
  });
  it('fails ALL in production (option)', () => {
    expect(judge(noFullSelectionInProduction, selecting('ALL'), FIS, { environment: 'production' }).compliance).toBe('non-compliant');
  });
  it('fails PERCENT(100) in a template tagged environment=production', () => {
    const t = selecting('PERCENT(100)');
    t.Resources[FIS].Properties.Tags.environment = 'production';
    expect(judge(noFullSelectionInProduction, t, FIS).detail).toBe('target ServiceTasks selects PERCENT(100)');
  });
  it('accepts PERCENT(50) in production and ALL outside production', () => {
    expect(judge(noFullSelectionInProduction, selecting('PERCENT(50)'), FIS, { environment: 'production' }).compliance).toBe('compliant');
    expect(judge(noFullSelectionInProduction, selecting('ALL'), FIS).compliance).toBe('not-applicable');
  });
});

describe('DRILL-FIS-4 experiment role trust with source conditions', () => {
  it('accepts a trust with aws:SourceAccount and aws:SourceArn', () => {
    expect(judge(roleTrustConfusedDeputy, compliantTemplate(), FIS).compliance).toBe('compliant');
  });
  it('fails a trust without conditions', () => {
    const t = withEdit('ExperimentRole', (p) => delete p.AssumeRolePolicyDocument.Statement[0].Condition);
    expect(judge(roleTrustConfusedDeputy, t, FIS).detail).toBe('role ExperimentRole trusts FIS without aws:SourceAccount and aws:SourceArn');
  });
  it('fails a trust with only aws:SourceAccount', () => {
    const t = withEdit('ExperimentRole', (p) => delete p.AssumeRolePolicyDocument.Statement[0].Condition.ArnLike);
    expect(judge(roleTrustConfusedDeputy, t, FIS).detail).toMatch(/without aws:SourceArn$/);
  });
  it('does not judge a role given as a literal ARN, and says so', () => {
    const r = judge(
      roleTrustConfusedDeputy,
      withEdit(FIS, (p) => {
        p.RoleArn = 'arn:aws:iam::123456789012:role/fis';
      }),
      FIS,
    );
    expect(r).toEqual({ compliance: 'not-applicable', detail: 'the experiment role is not in the templates checked' });
  });
});

describe('DRILL-FIS-5 actions match the catalogue', () => {
  const action = (a: Record<string, unknown>) =>
    withEdit(FIS, (p) => {
      p.Actions.KillApp = { ...p.Actions.KillApp, ...a };
    });
  it('accepts kill-process with processName and signal', () => {
    expect(judge(actionsMatchCatalogue, compliantTemplate(), FIS).compliance).toBe('compliant');
  });
  it('fails an unknown action id', () => {
    expect(judge(actionsMatchCatalogue, action({ ActionId: 'aws:ecs:task-kill' }), FIS).detail).toBe('action KillApp: unknown action id aws:ecs:task-kill');
  });
  it('fails a parameter the action does not take (kill-process has no duration)', () => {
    const r = judge(actionsMatchCatalogue, action({ Parameters: { processName: 'node', duration: 'PT1M' } }), FIS);
    expect(r.detail).toBe("action KillApp: aws:ecs:task-kill-process takes no parameter 'duration'");
  });
  it('fails a missing required parameter', () => {
    expect(judge(actionsMatchCatalogue, action({ Parameters: { signal: 'SIGKILL' } }), FIS).detail).toMatch(/needs parameter 'processName'/);
  });
  it('fails an action aimed at a target of the wrong resource type', () => {
    const r = judge(actionsMatchCatalogue, action({ ActionId: 'aws:network:disrupt-connectivity', Parameters: { duration: 'PT2M' } }), FIS);
    expect(r.detail).toMatch(/acts on aws:ec2:subnet, target ServiceTasks is aws:ecs:task/);
  });
});

describe('DRILL-FIS-6 task actions have their prerequisites', () => {
  it('accepts kill-process on a task definition with fault injection, pidMode task and the sidecar', () => {
    expect(judge(taskActionsPrerequisites, compliantTemplate(), FIS).compliance).toBe('compliant');
  });
  it('fails kill-process on a task definition without enableFaultInjection, pidMode and the sidecar', () => {
    const t = withEdit('TaskDefinition', (p) => {
      delete p.EnableFaultInjection;
      delete p.PidMode;
      p.ContainerDefinitions.pop();
    });
    expect(judge(taskActionsPrerequisites, t, FIS).detail).toBe(
      'action KillApp (aws:ecs:task-kill-process) on task definition TaskDefinition: no enableFaultInjection, no pidMode task, no the SSM agent sidecar',
    );
  });
  it('fails a network action on Fargate without useEcsFaultInjectionEndpoints', () => {
    const t = withEdit(FIS, (p) => {
      p.Actions.KillApp = { ActionId: 'aws:ecs:task-network-latency', Parameters: { duration: 'PT1M' }, Targets: { Tasks: 'ServiceTasks' } };
    });
    expect(judge(taskActionsPrerequisites, t, FIS).detail).toMatch(/useEcsFaultInjectionEndpoints=true/);
    t.Resources[FIS].Properties.Actions.KillApp.Parameters.useEcsFaultInjectionEndpoints = 'true';
    expect(judge(taskActionsPrerequisites, t, FIS).compliance).toBe('compliant');
  });
  it('does not judge stop-task, which needs no sidecar', () => {
    const t = withEdit(FIS, (p) => {
      p.Actions.KillApp = { ActionId: 'aws:ecs:stop-task', Targets: { Tasks: 'ServiceTasks' } };
    });
    expect(judge(taskActionsPrerequisites, t, FIS).compliance).toBe('not-applicable');
  });
  it('resolves a service given by its literal name', () => {
    const t = withEdit(FIS, (p) => {
      p.Targets.ServiceTasks.Parameters.service = 'demo';
    });
    t.Resources.Service.Properties.ServiceName = 'demo';
    delete t.Resources.TaskDefinition.Properties.PidMode;
    expect(judge(taskActionsPrerequisites, t, FIS).compliance).toBe('non-compliant');
  });
  it('does not judge a target it cannot link to a service, and says why', () => {
    const t = withEdit(FIS, (p) => {
      p.Targets.ServiceTasks = { ResourceType: 'aws:ecs:task', SelectionMode: 'COUNT(1)', ResourceTags: { app: 'demo' } };
    });
    expect(judge(taskActionsPrerequisites, t, FIS)).toEqual({
      compliance: 'not-applicable',
      detail: 'action KillApp: the target selects tasks by tags or ARNs, not by service',
    });
  });
});

describe('DRILL-FIS-7 no ECS Exec on a drilled service', () => {
  it('accepts a drilled service with ECS Exec off', () => {
    expect(judge(noEcsExecOnDrilledService, compliantTemplate(), FIS).compliance).toBe('compliant');
  });
  it('fails a drilled service with ECS Exec on', () => {
    const t = withEdit('Service', (p) => {
      p.EnableExecuteCommand = true;
    });
    expect(judge(noEcsExecOnDrilledService, t, FIS).detail).toBe('action KillApp drills service Service, which has ECS Exec enabled');
  });
});

describe('DRILL-FIS-8 experiment logging', () => {
  it('accepts CloudWatch Logs logging', () => {
    expect(judge(experimentLogging, compliantTemplate(), FIS).compliance).toBe('compliant');
  });
  it('fails a template without LogConfiguration', () => {
    expect(
      judge(
        experimentLogging,
        withEdit(FIS, (p) => delete p.LogConfiguration),
        FIS,
      ).compliance,
    ).toBe('non-compliant');
  });
});

describe('DRILL-FIS-3 with an availability-zone filter', () => {
  it('accepts ALL of the tasks in one zone in production (the az-outage drill)', () => {
    const t = withEdit(FIS, (p) => {
      p.Targets.ServiceTasks.SelectionMode = 'ALL';
      p.Targets.ServiceTasks.Filters = [{ Path: 'AvailabilityZone', Values: ['eu-west-1a'] }];
    });
    expect(judge(noFullSelectionInProduction, t, FIS, { environment: 'production' }).compliance).toBe('compliant');
  });
  it('fails ALL in production when the only filter does not narrow to a zone', () => {
    const t = withEdit(FIS, (p) => {
      p.Targets.ServiceTasks.SelectionMode = 'ALL';
      p.Targets.ServiceTasks.Filters = [{ Path: 'LastStatus', Values: ['RUNNING'] }];
    });
    expect(judge(noFullSelectionInProduction, t, FIS, { environment: 'production' }).compliance).toBe('non-compliant');
  });
});
