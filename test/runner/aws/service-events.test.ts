import { classifyServiceEvent, replacementFigures, serviceTimeline, taskIdsIn } from '../../../lib/runner/aws/service-events';

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 4, 0, s));

describe('service events', () => {
  it.each([
    ['(service demo) has started 1 tasks: (task abc123).', 'started'],
    ['(service demo) registered 1 targets in (target-group arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/demo/1)', 'registered'],
    ['(service demo) has stopped 1 running tasks: (task abc123).', 'stopped'],
    ['(service demo) deregistered 1 targets in (target-group arn:tg)', 'deregistered'],
    ['(service demo, taskSet ecs-svc/123) has begun draining connections on 1 tasks.', 'draining'],
    ['(service demo) has begun draining connections on 1 tasks.', 'draining'],
    ['(service demo) (task abc) (port 8080) is unhealthy in (target-group arn:tg) due to (reason Health checks failed).', 'unhealthy'],
    ['(service demo) has reached a steady state.', 'steady'],
    ['(service demo) (deployment ecs-svc/1) deployment completed.', 'deployment-completed'],
    ['(service demo) was unable to place a task.', 'other'],
  ])('classifies %s as %s', (message, kind) => {
    expect(classifyServiceEvent(message)).toBe(kind);
  });

  it('reads every task id from a message', () => {
    expect(taskIdsIn('(service demo) has started 2 tasks: (task aa11) (task bb22).')).toEqual(['aa11', 'bb22']);
  });

  it('keeps the window oldest first, with timeline kinds', () => {
    const events = [
      { createdAt: at(50), message: '(service demo) has reached a steady state.' },
      { createdAt: at(10), message: '(service demo) has stopped 1 running tasks: (task aa11).' },
      { createdAt: at(0), message: '(service demo) has started 1 tasks: (task old).' },
    ];
    const timeline = serviceTimeline(events, at(5), at(60));
    expect(timeline.map((e) => [e.kind, e.tasks])).toEqual([
      ['task-exited', ['aa11']],
      ['steady', []],
    ]);
  });

  it('measures replacement launch and registration from the fault start', () => {
    const timeline = serviceTimeline(
      [
        { createdAt: at(2), message: '(service demo) registered 1 targets in (target-group x)' },
        { createdAt: at(18), message: '(service demo) has started 1 tasks: (task new1).' },
        { createdAt: at(45), message: '(service demo) registered 1 targets in (target-group x)' },
      ],
      at(0),
      at(60),
    );
    expect(replacementFigures(timeline, at(0))).toEqual({ 'replacement.launchSeconds': 18, 'replacement.healthySeconds': 45 });
  });

  it('leaves replacement figures unmeasured when no task started', () => {
    expect(replacementFigures([], at(0))).toEqual({});
  });
});
