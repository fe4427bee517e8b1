import { defineDrill } from '../lib/drill';
import { streamingProbe } from './streaming-probe';

export default defineDrill(__filename, {
  id: 'task-stop-drain',
  title: 'Cooperative task stop drains in-flight streams',
  hypothesis:
    'When ECS stops one task (deregister, SIGTERM, SIGKILL after stopTimeout), every stream in flight ends cleanly, every job in flight completes, no task needs SIGKILL, and the service is back to desired count within the bound.',
  fault: { kind: 'stop-task', targets: { count: 1 } },
  stopConditions: ['error-rate', 'healthy-hosts', 'running-tasks'],
  probe: streamingProbe({ aws: 'PT5M', local: 'PT30S' }),
  expect: [
    { figure: 'streams.broken', op: '<=', bound: 0, why: 'a drained task finishes what it started' },
    { figure: 'jobs.failed', op: '<=', bound: 0, why: 'a game day asserts the job completes, not only that the task stopped' },
    { figure: 'tasks.sigkilled', op: '<=', bound: 0, why: 'a task that needs SIGKILL did not drain in time' },
    { figure: 'requests.errorRate', op: '<=', bound: 0.01, why: 'the stopped task leaves the load balancer as it gets SIGTERM and finishes what it holds, so almost no request may fail' },
    {
      figure: 'recovery.seconds',
      op: '<=',
      bound: { aws: 180, local: 20 },
      why: 'back to full strength before a second failure; on AWS the bound leaves room for a replacement task to start and pass its health checks',
    },
  ],
  schedule: 'cron(0 10 ? * TUE *)',
});
