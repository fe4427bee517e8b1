/**
 * The edges of the rules that follow links inside an experiment template — its target to the
 * drilled service (DRILL-FIS-7 through fis-links), StartAfter between actions, its role's trust
 * policy — read whole: compliance, detail naming what and where, on edits of the compliant fixture.
 */
import { noEcsExecOnDrilledService } from '../../../lib/guardrails/rules/fis/no-ecs-exec-on-drilled-service';
import { roleTrustConfusedDeputy } from '../../../lib/guardrails/rules/fis/role-trust-confused-deputy';
import { startAfterExists } from '../../../lib/guardrails/rules/fis/start-after-exists';
import { taskActionsPrerequisites } from '../../../lib/guardrails/rules/fis/task-actions-prerequisites';
import { compliantTemplate, judge, withEdit, type Props } from '../fixture';

const FIS = 'KillDrill';
const drill = (edit: (p: Props) => void) => withEdit(FIS, edit);
const wait = (startAfter?: string[]) => ({ ActionId: 'aws:fis:wait', Parameters: { duration: 'PT1M' }, ...(startAfter ? { StartAfter: startAfter } : {}) });

/** The fixture with ECS Exec on the drilled service and the target's `service` parameter set to `service`. */
const execOnWith = (service: unknown) => {
  const t = compliantTemplate();
  t.Resources.Service.Properties.EnableExecuteCommand = true;
  t.Resources.Service.Properties.ServiceName = 'web';
  t.Resources[FIS].Properties.Targets.ServiceTasks.Parameters.service = service;
  return t;
};

describe('DRILL-FIS-7 ECS Exec off on the drilled service, at its edges', () => {
  it('fails each action that drills the service, in one finding', () => {
    const t = execOnWith({ 'Fn::GetAtt': ['Service', 'Name'] });
    t.Resources[FIS].Properties.Actions.Stress = { ActionId: 'aws:ecs:task-cpu-stress', Parameters: { duration: 'PT2M' }, Targets: { Tasks: 'ServiceTasks' } };
    expect(judge(noEcsExecOnDrilledService, t, FIS)).toEqual({
      compliance: 'non-compliant',
      detail: 'action KillApp drills service Service, which has ECS Exec enabled; action Stress drills service Service, which has ECS Exec enabled',
    });
  });
  it('finds the service by the name at the end of a literal service ARN', () => {
    expect(judge(noEcsExecOnDrilledService, execOnWith('arn:aws:ecs:eu-west-1:111122223333:service/demo/web'), FIS).compliance).toBe('non-compliant');
  });
  it('does not judge a service name, or an import, the templates do not define, and says which', () => {
    expect(judge(noEcsExecOnDrilledService, execOnWith('arn:aws:ecs:eu-west-1:111122223333:service/demo/other'), FIS)).toEqual({
      compliance: 'not-applicable',
      detail: 'action KillApp: service "arn:aws:ecs:eu-west-1:111122223333:service/demo/other" is not in the templates checked',
    });
    expect(judge(noEcsExecOnDrilledService, execOnWith({ 'Fn::ImportValue': 'web-service' }), FIS)).toEqual({
      compliance: 'not-applicable',
      detail: 'action KillApp: service {"Fn::ImportValue":"web-service"} is not in the templates checked',
    });
  });
  it('does not judge tasks selected by tags, and says why', () => {
    const t = execOnWith(undefined);
    t.Resources[FIS].Properties.Targets.ServiceTasks = { ResourceType: 'aws:ecs:task', SelectionMode: 'COUNT(1)', ResourceTags: { app: 'web' } };
    expect(judge(noEcsExecOnDrilledService, t, FIS)).toEqual({ compliance: 'not-applicable', detail: 'action KillApp: the target selects tasks by tags or ARNs, not by service' });
  });
  it.each<[string, (p: Props) => void]>([
    ['stop-task, which runs no sidecar', (p) => (p.Actions.KillApp.ActionId = 'aws:ecs:stop-task')],
    ['an action id the catalogue does not know', (p) => (p.Actions.KillApp.ActionId = 'aws:ecs:task-made-up')],
    ['an action whose target is not in the template', (p) => (p.Actions.KillApp.Targets = { Tasks: 'NoSuchTarget' })],
    ['an action on a target that is not ECS tasks', (p) => (p.Targets.ServiceTasks.ResourceType = 'aws:ecs:cluster')],
  ])('leaves alone %s, even with ECS Exec on', (_what, edit) => {
    const t = execOnWith({ 'Fn::GetAtt': ['Service', 'Name'] });
    edit(t.Resources[FIS].Properties);
    expect(judge(noEcsExecOnDrilledService, t, FIS)).toEqual({ compliance: 'not-applicable' });
  });
  it('does not judge the prerequisites of a service whose task definition is not in the templates, and says so', () => {
    const t = withEdit('Service', (p) => {
      p.TaskDefinition = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/app:3';
    });
    expect(judge(taskActionsPrerequisites, t, FIS)).toEqual({
      compliance: 'not-applicable',
      detail: 'action KillApp: the task definition of service Service is not in the templates checked',
    });
  });
});

