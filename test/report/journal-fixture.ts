/**
 * A small journal shaped like a real local hard-kill rehearsal: two tasks, t1 killed at 3 s,
 * its streams broken, requests failing with 502 until the load balancer marks it unhealthy,
 * recovery 2 s after the fault. Numbers are round so tests can state them.
 */
import taskHardKill from '../../experiments/task-hard-kill';
import type { Journal } from '../../lib/runner/journal';
import type { RequestSample, StreamSample, TimelineEvent } from '../../lib/runner/samples';

const at = (ms: number): string => new Date(Date.UTC(2026, 10, 30, 12, 0, 0) + ms).toISOString();
const ev = (atMs: number, kind: TimelineEvent['kind'], extra: Partial<TimelineEvent> = {}): TimelineEvent => ({ atMs, at: at(atMs), kind, ...extra });

/** 10 requests a second from 1 s to 8 s; those sent in [3 s, 3.5 s) to t1 fail with 502, one at 4.2 s gets no response. */
function requests(): RequestSample[] {
  const out: RequestSample[] = [];
  for (let ms = 1000; ms < 8000; ms += 100) {
    const task = (ms / 100) % 2 === 0 ? 't1' : 't2';
    const status = ms >= 3000 && ms < 3500 && task === 't1' ? 502 : ms === 4200 ? 0 : 200;
    out.push({ atMs: ms, latencyMs: 5, status, task: status === 0 ? undefined : task });
  }
  return out;
}

const streams: StreamSample[] = [
  { id: 0, startedAtMs: 1500, firstEventAtMs: 1800, endedAtMs: 6500, events: 25, bytes: 1687, task: 't2', zone: 'zone-b', status: 200, outcome: 'clean' },
  {
    id: 1,
    startedAtMs: 1500,
    firstEventAtMs: 1800,
    endedAtMs: 3000,
    events: 6,
    bytes: 398,
    task: 't1',
    zone: 'zone-a',
    status: 200,
    outcome: 'broken',
    broken: 'reset',
    error: 'connection closed mid-stream',
  },
];

export function hardKillJournal(overrides: Partial<Journal> = {}): Journal {
  const { id, title, hypothesis, fault, expect } = taskHardKill;
  return {
    schema: 'fis-drills/journal@1',
    runId: '20261130T120000Z-abcd',
    mode: 'local',
    drill: { id, title, hypothesis, fault, expect, file: 'experiments/task-hard-kill.ts' },
    settings: { service: { name: 'drills-demo', desiredCount: 2 } },
    target: { command: 'node service/dist/server.js', serviceUrl: 'http://127.0.0.1:40000' },
    startedAt: at(0),
    endedAt: at(8000),
    timeline: [
      ev(0, 'run-started'),
      ev(10, 'task-started', { task: 't1', zone: 'zone-a' }),
      ev(20, 'task-started', { task: 't2', zone: 'zone-b' }),
      ev(900, 'target-healthy', { task: 't1', zone: 'zone-a' }),
      ev(950, 'target-healthy', { task: 't2', zone: 'zone-b' }),
      ev(3000, 'fault-injected', { detail: 'kill-process SIGKILL on t1' }),
      ev(3010, 'task-exited', { task: 't1', zone: 'zone-a', code: null, signal: 'SIGKILL', detail: 'kill' }),
      ev(3300, 'replacement-started', { task: 't3', zone: 'zone-a' }),
      ev(3500, 'target-unhealthy', { task: 't1', zone: 'zone-a' }),
      ev(5000, 'target-healthy', { task: 't3', zone: 'zone-a' }),
      ev(5000, 'steady', { detail: 'running 2/2, healthy 2/2' }),
      ev(8000, 'run-ended', { detail: 'HELD' }),
    ],
    samples: { streams, requests: requests() },
    injection: { injected: true, targets: ['t1'] },
    figures: {
      'streams.total': 2,
      'streams.clean': 1,
      'streams.broken': 1,
      'streams.brokenOffTarget': 0,
      'requests.total': 70,
      'requests.failed': 4,
      'requests.errorRate': 0.0571,
      'recovery.seconds': 2,
      'tasks.sigkilled': 0,
      'tasks.running.min': 1,
    },
    judgement: {
      verdict: 'HELD',
      expectations: [
        { figure: 'streams.brokenOffTarget', op: '<=', bound: 0, measured: 0, held: true, why: 'streams on tasks that were not killed must not break' },
        { figure: 'tasks.running.min', op: '>=', bound: 1, measured: 1, held: true },
        { figure: 'requests.errorRate', op: '<=', bound: 0.25, measured: 0.0571, held: true },
        { figure: 'recovery.seconds', op: '<=', bound: 20, measured: 2, held: true },
      ],
      reasons: ['every judged expectation held (4 of 4)'],
      notJudged: [],
    },
    provenance: { operator: 'alice', command: 'drills rehearse task-hard-kill', gitCommit: 'b4a32b1', config: 'cdk.json (context "drills" sha256 0123456789ab)', host: 'box', node: '20.20.2' },
    ...overrides,
  };
}
