/**
 * The edges of the target-selection rules (DRILL-FIS-14, DRILL-FIS-17) that their main tests leave
 * open: where a count is exactly at its limit, an empty map, the action that only takes tags, and
 * every finding read whole (compliance, detail, notes). Each case is an edit of the compliant fixture.
 */
import { targetSelectionExclusive } from '../../../lib/guardrails/rules/fis/target-selection-exclusive';
import { taskTagsPropagated } from '../../../lib/guardrails/rules/fis/task-tags-propagated';
import { compliantTemplate, judge, withEdit, type Props } from '../fixture';

const FIS = 'KillDrill';
const drill = (edit: (p: Props) => void) => withEdit(FIS, edit);
const arn = 'arn:aws:ecs:eu-west-1:111122223333:task/c/0123';
const running = [{ Path: 'LastStatus', Values: ['RUNNING'] }];

/** The fixture with its task target selected by ARNs (the ECS parameters left out). */
const byArns = (count: number, extra: Props = {}) =>
  drill((p) => {
    p.Targets.ServiceTasks = { ResourceType: 'aws:ecs:task', SelectionMode: 'ALL', ResourceArns: Array(count).fill(arn), ...extra };
  });

/** A second target and an action that takes it by ResourceArns only (the ICE action on a role). */
const iceOn = (role: Props) =>
  drill((p) => {
    p.Targets.Role = { ResourceType: 'aws:iam:role', SelectionMode: 'ALL', ...role };
    p.Actions.Ice = {
      ActionId: 'aws:ec2:api-insufficient-instance-capacity-error',
      Parameters: { duration: 'PT5M', availabilityZoneIdentifiers: 'use1-az1', percentage: '100' },
      Targets: { Roles: 'Role' },
    };
  });
const roleArn = 'arn:aws:iam::111122223333:role/app';

/** A second target and S3 replication pause, which takes its bucket by ResourceTags only. */
const pauseOn = (bucket: Props) =>
  drill((p) => {
    p.Targets.Bucket = { ResourceType: 'aws:s3:bucket', SelectionMode: 'ALL', ...bucket };
    p.Actions.Pause = { ActionId: 'aws:s3:bucket-pause-replication', Parameters: { duration: 'PT5M', region: 'eu-west-1' }, Targets: { Buckets: 'Bucket' } };
  });

describe('DRILL-FIS-14 at its edges', () => {
  it('accepts exactly 5 ARNs, and ARNs next to an empty tag map', () => {
    expect(judge(targetSelectionExclusive, byArns(5), FIS)).toEqual({ compliance: 'compliant' });
    expect(judge(targetSelectionExclusive, byArns(1, { ResourceTags: {} }), FIS)).toEqual({ compliance: 'compliant' });
  });
  it('fails ARNs with tags and filters, naming both, and more than 5 ARNs, in one finding', () => {
    expect(judge(targetSelectionExclusive, byArns(6, { ResourceTags: { app: 'demo' }, Filters: running }), FIS)).toEqual({
      compliance: 'non-compliant',
      detail: 'target ServiceTasks: ResourceArns with ResourceTags and Filters (FIS takes ARNs, or tags and/or filters, not both); target ServiceTasks: 6 ResourceArns (FIS takes at most 5)',
    });
  });
  it('fails ARNs with tags alone, naming the tags', () => {
    expect(judge(targetSelectionExclusive, byArns(1, { ResourceTags: { app: 'demo' } }), FIS).detail).toBe(
      'target ServiceTasks: ResourceArns with ResourceTags (FIS takes ARNs, or tags and/or filters, not both)',
    );
  });
  it('accepts an ARN-only action given its target by ARNs alone', () => {
    expect(judge(targetSelectionExclusive, iceOn({ ResourceArns: [roleArn] }), FIS)).toEqual({ compliance: 'compliant' });
  });
  it.each<[string, Props]>([
    ['an empty ARN list', { ResourceArns: [] }],
    ['ARNs next to an empty tag map', { ResourceArns: [roleArn], ResourceTags: {} }],
    ['ARNs with filters', { ResourceArns: [roleArn], Filters: running }],
    ['ARNs with parameters', { ResourceArns: [roleArn], Parameters: { x: 'y' } }],
  ])('fails an ARN-only action given %s', (_what, role) => {
    const r = judge(targetSelectionExclusive, iceOn(role), FIS);
    expect(r.compliance).toBe('non-compliant');
    expect(r.detail).toMatch(/target Role: aws:ec2:api-insufficient-instance-capacity-error \(action Ice\) takes its target by ResourceArns only$/);
  });
  it('accepts a tag-only action given its bucket by tags', () => {
    expect(judge(targetSelectionExclusive, pauseOn({ ResourceTags: { replicated: 'yes' } }), FIS)).toEqual({ compliance: 'compliant' });
  });
  it('fails a tag-only action given its bucket by ARN or by filters alone', () => {
    expect(judge(targetSelectionExclusive, pauseOn({ ResourceArns: ['arn:aws:s3:::logs'] }), FIS)).toEqual({
      compliance: 'non-compliant',
      detail: 'target Bucket: aws:s3:bucket-pause-replication (action Pause) takes its target by ResourceTags only',
    });
    expect(judge(targetSelectionExclusive, pauseOn({ Filters: [{ Path: 'Name', Values: ['logs'] }] }), FIS).detail).toBe(
      'target Bucket: aws:s3:bucket-pause-replication (action Pause) takes its target by ResourceTags only',
    );
  });
  it('leaves an action id the catalogue does not know, and a target name that does not exist, to the other rules', () => {
    const t = iceOn({ ResourceArns: [roleArn] });
    t.Resources[FIS].Properties.Actions.Made = { ActionId: 'aws:ecs:made-up', Targets: { Tasks: 'ServiceTasks' } };
    t.Resources[FIS].Properties.Actions.Ice.Targets = { Roles: 'NoSuchTarget' };
    expect(judge(targetSelectionExclusive, t, FIS)).toEqual({ compliance: 'compliant' });
  });
});

