/**
 * The FIS template rules' findings read whole — compliance and the detail naming the target or
 * action, what is wrong and what FIS takes — at the edges their main tests leave open: limits
 * exactly met, values given as intrinsics, several findings in one template. Edits of the fixture.
 */
import { actionTargetsExist } from '../../../lib/guardrails/rules/fis/action-targets-exist';
import { actionsMatchCatalogue } from '../../../lib/guardrails/rules/fis/actions-match-catalogue';
import { alarmStopCondition } from '../../../lib/guardrails/rules/fis/alarm-stop-condition';
import { durationsWithinLimits } from '../../../lib/guardrails/rules/fis/durations-within-limits';
import { experimentLogging } from '../../../lib/guardrails/rules/fis/experiment-logging';
import { filterPathsKnown } from '../../../lib/guardrails/rules/fis/filter-paths-known';
import { noFullSelectionInProduction } from '../../../lib/guardrails/rules/fis/no-full-selection-in-production';
import { selectionModesParse } from '../../../lib/guardrails/rules/fis/selection-modes-parse';
import { taskActionsPrerequisites } from '../../../lib/guardrails/rules/fis/task-actions-prerequisites';
import { compliantTemplate, judge, withEdit, type Props } from '../fixture';

const FIS = 'KillDrill';
const drill = (edit: (p: Props) => void) => withEdit(FIS, edit);
const failing = (detail: string) => ({ compliance: 'non-compliant', detail });
const blackhole = (trafficType: string, port?: number) => ({
  ActionId: 'aws:ecs:task-network-blackhole-port',
  Parameters: { duration: 'PT5M', trafficType, ...(port === undefined ? {} : { port }), useEcsFaultInjectionEndpoints: 'true' },
  Targets: { Tasks: 'ServiceTasks' },
});

describe('DRILL-FIS-3 no whole selection in production, at its edges', () => {
  const production = { environment: 'production' } as const;
  const selecting = (mode: unknown) => drill((p) => (p.Targets.ServiceTasks.SelectionMode = mode));
  it.each(['ALL', 'PERCENT(100)', 'percent( 100 )', 'PERCENT(100.00)'])('fails %s in production, naming the target', (mode) => {
    expect(judge(noFullSelectionInProduction, selecting(mode), FIS, production)).toEqual(failing(`target ServiceTasks selects ${mode}`));
  });
  it.each<[string, unknown]>([
    ['a part of the tasks', 'PERCENT(99)'],
    ['a mode with text after it', 'PERCENT(100)x'],
    ['a mode with text before it', 'xPERCENT(100)'],
    ['a mode given as an intrinsic', { Ref: 'Mode' }],
  ])('accepts %s in production', (_what, mode) => {
    expect(judge(noFullSelectionInProduction, selecting(mode), FIS, production)).toEqual({ compliance: 'compliant' });
  });
  it('takes a template tagged Environment=Production as production, and one without tags as not', () => {
    const tagged = selecting('ALL');
    tagged.Resources[FIS].Properties.Tags = { Environment: 'Production' };
    expect(judge(noFullSelectionInProduction, tagged, FIS).compliance).toBe('non-compliant');
    delete tagged.Resources[FIS].Properties.Tags;
    expect(judge(noFullSelectionInProduction, tagged, FIS)).toEqual({ compliance: 'not-applicable' });
  });
  it('accepts every task when the only action cuts one egress port, and fails it for ingress, a port-less cut or a kill beside it', () => {
    const cut = (...actions: Props[]) =>
      drill((p) => {
        p.Targets.ServiceTasks.SelectionMode = 'ALL';
        p.Actions = Object.fromEntries(actions.map((a, i) => [`A${i}`, a]));
      });
    expect(judge(noFullSelectionInProduction, cut(blackhole('egress', 5432)), FIS, production)).toEqual({ compliance: 'compliant' });
    expect(judge(noFullSelectionInProduction, cut(blackhole('ingress', 8080)), FIS, production).compliance).toBe('non-compliant');
    expect(judge(noFullSelectionInProduction, cut(blackhole('egress')), FIS, production).compliance).toBe('non-compliant');
    const kill = compliantTemplate().Resources[FIS].Properties.Actions.KillApp;
    expect(judge(noFullSelectionInProduction, cut(blackhole('egress', 5432), kill), FIS, production).compliance).toBe('non-compliant');
  });
  it('fails two whole selections in one finding, and leaves a zone-filtered one alone', () => {
    const t = drill((p) => {
      p.Targets.ServiceTasks.SelectionMode = 'ALL';
      p.Targets.More = { ...p.Targets.ServiceTasks, SelectionMode: 'PERCENT(100)' };
      p.Targets.Zone = { ...p.Targets.ServiceTasks, Filters: [{ Path: 'AvailabilityZone', Values: ['eu-west-1a'] }] };
    });
    expect(judge(noFullSelectionInProduction, t, FIS, production)).toEqual(failing('target ServiceTasks selects ALL; target More selects PERCENT(100)'));
  });
});

