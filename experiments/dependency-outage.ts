import { defineDrill } from '../lib/drill';
import { streamingProbe } from './streaming-probe';

export default defineDrill(__filename, {
  id: 'dependency-outage',
  title: 'The database goes dark: fail fast, keep the tasks',
  hypothesis:
    "When the service's traffic to its database is black-holed, streams in flight still finish, requests that need the database fail fast instead of hanging, no task is replaced by a health check, and requests succeed again soon after the database returns.",
  fault: { kind: 'dependency-outage', dependency: 'database', duration: { aws: 'PT2M', local: 'PT5S' } },
  // Not error-rate: requests that need the database are meant to fail (fast) while it is dark.
  // The database's own alarms guard it too: its connections or its absence beyond the hypothesis.
  stopConditions: ['healthy-hosts', 'running-tasks', 'database-connections', 'database-unavailable'],
  probe: streamingProbe({ aws: 'PT10M', local: 'PT30S' }),
  expect: [
    { figure: 'streams.broken', op: '<=', bound: 0, why: 'a stream does not need the database: it finishes and its ledger entry waits' },
    { figure: 'tasks.replaced', op: '<=', bound: 0, why: 'a health check that needs the database replaces healthy tasks during a blip' },
    // Local: the first reads wait for the 1 s query timeout, then the closed gate answers 503 at once.
    { figure: 'requests.p99Ms', op: '<=', bound: { aws: 3000, local: 2000 }, why: 'requests needing the database fail fast (503), they do not hang on a dead connection' },
    { figure: 'dependency.recoverySeconds', op: '<=', bound: { aws: 60, local: 5 }, why: 'reconnect backoff is capped, so the service uses the database again soon after it returns' },
  ],
});
