import { defineDrill } from '../lib/drill';

export default defineDrill(__filename, {
  id: 'task-stop-drain',
  title: 'Cooperative task stop drains in-flight streams',
  hypothesis:
    'When ECS stops one task (deregister, SIGTERM, SIGKILL after stopTimeout), every stream in flight ends with [DONE], no task needs SIGKILL, and the service is back to desired count within the bound.',
  fault: { kind: 'stop-task', targets: { count: 1 } },
  stopConditions: ['error-rate', 'healthy-hosts', 'running-tasks'],
  probe: {
    aws: {
      streams: { count: 8, tokens: 48, intervalMs: 1000, ttftMs: 2500 },
      requests: { perSecond: 5 },
      warmup: 'PT10S',
      recoveryTimeout: 'PT5M',
    },
    local: {
      streams: { count: 6, tokens: 25, intervalMs: 200, ttftMs: 300 },
      requests: { perSecond: 20 },
      warmup: 'PT1.5S',
      recoveryTimeout: 'PT30S',
    },
  },
  expect: [
    { figure: 'streams.broken', op: '<=', bound: 0, why: 'a drained task finishes what it started' },
    { figure: 'tasks.sigkilled', op: '<=', bound: 0, why: 'a task that needs SIGKILL did not drain in time' },
    { figure: 'requests.errorRate', op: '<=', bound: 0.01 },
    { figure: 'recovery.seconds', op: '<=', bound: { aws: 180, local: 20 } },
  ],
  schedule: 'cron(0 10 ? * TUE *)',
});