describe('DRILL-FIS-13 selection modes, at their edges', () => {
  const modes = (...list: unknown[]) => drill((p) => list.forEach((mode, i) => (p.Targets[`T${i}`] = { ResourceType: 'aws:ecs:task', SelectionMode: mode })));
  it('accepts COUNT(1), PERCENT(1), PERCENT(100) and a mode given as an intrinsic', () => {
    expect(judge(selectionModesParse, modes('COUNT(1)', 'PERCENT(1)', 'PERCENT(100)', { Ref: 'Mode' }), FIS)).toEqual({ compliance: 'compliant' });
  });
  it('fails each bad mode with what FIS takes, in one finding', () => {
    expect(judge(selectionModesParse, modes(undefined, 'COUNT(0)', 'PERCENT(0)', 'PERCENT(101)', 'xCOUNT(1)', 'COUNT(1)x'), FIS)).toEqual(
      failing(
        [
          'target T0: no SelectionMode',
          "target T1: 'COUNT(0)': COUNT takes n of 1 or more",
          "target T2: 'PERCENT(0)': PERCENT takes n from 1 to 100",
          "target T3: 'PERCENT(101)': PERCENT takes n from 1 to 100",
          "target T4: 'xCOUNT(1)' is not ALL, COUNT(n) or PERCENT(n)",
          "target T5: 'COUNT(1)x' is not ALL, COUNT(n) or PERCENT(n)",
        ].join('; '),
      ),
    );
  });
});

describe('DRILL-FIS-5 actions match the catalogue, at its edges', () => {
  it('fails an action on a target of another resource type, naming both types', () => {
    const t = drill((p) => (p.Targets.ServiceTasks.ResourceType = 'aws:ec2:instance'));
    expect(judge(actionsMatchCatalogue, t, FIS)).toEqual(failing('action KillApp: aws:ecs:task-kill-process acts on aws:ecs:task, target ServiceTasks is aws:ec2:instance'));
  });
  it('leaves to other rules a missing target, a target without a type, and a target on a wait', () => {
    const t = drill((p) => {
      p.Targets.Untyped = { SelectionMode: 'ALL' };
      p.Actions.Gone = { ...p.Actions.KillApp, Targets: { Tasks: 'NoSuchTarget' } };
      p.Actions.Untyped = { ...p.Actions.KillApp, Targets: { Tasks: 'Untyped' } };
      p.Actions.Settle = { ActionId: 'aws:fis:wait', Parameters: { duration: 'PT1M' }, Targets: { Tasks: 'ServiceTasks' } };
    });
    expect(judge(actionsMatchCatalogue, t, FIS)).toEqual({ compliance: 'compliant' });
  });
  it('accepts an action that takes no parameters and is given none', () => {
    expect(
      judge(
        actionsMatchCatalogue,
        drill((p) => (p.Actions.KillApp = { ActionId: 'aws:ecs:stop-task', Targets: { Tasks: 'ServiceTasks' } })),
        FIS,
      ),
    ).toEqual({ compliance: 'compliant' });
  });
  it('fails an unknown parameter and a missing one in one finding', () => {
    const t = drill((p) => (p.Actions.KillApp.Parameters = { signal: 'SIGKILL', process: 'node' }));
    expect(judge(actionsMatchCatalogue, t, FIS)).toEqual(
      failing("action KillApp: aws:ecs:task-kill-process takes no parameter 'process'; action KillApp: aws:ecs:task-kill-process needs parameter 'processName'"),
    );
  });
});

