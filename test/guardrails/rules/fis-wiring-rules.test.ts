import { actionTargetKeys } from '../../../lib/guardrails/rules/fis/action-target-keys';
import { actionTargetsExist } from '../../../lib/guardrails/rules/fis/action-targets-exist';
import { durationsWithinLimits } from '../../../lib/guardrails/rules/fis/durations-within-limits';
import { emptyTargetSkip } from '../../../lib/guardrails/rules/fis/empty-target-skip';
import { filterPathsKnown } from '../../../lib/guardrails/rules/fis/filter-paths-known';
import { isoDurationSeconds } from '../../../lib/guardrails/rules/fis/iso-duration';
import { selectionModeProblem, selectionModesParse } from '../../../lib/guardrails/rules/fis/selection-modes-parse';
import { startAfterExists } from '../../../lib/guardrails/rules/fis/start-after-exists';
import { targetSelectionExclusive } from '../../../lib/guardrails/rules/fis/target-selection-exclusive';
import { taskTagsPropagated } from '../../../lib/guardrails/rules/fis/task-tags-propagated';
import { compliantTemplate, judge, withEdit, type Props } from '../fixture';

const FIS = 'KillDrill';
const drill = (edit: (p: Props) => void) => withEdit(FIS, edit);
const wait = (duration: string) => ({ ActionId: 'aws:fis:wait', Parameters: { duration } });

describe('DRILL-FIS-9 action target keys', () => {
  it('accepts kill-process with its Tasks key, and a wait with no target', () => {
    expect(
      judge(
        actionTargetKeys,
        drill((p) => {
          p.Actions.Settle = wait('PT1M');
        }),
        FIS,
      ).compliance,
    ).toBe('compliant');
  });
  it('fails a key the action does not take, naming the one it takes', () => {
    const r = judge(
      actionTargetKeys,
      drill((p) => {
        p.Actions.KillApp.Targets = { Clusters: 'ServiceTasks' };
      }),
      FIS,
    );
    expect(r.detail).toBe("action KillApp: aws:ecs:task-kill-process takes target key 'Tasks' (aws:ecs:task), not 'Clusters'");
  });
  it('fails an action with a resource type and no target, and a target on a target-less action', () => {
    const r = judge(
      actionTargetKeys,
      drill((p) => {
        delete p.Actions.KillApp.Targets;
        p.Actions.Settle = { ...wait('PT1M'), Targets: { Tasks: 'ServiceTasks' } };
      }),
      FIS,
    );
    expect(r.detail).toBe("action KillApp: aws:ecs:task-kill-process needs a target under key 'Tasks' (aws:ecs:task); action Settle: aws:fis:wait takes no target, got key(s) Tasks");
  });
});

describe('DRILL-FIS-10 referenced targets exist', () => {
  it('accepts an action pointing at a defined target', () => {
    expect(judge(actionTargetsExist, compliantTemplate(), FIS).compliance).toBe('compliant');
  });
  it('fails an action pointing at a target name that does not exist', () => {
    const r = judge(
      actionTargetsExist,
      drill((p) => {
        p.Actions.KillApp.Targets.Tasks = 'ServiceTask';
      }),
      FIS,
    );
    expect(r.detail).toBe("action KillApp: Tasks points at target 'ServiceTask', which does not exist (the template defines 'ServiceTasks')");
  });
});

describe('DRILL-FIS-11 StartAfter names existing actions', () => {
  it('accepts a chain of existing actions', () => {
    expect(
      judge(
        startAfterExists,
        drill((p) => {
          p.Actions.Settle = wait('PT1M');
          p.Actions.KillApp.StartAfter = ['Settle'];
        }),
        FIS,
      ).compliance,
    ).toBe('compliant');
  });
  it('fails a StartAfter naming a missing action', () => {
    const r = judge(
      startAfterExists,
      drill((p) => {
        p.Actions.KillApp.StartAfter = ['Warmup'];
      }),
      FIS,
    );
    expect(r.detail).toBe("action KillApp: StartAfter names 'Warmup', which is not an action of this template (actions: KillApp)");
  });
  it('fails a cycle', () => {
    const r = judge(
      startAfterExists,
      drill((p) => {
        p.Actions.Settle = { ...wait('PT1M'), StartAfter: ['KillApp'] };
        p.Actions.KillApp.StartAfter = ['Settle'];
      }),
      FIS,
    );
    expect(r.detail).toMatch(/^StartAfter forms a cycle: (KillApp -> Settle -> KillApp|Settle -> KillApp -> Settle)$/);
  });
});