describe('DRILL-FIS-17 at its edges', () => {
  /** The fixture with its task target selected by `tags`, the service tagged with `serviceTags`. */
  const byTags = (tags: Props, serviceTags: { Key: string; Value: string }[], propagate?: string, params?: Props) => {
    const t = compliantTemplate();
    t.Resources.Service.Properties.Tags = serviceTags;
    if (propagate) t.Resources.Service.Properties.PropagateTags = propagate;
    t.Resources[FIS].Properties.Targets.ServiceTasks = { ResourceType: 'aws:ecs:task', SelectionMode: 'COUNT(1)', ResourceTags: tags, ...(params ? { Parameters: params } : {}) };
    return t;
  };
  const drillTag = [{ Key: 'drill', Value: 'yes' }];
  const service = { cluster: { Ref: 'Cluster' }, service: { 'Fn::GetAtt': ['Service', 'Name'] } };

  it('answers not-applicable, with no note, for a template whose targets select no tasks by tags', () => {
    expect(judge(taskTagsPropagated, compliantTemplate(), FIS)).toEqual({ compliance: 'not-applicable' });
    expect(judge(taskTagsPropagated, byTags({}, drillTag), FIS)).toEqual({ compliance: 'not-applicable' });
    const instances = drill((p) => {
      p.Targets.Instances = { ResourceType: 'aws:ec2:instance', SelectionMode: 'ALL', ResourceTags: { drill: 'yes' } };
    });
    expect(judge(taskTagsPropagated, instances, FIS)).toEqual({ compliance: 'not-applicable' });
  });
  it('accepts a service that propagates its tags, found by the tags alone', () => {
    expect(judge(taskTagsPropagated, byTags({ drill: 'yes' }, drillTag, 'SERVICE'), FIS)).toEqual({ compliance: 'compliant' });
  });
  it('does not take a service carrying one of two selected tags for the one the target means', () => {
    expect(judge(taskTagsPropagated, byTags({ drill: 'yes', team: 'web' }, drillTag, 'SERVICE'), FIS)).toEqual({
      compliance: 'not-applicable',
      notes: ['target ServiceTasks selects tasks by tags drill=yes, team=web; no service in the templates checked has them: not judged'],
    });
  });
  it('fails the service the target names by parameter when its propagated service tags lack the selected one', () => {
    expect(judge(taskTagsPropagated, byTags({ drill: 'yes' }, [{ Key: 'team', Value: 'web' }], 'SERVICE', service), FIS)).toEqual({
      compliance: 'non-compliant',
      detail: 'target ServiceTasks selects tasks by tags drill=yes, but service Service propagates its service tags, which lack them',
      notes: [],
    });
  });
  it('fails task definition tags as lacking the selected ones when the task definition is not in the templates', () => {
    const t = byTags({ drill: 'yes' }, drillTag, 'TASK_DEFINITION');
    t.Resources.Service.Properties.TaskDefinition = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/app:3';
    expect(judge(taskTagsPropagated, t, FIS).detail).toBe('target ServiceTasks selects tasks by tags drill=yes, but service Service propagates its task definition tags, which lack them');
  });
  it('fails two tag-selected targets in one finding, keeping the note of a third it cannot link', () => {
    const t = byTags({ drill: 'yes' }, drillTag);
    t.Resources[FIS].Properties.Targets.Again = { ResourceType: 'aws:ecs:task', SelectionMode: 'ALL', ResourceTags: { drill: 'yes' } };
    t.Resources[FIS].Properties.Targets.Other = { ResourceType: 'aws:ecs:task', SelectionMode: 'ALL', ResourceTags: { app: 'other' } };
    const unset = 'does not propagate tags to its tasks (PropagateTags unset): no task carries them, the target resolves nothing; set PropagateTags: SERVICE (with the tags on the service)';
    expect(judge(taskTagsPropagated, t, FIS)).toEqual({
      compliance: 'non-compliant',
      detail: `target ServiceTasks selects tasks by tags drill=yes, but service Service ${unset}; target Again selects tasks by tags drill=yes, but service Service ${unset}`,
      notes: ['target Other selects tasks by tags app=other; no service in the templates checked has them: not judged'],
    });
  });
});
