/** Pure rules that keep figures honest when AWS answers with less than was asked. */
import { eventsLimitNote } from '../../../lib/runner/aws/collect-evidence';
import { metricPeriodFor } from '../../../lib/runner/aws/metric-period';
import { recoverySecondsFromEvents } from '../../../lib/runner/aws/scheduled-report';
import { classifyServiceEvent, rebalancingState, serviceTimeline } from '../../../lib/runner/aws/service-events';
import type { ServiceView } from '../../../lib/runner/aws/service-api';

const NOW = new Date('2026-11-30T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe('the GetMetricData period for a window', () => {
  it('is 60 s for a window under 15 days old', () => {
    expect(metricPeriodFor(daysAgo(14.9), NOW)).toEqual({ periodSeconds: 60 });
  });

  it('is 300 s from 15 days, and says why', () => {
    expect(metricPeriodFor(daysAgo(15), NOW)).toMatchObject({ periodSeconds: 300, note: expect.stringMatching(/15 days ago.*5-minute/) });
    expect(metricPeriodFor(daysAgo(62.9), NOW).periodSeconds).toBe(300);
  });

  it('is 3600 s from 63 days, and warns past 455 days that nothing is kept', () => {
    expect(metricPeriodFor(daysAgo(63), NOW)).toMatchObject({ periodSeconds: 3600, note: expect.not.stringMatching(/455/) });
    expect(metricPeriodFor(daysAgo(456), NOW).note).toMatch(/after 455 days CloudWatch keeps nothing/);
  });
});

describe('the 100-event limit of DescribeServices', () => {
  const service = (count: number, oldest: Date): ServiceView => ({
    name: 's',
    running: 2,
    desired: 2,
    pending: 0,
    deployments: [],
    events: Array.from({ length: count }, (_, i) => ({ createdAt: new Date(oldest.getTime() + i * 1000), message: `event ${i}` })),
  });
  const windowStart = new Date('2026-11-30T10:00:00Z');

  it('notes the timeline as incomplete when 100 events all postdate the window start', () => {
    expect(eventsLimitNote(service(100, new Date('2026-11-30T10:05:00Z')), windowStart)).toMatch(/timeline incomplete: ECS returns only the newest 100/);
  });

  it('says nothing when the events reach back past the window start, or are fewer than 100', () => {
    expect(eventsLimitNote(service(100, new Date('2026-11-30T09:59:00Z')), windowStart)).toBeUndefined();
    expect(eventsLimitNote(service(99, new Date('2026-11-30T10:05:00Z')), windowStart)).toBeUndefined();
  });
});

describe('AZ rebalancing in the service events', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 10, 0, s));
  const from = at(0);
  const ev = (s: number, message: string) => ({ createdAt: at(s), message });
  const started = 'service (svc) is not AZ balanced with 0 tasks in eu-west-1a, 3 tasks in eu-west-1b. AZ Rebalancing in progress.';
  const completed = 'service (svc) is AZ balanced with 2 tasks in eu-west-1a, 2 tasks in eu-west-1b.';

  it('tells a rebalancing start from its completion (the start also says "AZ balanced")', () => {
    expect(classifyServiceEvent(started)).toBe('rebalancing-started');
    expect(classifyServiceEvent(completed)).toBe('rebalancing-completed');
    expect(classifyServiceEvent('(service svc) has reached a steady state.')).toBe('steady');
  });

  it('is pending after a start and completed once a completion follows it', () => {
    expect(rebalancingState(serviceTimeline([ev(10, started)], from, at(60)), from)).toEqual({ state: 'pending', at: at(10) });
    expect(rebalancingState(serviceTimeline([ev(30, completed), ev(10, started)], from, at(60)), from)).toEqual({ state: 'completed', at: at(30) });
    expect(rebalancingState(serviceTimeline([ev(10, '(service svc) has reached a steady state.')], from, at(60)), from)).toEqual({ state: 'none' });
  });

  it('labels the rebalancing in the timeline', () => {
    expect(serviceTimeline([ev(10, started)], from, at(60))[0].detail).toMatch(/^AZ rebalancing started: /);
  });
});

describe('recovery read from the events after a zone drill', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 10, 0, s));
  const events = [
    { createdAt: at(5), message: '(service svc) has stopped 1 running tasks: (task a).' },
    { createdAt: at(60), message: '(service svc) has reached a steady state.' },
    { createdAt: at(400), message: 'service (svc) is not AZ balanced with 0 tasks in eu-west-1a, 2 tasks in eu-west-1b. AZ Rebalancing in progress.' },
  ];
  const completed = { createdAt: at(520), message: 'service (svc) is AZ balanced with 1 tasks in eu-west-1a, 1 tasks in eu-west-1b.' };

  it("ends at the rebalancing's completion when ECS rebalanced after the steady state", () => {
    const timeline = serviceTimeline([...events, completed], at(0), at(900));
    expect(recoverySecondsFromEvents(timeline, at(0), { awaitRebalancing: true })).toBe(520);
    expect(recoverySecondsFromEvents(timeline, at(0))).toBe(60);
  });

  it('is unmeasured while the rebalancing has not completed', () => {
    expect(recoverySecondsFromEvents(serviceTimeline(events, at(0), at(900)), at(0), { awaitRebalancing: true })).toBeUndefined();
  });
});