describe('DRILL-FIS-12 durations are ISO 8601 within the action limits', () => {
  it('reads ISO 8601 durations in seconds', () => {
    expect([isoDurationSeconds('PT1M'), isoDurationSeconds('PT1H30M'), isoDurationSeconds('PT5S'), isoDurationSeconds('P1D')]).toEqual([60, 5400, 5, 86400]);
    expect([isoDurationSeconds('5m'), isoDurationSeconds('PT'), isoDurationSeconds('P'), isoDurationSeconds('PT1Y')]).toEqual([undefined, undefined, undefined, undefined]);
  });
  it('accepts one minute and 12 hours', () => {
    expect(
      judge(
        durationsWithinLimits,
        drill((p) => {
          p.Actions.A = wait('PT1M');
          p.Actions.B = wait('PT12H');
        }),
        FIS,
      ).compliance,
    ).toBe('compliant');
  });
  it.each([
    ['5 minutes', "action Settle: duration '5 minutes' is not an ISO 8601 duration (FIS takes e.g. PT5M, 1 min to 12 h)"],
    ['PT30S', 'action Settle: aws:fis:wait takes duration from 1 min to 12 h, got PT30S'],
    ['PT13H', 'action Settle: aws:fis:wait takes duration from 1 min to 12 h, got PT13H'],
  ])('fails a wait of %s', (duration, detail) => {
    expect(
      judge(
        durationsWithinLimits,
        drill((p) => {
          p.Actions.Settle = wait(duration);
        }),
        FIS,
      ).detail,
    ).toBe(detail);
  });
});

describe('DRILL-FIS-13 selection modes parse', () => {
  it.each(['ALL', 'COUNT(1)', 'PERCENT(100)'])('accepts %s', (mode) => {
    expect(selectionModeProblem(mode)).toBeUndefined();
    expect(
      judge(
        selectionModesParse,
        drill((p) => {
          p.Targets.ServiceTasks.SelectionMode = mode;
        }),
        FIS,
      ).compliance,
    ).toBe('compliant');
  });
  it.each([
    ['COUNT(0)', /COUNT takes n of 1 or more/],
    ['PERCENT(150)', /PERCENT takes n from 1 to 100/],
    ['RANDOM', /is not ALL, COUNT\(n\) or PERCENT\(n\)/],
    ['count(1)', /is not ALL/],
  ])('fails %s', (mode, why) => {
    expect(
      judge(
        selectionModesParse,
        drill((p) => {
          p.Targets.ServiceTasks.SelectionMode = mode;
        }),
        FIS,
      ).detail,
    ).toMatch(why);
  });
});

describe('DRILL-FIS-14 ARNs or tags/filters, not both', () => {
  const arn = 'arn:aws:ecs:eu-west-1:111122223333:task/c/0123';
  it('accepts ARNs alone, and tags with filters', () => {
    expect(
      judge(
        targetSelectionExclusive,
        drill((p) => {
          p.Targets.ServiceTasks = { ResourceType: 'aws:ecs:task', SelectionMode: 'ALL', ResourceArns: [arn] };
        }),
        FIS,
      ).compliance,
    ).toBe('compliant');
    expect(
      judge(
        targetSelectionExclusive,
        drill((p) => {
          p.Targets.ServiceTasks.ResourceTags = { a: 'b' };
          p.Targets.ServiceTasks.Filters = [{ Path: 'LastStatus', Values: ['RUNNING'] }];
        }),
        FIS,
      ).compliance,
    ).toBe('compliant');
  });
  it('fails ARNs with filters, and more than 5 ARNs', () => {
    const r = judge(
      targetSelectionExclusive,
      drill((p) => {
        p.Targets.ServiceTasks.ResourceArns = Array(6).fill(arn);
        p.Targets.ServiceTasks.Filters = [{ Path: 'LastStatus', Values: ['RUNNING'] }];
      }),
      FIS,
    );
    expect(r.detail).toBe('target ServiceTasks: ResourceArns with Filters (FIS takes ARNs, or tags and/or filters, not both); target ServiceTasks: 6 ResourceArns (FIS takes at most 5)');
  });
  it('fails a target selected by tags for an action that takes ARNs only', () => {
    const t = drill((p) => {
      p.Targets.Role = { ResourceType: 'aws:iam:role', SelectionMode: 'ALL', ResourceTags: { team: 'x' } };
      p.Actions.Ice = {
        ActionId: 'aws:ec2:api-insufficient-instance-capacity-error',
        Parameters: { duration: 'PT5M', availabilityZoneIdentifiers: 'use1-az1', percentage: '100' },
        Targets: { Roles: 'Role' },
      };
    });
    expect(judge(targetSelectionExclusive, t, FIS).detail).toBe('target Role: aws:ec2:api-insufficient-instance-capacity-error (action Ice) takes its target by ResourceArns only');
  });
});

