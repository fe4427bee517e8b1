/** `drills report`'s core: figures for an experiment the runner did not watch, over the strict fake AWS. */
import { createClients, destroyClients, type AwsClients } from '../../../lib/runner/aws/clients';
import { fisApi } from '../../../lib/runner/aws/fis-api';
import { metricsApi } from '../../../lib/runner/aws/metrics-api';
import { resolveOutputs } from '../../../lib/runner/aws/resolve-outputs';
import { recoverySecondsFromEvents, scheduledReport } from '../../../lib/runner/aws/scheduled-report';
import { serviceApi } from '../../../lib/runner/aws/service-api';
import { serviceTimeline } from '../../../lib/runner/aws/service-events';
import type { FakeScenario } from '../../fixtures/fake-aws/fake-aws-state';
import { useFakeAws } from '../../fixtures/fake-aws/fake-aws-setup';

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 4, 0, s));
const setupFake = useFakeAws();
let clients: AwsClients | undefined;

afterEach(() => {
  if (clients) destroyClients(clients);
  clients = undefined;
});

async function reportOn(scenario: Partial<FakeScenario>, startedMsAgo: number) {
  const { fake } = await setupFake({ scenario });
  clients = createClients();
  const e = fake.state.start(fake.state.templateFor('task-stop-drain').id, 'scheduler', { drill: 'task-stop-drain' }, undefined, Date.now() - startedMsAgo);
  const apis = { fis: fisApi(clients.fis), metrics: metricsApi(clients.cloudwatch), service: serviceApi(clients.ecs) };
  return { fake, report: await scheduledReport({ ...apis, deployed: resolveOutputs(fake.outputs()), experimentId: e.id }) };
}

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
    const { fake, report } = await reportOn({ initiatingMs: 10, runningMs: 50 }, 3000);
    expect(report.drillId).toBe('task-stop-drain');
    expect(report.injection).toEqual({ injected: true, targets: [fake.state.tasks[0].id] });
    expect(report.figures).toEqual({
      'alb.5xx': 0,
      'alb.healthyHosts.min': 1,
      'tasks.running.min': 1,
      'tasks.replaced': 0,
      'tasks.sigkilled': 0,
      'replacement.launchSeconds': 0.9,
      'replacement.healthySeconds': 1.4,
      'fault.targets': 1,
      'recovery.seconds': 1.6,
    });
  });

  it('fails as ERROR for an experiment that is still running', async () => {
    const { report } = await reportOn({ initiatingMs: 10, runningMs: 60_000 }, 500);
    expect(report.injection.error).toMatch(/still running/);
  });
});
