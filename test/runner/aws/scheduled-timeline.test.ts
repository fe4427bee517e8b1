import { scheduledTimeline } from '../../../lib/runner/aws/scheduled-timeline';
import { serviceTimeline } from '../../../lib/runner/aws/service-events';

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 4, 0, s));

describe('scheduledTimeline', () => {
  it('merges FIS and ECS events in time order, relative to the experiment start', () => {
    const service = serviceTimeline([{ createdAt: at(3), message: '(service s) has stopped 1 running tasks: (task t1).' }], at(0), at(100));
    const events = scheduledTimeline(
      {
        id: 'EXP1',
        status: 'completed',
        startTime: at(0),
        endTime: at(10),
        tags: {},
        actions: [{ name: 'stop', actionId: 'aws:ecs:stop-task', status: 'completed', startTime: at(1), endTime: at(2) }],
      },
      service,
      at(0),
    );
    expect(events.map((e) => [e.atMs, e.kind, e.task])).toEqual([
      [0, 'experiment-state', undefined],
      [1000, 'action-state', undefined],
      [2000, 'action-state', undefined],
      [3000, 'task-exited', 't1'],
      [10000, 'experiment-state', undefined],
    ]);
    expect(events.at(-1)?.detail).toBe('experiment EXP1 completed');
  });
});