describe('DRILL-FIS-1 an alarm stop condition, at its edges', () => {
  it.each<[string, Props]>([
    ['an alarm condition without a value', { Source: 'aws:cloudwatch:alarm' }],
    ['an alarm condition with an empty value', { Source: 'aws:cloudwatch:alarm', Value: '' }],
    ['a value under another source', { Source: 'aws:other', Value: { 'Fn::GetAtt': ['ErrorRateAlarm', 'Arn'] } }],
  ])('fails %s', (_what, condition) => {
    expect(
      judge(
        alarmStopCondition,
        drill((p) => (p.StopConditions = [condition])),
        FIS,
      ),
    ).toEqual(failing('no aws:cloudwatch:alarm stop condition'));
  });
});

describe('DRILL-FIS-6 task action prerequisites, at their edges', () => {
  const latency = (params: Props) => ({ ActionId: 'aws:ecs:task-network-latency', Parameters: { duration: 'PT5M', ...params }, Targets: { Tasks: 'ServiceTasks' } });
  it('reads the endpoint parameter of the network action itself, not of the action before it', () => {
    expect(
      judge(
        taskActionsPrerequisites,
        drill((p) => (p.Actions.Slow = latency({ useEcsFaultInjectionEndpoints: 'true' }))),
        FIS,
      ),
    ).toEqual({ compliance: 'compliant' });
  });
  it('asks for the endpoints on Fargate only', () => {
    const t = drill((p) => (p.Actions.Slow = latency({})));
    expect(judge(taskActionsPrerequisites, t, FIS)).toEqual(failing('action Slow (aws:ecs:task-network-latency) on task definition TaskDefinition: no useEcsFaultInjectionEndpoints=true (Fargate)'));
    delete t.Resources.TaskDefinition.Properties.RequiresCompatibilities;
    expect(judge(taskActionsPrerequisites, t, FIS)).toEqual({ compliance: 'compliant' });
  });
  it('fails two actions in one finding', () => {
    const t = drill((p) => (p.Actions.Slow = latency({})));
    t.Resources.TaskDefinition.Properties.EnableFaultInjection = false;
    expect(judge(taskActionsPrerequisites, t, FIS).detail).toBe(
      'action KillApp (aws:ecs:task-kill-process) on task definition TaskDefinition: no enableFaultInjection; action Slow (aws:ecs:task-network-latency) on task definition TaskDefinition: no enableFaultInjection, no useEcsFaultInjectionEndpoints=true (Fargate)',
    );
  });
  it('leaves an unknown action id alone, and joins the reasons it cannot judge two actions', () => {
    expect(
      judge(
        taskActionsPrerequisites,
        drill((p) => (p.Actions.KillApp.ActionId = 'aws:ecs:task-made-up')),
        FIS,
      ),
    ).toEqual({ compliance: 'not-applicable' });
    const t = drill((p) => {
      p.Targets.ServiceTasks = { ResourceType: 'aws:ecs:task', SelectionMode: 'COUNT(1)', ResourceTags: { app: 'demo' } };
      p.Actions.Again = p.Actions.KillApp;
    });
    const why = 'the target selects tasks by tags or ARNs, not by service';
    expect(judge(taskActionsPrerequisites, t, FIS)).toEqual({ compliance: 'not-applicable', detail: `action KillApp: ${why}; action Again: ${why}` });
  });
});

describe('DRILL-FIS-15 filter paths, at their edges', () => {
  it('answers not-applicable when no ECS task target filters, even on a type it has no field list for', () => {
    expect(judge(filterPathsKnown, compliantTemplate(), FIS)).toEqual({ compliance: 'not-applicable' });
    const t = drill((p) => {
      p.Targets.Instances = { ResourceType: 'aws:ec2:instance', SelectionMode: 'ALL', Filters: [{ Path: 'State.Name', Values: ['running'] }] };
      p.Targets.ServiceTasks.Filters = [{ Path: { Ref: 'FilterPath' }, Values: ['x'] }];
    });
    expect(judge(filterPathsKnown, t, FIS)).toEqual({ compliance: 'not-applicable' });
  });
  it('fails two unknown paths in one finding', () => {
    const t = drill(
      (p) =>
        (p.Targets.ServiceTasks.Filters = [
          { Path: 'lastStatus', Values: ['x'] },
          { Path: 'AvailabilityZone', Values: ['a'] },
          { Path: 'group', Values: ['x'] },
        ]),
    );
    expect(judge(filterPathsKnown, t, FIS)).toEqual(
      failing(
        "target ServiceTasks: filter path 'lastStatus' does not exist on aws:ecs:task (write 'LastStatus': FIS wants PascalCase); target ServiceTasks: filter path 'group' does not exist on aws:ecs:task (write 'Group': FIS wants PascalCase)",
      ),
    );
  });
});