describe('DRILL-FIS-11 StartAfter, at its edges', () => {
  it('fails an action that waits for itself, without calling it a cycle', () => {
    expect(
      judge(
        startAfterExists,
        drill((p) => (p.Actions.KillApp.StartAfter = ['KillApp'])),
        FIS,
      ),
    ).toEqual({
      compliance: 'non-compliant',
      detail: 'action KillApp: StartAfter names itself',
    });
  });
  it('fails a missing name and a cycle in one finding, listing the actions there are', () => {
    const t = drill((p) => {
      p.Actions.Settle = wait(['Warmup', 'KillApp']);
      p.Actions.KillApp.StartAfter = ['Settle'];
    });
    expect(judge(startAfterExists, t, FIS)).toEqual({
      compliance: 'non-compliant',
      detail: "action Settle: StartAfter names 'Warmup', which is not an action of this template (actions: KillApp, Settle); StartAfter forms a cycle: KillApp -> Settle -> KillApp",
    });
  });
  it('names only the actions in the cycle, not the one that leads into it', () => {
    const t = drill((p) => {
      p.Actions.KillApp.StartAfter = ['A'];
      p.Actions.A = wait(['B']);
      p.Actions.B = wait(['A']);
    });
    expect(judge(startAfterExists, t, FIS).detail).toBe('StartAfter forms a cycle: A -> B -> A');
  });
  it('finds a cycle through the second action an action waits for', () => {
    const t = drill((p) => {
      p.Actions.KillApp.StartAfter = ['Settle', 'Warm'];
      p.Actions.Settle = wait();
      p.Actions.Warm = wait(['KillApp']);
    });
    expect(judge(startAfterExists, t, FIS).detail).toBe('StartAfter forms a cycle: KillApp -> Warm -> KillApp');
  });
  it('accepts a diamond, and leaves an intrinsic in StartAfter to CloudFormation', () => {
    const t = drill((p) => {
      p.Actions.KillApp.StartAfter = ['Left', 'Right', { Ref: 'FirstAction' }];
      p.Actions.Left = wait(['Root']);
      p.Actions.Right = wait(['Root']);
      p.Actions.Root = wait();
    });
    expect(judge(startAfterExists, t, FIS)).toEqual({ compliance: 'compliant' });
  });
});

describe('DRILL-FIS-4 the role trusts FIS only with the confused-deputy conditions, at its edges', () => {
  const statements = (edit: (list: Props[]) => void) => withEdit('ExperimentRole', (p) => edit(p.AssumeRolePolicyDocument.Statement));
  const bare = { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'fis.amazonaws.com' } };
  it('fails a role that does not trust FIS at all, naming it', () => {
    const t = statements((list) => (list[0].Principal = { Service: 'ecs-tasks.amazonaws.com' }));
    expect(judge(roleTrustConfusedDeputy, t, FIS)).toEqual({ compliance: 'non-compliant', detail: 'role ExperimentRole does not trust fis.amazonaws.com' });
  });
  it('judges only the statements that allow FIS: a Deny and another service left alone', () => {
    const t = statements((list) => {
      list.push({ ...bare, Effect: 'Deny' });
      list.push({ ...bare, Principal: { Service: ['ecs-tasks.amazonaws.com'] } });
      list.push({ ...bare, Principal: { AWS: 'arn:aws:iam::111122223333:root' } });
    });
    expect(judge(roleTrustConfusedDeputy, t, FIS)).toEqual({ compliance: 'compliant' });
  });
  it('fails every statement that allows FIS without the conditions, in one finding', () => {
    const t = statements((list) => {
      list.push(bare);
      list.push({ ...bare, Principal: { Service: ['ecs-tasks.amazonaws.com', 'fis.amazonaws.com'] }, Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } });
    });
    expect(judge(roleTrustConfusedDeputy, t, FIS)).toEqual({
      compliance: 'non-compliant',
      detail: 'role ExperimentRole trusts FIS without aws:SourceAccount and aws:SourceArn; role ExperimentRole trusts FIS without aws:SourceArn',
    });
  });
});
