/** tasks.replaced on AWS: tasks ECS stopped after the fault because a health check failed. */
import { replacedByHealthCheck, stoppedTaskIds } from '../../../lib/runner/aws/replaced-tasks';
import { serviceTimeline } from '../../../lib/runner/aws/service-events';
import type { TaskView } from '../../../lib/runner/aws/service-api';

const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 4, 0, s));
const faultStart = at(10);
const timelineOf = (...events: [number, string][]) =>
  serviceTimeline(
    events.map(([s, message]) => ({ createdAt: at(s), message })),
    at(0),
    at(600),
  );
const stoppedTask = (id: string, stoppedReason: string): TaskView => ({ arn: `arn:aws:ecs:eu-west-1:1:task/c/${id}`, id, lastStatus: 'STOPPED', stoppedReason, containers: [] });

describe('tasks.replaced from ECS', () => {
  it('counts the tasks stopped after the fault whose stop reason names a failed container or ELB health check', () => {
    const timeline = timelineOf([20, '(service s) has stopped 1 running tasks: (task t1).'], [30, '(service s) has stopped 2 running tasks: (task t2) (task t3).']);
    const tasks = [
      stoppedTask('t1', 'Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:tg)'),
      stoppedTask('t2', 'Task failed container health checks'),
      stoppedTask('t3', 'Scaling activity initiated by (deployment ecs-svc/1)'),
    ];
    expect(replacedByHealthCheck({ timeline, faultStart, tasks, undescribed: [] })).toEqual({ value: 2 });
  });

  it('counts 0 when the tasks that stopped were stopped for another reason (FIS, a deployment)', () => {
    const timeline = timelineOf([20, '(service s) has stopped 1 running tasks: (task t1).']);
    expect(replacedByHealthCheck({ timeline, faultStart, tasks: [stoppedTask('t1', 'Task stopped by FIS')], undescribed: [] })).toEqual({ value: 0 });
    expect(replacedByHealthCheck({ timeline: timelineOf(), faultStart, tasks: [], undescribed: [] })).toEqual({ value: 0 });
  });

  it('leaves out a task stopped by a health check before the fault', () => {
    const timeline = timelineOf([5, '(service s) has stopped 1 running tasks: (task t0).']);
    expect(stoppedTaskIds(timeline, faultStart)).toEqual([]);
    expect(replacedByHealthCheck({ timeline, faultStart, tasks: [stoppedTask('t0', 'Task failed container health checks')], undescribed: [] })).toEqual({ value: 0 });
  });

  it('counts a task ECS no longer describes when a service event said it failed its container health checks', () => {
    const timeline = timelineOf([20, '(service s) (task t4) failed container health checks.'], [21, '(service s) has stopped 1 running tasks: (task t4).']);
    expect(replacedByHealthCheck({ timeline, faultStart, tasks: [], undescribed: ['t4'] })).toEqual({ value: 1 });
  });

  it('rejects a 0 when a stopped task was not described, or the events do not reach back to the fault, and says why', () => {
    const timeline = timelineOf([20, '(service s) has stopped 1 running tasks: (task t5).']);
    expect(replacedByHealthCheck({ timeline, faultStart, tasks: [], undescribed: ['arn:aws:ecs:eu-west-1:1:task/c/t5'] })).toEqual({
      why: expect.stringMatching(/did not describe 1 stopped task\(s\) \(t5\)/),
    });
    expect(replacedByHealthCheck({ timeline: timelineOf(), faultStart, tasks: [], undescribed: [], eventsIncomplete: true })).toEqual({ why: expect.stringMatching(/newest 100 service events/) });
    expect(replacedByHealthCheck({ faultStart, tasks: [], undescribed: [] })).toEqual({ why: expect.stringMatching(/service events could not be read/) });
  });

  it('keeps a count above 0 when facts are missing: the count can only be higher', () => {
    const timeline = timelineOf([20, '(service s) has stopped 2 running tasks: (task t1) (task t6).']);
    expect(replacedByHealthCheck({ timeline, faultStart, tasks: [stoppedTask('t1', 'Task failed container health checks')], undescribed: ['t6'], eventsIncomplete: true })).toEqual({ value: 1 });
  });
});