describe('DRILL-FIS-15 filter paths exist for the resource type', () => {
  const filtering = (path: string) =>
    drill((p) => {
      p.Targets.ServiceTasks.Filters = [{ Path: path, Values: ['x'] }];
    });
  it('accepts AvailabilityZone and LastStatus on aws:ecs:task', () => {
    expect(judge(filterPathsKnown, filtering('AvailabilityZone'), FIS).compliance).toBe('compliant');
    expect(judge(filterPathsKnown, filtering('LastStatus'), FIS).compliance).toBe('compliant');
  });
  it('fails a camelCase path and says how FIS wants it', () => {
    expect(judge(filterPathsKnown, filtering('availabilityZone'), FIS).detail).toBe(
      "target ServiceTasks: filter path 'availabilityZone' does not exist on aws:ecs:task (write 'AvailabilityZone': FIS wants PascalCase)",
    );
  });
  it('fails a path ECS tasks do not have', () => {
    expect(judge(filterPathsKnown, filtering('Placement.AvailabilityZone'), FIS).detail).toMatch(/'Placement.AvailabilityZone' does not exist on aws:ecs:task \(top-level fields: Attachments, /);
  });
});

describe('DRILL-FIS-16 emptyTargetResolutionMode skip', () => {
  const skipping = drill((p) => {
    p.ExperimentOptions.EmptyTargetResolutionMode = 'skip';
  });
  it('accepts fail', () => {
    expect(judge(emptyTargetSkip, compliantTemplate(), FIS).compliance).toBe('compliant');
  });
  it('fails skip as a warning outside production', () => {
    expect(judge(emptyTargetSkip, skipping, FIS)).toMatchObject({ compliance: 'non-compliant', severity: 'warning' });
  });
  it('fails skip as an error in production', () => {
    expect(judge(emptyTargetSkip, skipping, FIS, { environment: 'production' })).toMatchObject({ compliance: 'non-compliant', severity: 'error' });
  });
});

describe('DRILL-FIS-17 tag-selected task targets need tags on the tasks', () => {
  const byTags = (propagate?: string) => {
    const t = compliantTemplate();
    t.Resources.Service.Properties.Tags = [{ Key: 'drill', Value: 'yes' }];
    if (propagate) t.Resources.Service.Properties.PropagateTags = propagate;
    t.Resources[FIS].Properties.Targets.ServiceTasks = { ResourceType: 'aws:ecs:task', SelectionMode: 'COUNT(1)', ResourceTags: { drill: 'yes' } };
    return t;
  };
  it('accepts a service that propagates its tags to its tasks', () => {
    expect(judge(taskTagsPropagated, byTags('SERVICE'), FIS).compliance).toBe('compliant');
  });
  it('fails a tagged service that does not propagate tags', () => {
    expect(judge(taskTagsPropagated, byTags(), FIS).detail).toBe(
      'target ServiceTasks selects tasks by tags drill=yes, but service Service does not propagate tags to its tasks (PropagateTags unset): no task carries them, the target resolves nothing; set PropagateTags: SERVICE (with the tags on the service)',
    );
  });
  it('fails a service that propagates task definition tags without the selected one', () => {
    expect(judge(taskTagsPropagated, byTags('TASK_DEFINITION'), FIS).detail).toMatch(/propagates its task definition tags, which lack them$/);
  });
  it('does not judge tags no service in the templates carries, and says so', () => {
    const t = byTags('SERVICE');
    t.Resources.Service.Properties.Tags = [];
    expect(judge(taskTagsPropagated, t, FIS)).toEqual({ compliance: 'not-applicable', notes: [expect.stringMatching(/no service in the templates checked has them: not judged/)] });
  });
});
