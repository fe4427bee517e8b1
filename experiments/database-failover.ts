import { defineDrill } from '../lib/drill';
import { streamingProbe } from './streaming-probe';

export default defineDrill(__filename, {
  id: 'database-failover',
  title: 'Database failover without a reconnect storm',
  hypothesis:
    'When the database fails over and every connection drops, the tasks reconnect spread out in time (no storm), never hold more connections than their pools allow, and requests stop failing soon after the database is back.',
  fault: { kind: 'database-failover', localDowntime: 'PT2S' },
  // The database's own alarms: a reconnect storm beyond the pools, or a cluster gone longer than a failover.
  stopConditions: ['healthy-hosts', 'running-tasks', 'database-connections', 'database-unavailable'],
  probe: streamingProbe({ aws: 'PT10M', local: 'PT30S' }),
  expect: [
    // Backoff with full jitter: a handful of attempts per task over the outage. A pool retrying every 10 ms makes hundreds.
    { figure: 'dependency.connects', op: '<=', bound: { aws: 200, local: 50 }, why: 'reconnects are spread out with backoff and jitter, not a storm on the new primary' },
    // The demo's pool holds at most 4 connections per task (DATABASE_POOL_MAX), 2 tasks locally.
    { figure: 'dependency.connections.peak', op: '<=', bound: { aws: 40, local: 8 }, why: "connections stay within the pools' budget" },
    { figure: 'dependency.recoverySeconds', op: '<=', bound: { aws: 90, local: 5 }, why: 'errors stop soon after the database is back' },
    { figure: 'streams.broken', op: '<=', bound: 0, why: 'streams do not need the database' },
  ],
});
