import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeServicesCommand, DescribeTasksCommand } from '@aws-sdk/client-ecs';
import { recoverySecondsFromEvents, scheduledReport } from '../../../lib/runner/aws/scheduled-report';
import { serviceTimeline } from '../../../lib/runner/aws/service-events';
import { deployed, experiment, Fis, mockedApis, RESOLVED, STEADY_SERVICE, TASK_ARN } from './aws-mocks';

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 4, 0, s));

describe('drills report (scheduled experiment)', () => {
  it('measures recovery from the first steady state after a task stopped', () => {
    const timeline = serviceTimeline(
      [
        { createdAt: at(1), message: '(service s) has reached a steady state.' },
        { createdAt: at(5), message: '(service s) has stopped 1 running tasks: (task a).' },
        { createdAt: at(95), message: '(service s) has reached a steady state.' },
      ],
      at(0),
      at(200),
    );
    expect(recoverySecondsFromEvents(timeline, at(0))).toBe(95);
    expect(recoverySecondsFromEvents(timeline.slice(0, 2), at(0))).toBeUndefined();
  });

  it('builds figures without probe data for a completed experiment', async () => {
    const { mocks, apis } = mockedApis();
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('completed', 'completed', { endTime: at(30), tags: { drill: 'task-stop-drain' } }) });
    mocks.fis.on(Fis.Resolved).resolves(RESOLVED);
    mocks.ecs.on(DescribeServicesCommand).resolves({
      services: [{ ...STEADY_SERVICE.services[0], events: [{ createdAt: at(4), message: '(service s) has stopped 1 running tasks: (task 0123456789abcdef).' }, { createdAt: at(80), message: '(service s) has reached a steady state.' }] }],
    });
    mocks.ecs.on(DescribeTasksCommand).resolves({ tasks: [{ taskArn: TASK_ARN, lastStatus: 'STOPPED', containers: [{ exitCode: 0 }] }] });
    mocks.cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'requests', Values: [1] }] });
    const report = await scheduledReport({ ...apis, deployed, experimentId: 'EXP1', now: () => at(600) });
    expect(report.drillId).toBe('task-stop-drain');
    expect(report.injection).toEqual({ injected: true, targets: ['0123456789abcdef'] });
    expect(report.figures).toEqual({ 'alb.5xx': 0, 'tasks.sigkilled': 0, 'fault.targets': 1, 'recovery.seconds': 80 });
    expect(Object.keys(report.figures).some((k) => k.startsWith('streams.') || k.startsWith('requests.'))).toBe(false);
  });

  it('fails as ERROR for an experiment that is still running', async () => {
    const { mocks, apis } = mockedApis();
    mocks.fis.on(Fis.Get).resolves({ experiment: experiment('running', 'running') });
    mocks.fis.on(Fis.Resolved).resolves(RESOLVED);
    mocks.ecs.on(DescribeServicesCommand).resolves(STEADY_SERVICE);
    mocks.cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const report = await scheduledReport({ ...apis, deployed, experimentId: 'EXP1', now: () => at(600) });
    expect(report.injection.error).toMatch(/still running/);
  });
});