describe('DRILL-FIS-10 action targets exist, at their edges', () => {
  it('lists the targets the template defines, or says it defines none, and reports each missing one', () => {
    const t = drill((p) => {
      p.Targets.Other = p.Targets.ServiceTasks;
      p.Actions.KillApp.Targets = { Tasks: 'Gone', Clusters: { Ref: 'Intrinsic' } };
      p.Actions.Again = { ...p.Actions.KillApp, Targets: { Tasks: 'Lost' } };
    });
    expect(judge(actionTargetsExist, t, FIS)).toEqual(
      failing(
        "action KillApp: Tasks points at target 'Gone', which does not exist (the template defines 'ServiceTasks', 'Other'); action Again: Tasks points at target 'Lost', which does not exist (the template defines 'ServiceTasks', 'Other')",
      ),
    );
    delete t.Resources[FIS].Properties.Targets;
    expect(judge(actionTargetsExist, t, FIS).detail).toMatch(/^action KillApp: Tasks points at target 'Gone', which does not exist \(the template defines no target\);/);
  });
});

describe('DRILL-FIS-12 durations, at their edges', () => {
  it('names the range in seconds, minutes or hours as the action takes it, for each bad duration', () => {
    const t = drill((p) => {
      p.Targets.Volumes = { ResourceType: 'aws:ebs:volume', SelectionMode: 'ALL', ResourceTags: { a: 'b' } };
      p.Targets.Spots = { ResourceType: 'aws:ec2:spot-instance', SelectionMode: 'ALL', ResourceTags: { a: 'b' } };
      p.Actions.Pause = { ActionId: 'aws:ebs:pause-volume-io', Parameters: { duration: 'PT13H' }, Targets: { Volumes: 'Volumes' } };
      p.Actions.Spot = { ActionId: 'aws:ec2:send-spot-instance-interruptions', Parameters: { durationBeforeInterruption: 'PT1M' }, Targets: { SpotInstances: 'Spots' } };
    });
    expect(judge(durationsWithinLimits, t, FIS)).toEqual(
      failing(
        'action Pause: aws:ebs:pause-volume-io takes duration from 1 s to 12 h, got PT13H; action Spot: aws:ec2:send-spot-instance-interruptions takes durationBeforeInterruption from 2 min to 15 min, got PT1M',
      ),
    );
  });
  it('leaves a duration given as an intrinsic, and an unknown action, to other rules', () => {
    const t = drill((p) => {
      p.Actions.Settle = { ActionId: 'aws:fis:wait', Parameters: { duration: { Ref: 'Duration' } } };
      p.Actions.Made = { ActionId: 'aws:fis:made-up', Parameters: { duration: 'PT99H' } };
    });
    expect(judge(durationsWithinLimits, t, FIS)).toEqual({ compliance: 'compliant' });
  });
});

describe('DRILL-FIS-8 experiment logging, at its edges', () => {
  it('fails no logging and logging without a destination, and accepts S3 alone', () => {
    expect(
      judge(
        experimentLogging,
        drill((p) => delete p.LogConfiguration),
        FIS,
      ),
    ).toEqual(failing('no LogConfiguration'));
    expect(
      judge(
        experimentLogging,
        drill((p) => (p.LogConfiguration = { LogSchemaVersion: 2 })),
        FIS,
      ),
    ).toEqual(failing('LogConfiguration without a destination'));
    expect(
      judge(
        experimentLogging,
        drill((p) => (p.LogConfiguration = { LogSchemaVersion: 2, S3Configuration: { BucketName: 'logs' } })),
        FIS,
      ),
    ).toEqual({ compliance: 'compliant' });
  });
});
