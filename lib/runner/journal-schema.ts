/**
 * The journal (`journal.json`, `fis-drills/journal@1`, lib/runner/journal.ts) as a zod schema:
 * `drills schema journal` prints it as JSON Schema (draft 2020-12) for tools that read evidence,
 * and tests parse real journals with it so the schema cannot drift from what runs write. Objects
 * are strict: a field the schema does not describe fails to parse. The drill's fault and
 * expectations are described only as far as a reader needs (their full rules are the drill
 * definition's, lib/drill/types.ts).
 */
import { z } from 'zod';
import { FIGURE_NAMES } from '../drill/figures';
import { JOURNAL_SCHEMA } from '../contract';
import type { TimelineKind } from './samples';
import { VERDICTS } from './verdict';

const TIMELINE_KINDS = [
  'run-started',
  'probe-started',
  'warmup-done',
  'fault-injected',
  'fault-not-injected',
  'fault-ended',
  'target-deregistered',
  'target-drained',
  'target-unhealthy',
  'target-healthy',
  'sigterm-sent',
  'sigkill-sent',
  'task-exited',
  'task-started',
  'replacement-started',
  'zone-cut',
  'zone-restored',
  'steady',
  'experiment-state',
  'action-state',
  'service-event',
  'stop-condition',
  'aborted',
  'probe-done',
  'run-ended',
  'note',
] as const satisfies readonly TimelineKind[];
// Every kind the runner can write is listed (the compiler fails here when one is added to samples.ts only).
const everyKindListed: Exclude<TimelineKind, (typeof TIMELINE_KINDS)[number]> extends never ? true : never = true;
void everyKindListed;

const ms = z.number().describe("milliseconds on the run's monotonic clock (0 = run start)");
const iso = z.string().describe('wall-clock ISO 8601 time');
const figure = z.enum(FIGURE_NAMES);
const perMode = <T extends z.ZodType>(t: T) => z.strictObject({ aws: t, local: t });

const timelineEvent = z.strictObject({
  atMs: ms,
  at: iso,
  kind: z.enum(TIMELINE_KINDS),
  task: z.string().optional(),
  zone: z.string().optional(),
  detail: z.string().optional(),
  code: z.number().nullable().optional().describe('task-exited: the exit code'),
  signal: z.string().nullable().optional().describe('task-exited: the signal'),
});

const stream = z.strictObject({
  id: z.number(),
  startedAtMs: ms,
  firstEventAtMs: ms.optional(),
  endedAtMs: ms,
  events: z.number(),
  bytes: z.number(),
  task: z.string().optional(),
  zone: z.string().optional(),
  status: z.number().optional(),
  outcome: z.enum(['clean', 'broken']),
  broken: z.enum(['refused', 'http-status', 'reset', 'no-done', 'timeout']).optional(),
  error: z.string().optional(),
});

const request = z.strictObject({
  atMs: ms,
  latencyMs: z.number(),
  status: z.number().describe('HTTP status, or 0 when no response came'),
  ok: z.boolean().optional().describe('the status is one the traffic profile expects'),
  task: z.string().optional(),
  error: z.string().optional(),
});

const job = z.strictObject({
  id: z.number(),
  startedAtMs: ms,
  endedAtMs: ms,
  jobId: z.string().optional(),
  task: z.string().optional(),
  state: z.string().optional(),
  polls: z.number(),
  outcome: z.enum(['succeeded', 'failed']),
  error: z.string().optional(),
});

const metric = z
  .strictObject({
    atMs: ms.describe("on the run's clock; for CloudWatch the start of the period; negative for a period begun before the run"),
    at: iso,
    source: z.enum(['cloudwatch', 'ecs']),
    metric: z
      .string()
      .describe('CloudWatch: RunningTaskCount, HealthyHostCount, RequestCount, HTTPCode_ELB_5XX_Count, HTTPCode_Target_5XX_Count, DatabaseConnections (AWS/RDS); ECS: runningCount, desiredCount'),
    stat: z.string().optional().describe('CloudWatch: the statistic (Minimum, Sum)'),
    periodSeconds: z.number().optional().describe('CloudWatch: the period the datapoint covers'),
    phase: z.string().optional().describe('ECS: fault or recovery'),
    value: z.number(),
  })
  .describe('one fleet metric reading AWS gave (AWS runs and drills report only): a CloudWatch datapoint or an ECS DescribeServices read');

const expectation = z.strictObject({
  figure,
  op: z.enum(['<=', '<', '>=', '>', '==']),
  bound: z.union([z.number(), perMode(z.number())]),
  why: z.string().optional(),
});

const duration = z.string().describe('ISO 8601 duration, e.g. PT5M');
const selection = z.union([z.strictObject({ count: z.number() }), z.strictObject({ percent: z.number() })]);
const fault = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stop-task'), targets: selection }),
  z.strictObject({ kind: z.literal('kill-process'), targets: selection, signal: z.enum(['SIGKILL', 'SIGTERM']) }),
  z.strictObject({ kind: z.literal('az-outage'), zoneIndex: z.number(), duration: perMode(duration) }),
  z.strictObject({ kind: z.literal('dependency-outage'), dependency: z.enum(['database']), duration: perMode(duration) }),
  z.strictObject({ kind: z.literal('database-failover'), localDowntime: duration }),
]);

const expectationResult = z.strictObject({
  figure,
  op: z.enum(['<=', '<', '>=', '>', '==']),
  bound: z.number().describe("the bound of the run's mode"),
  measured: z.number().optional(),
  censored: z.string().optional().describe('the figure was not reached: "> 30.2 — not recovered within 30 s"'),
  held: z.boolean().nullable().describe('null: not judged'),
  why: z.string().optional(),
  notJudgedWhy: z.string().optional(),
  cause: z.string().optional(),
});

export const journalSchema = z
  .strictObject({
    schema: z.literal(JOURNAL_SCHEMA),
    runId: z.string(),
    mode: z.enum(['aws', 'local']),
    drill: z.strictObject({ id: z.string(), title: z.string(), hypothesis: z.string(), fault, expect: z.array(expectation), file: z.string() }),
    settings: z.record(z.string(), z.unknown()).describe('the settings the run used (service, local fleet, template id, traffic profile with secrets redacted)'),
    target: z.record(z.string(), z.string()).describe('what was drilled: local command and URL, or AWS account, cluster, service and URL'),
    startedAt: iso,
    endedAt: iso.optional(),
    timeline: z.array(timelineEvent),
    samples: z.strictObject({
      streams: z.array(stream),
      requests: z.array(request),
      jobs: z.array(job).optional(),
      metrics: z.array(metric).optional(),
    }),
    injection: z.strictObject({ injected: z.boolean(), targets: z.array(z.string()), reason: z.string().optional(), aborted: z.string().optional(), error: z.string().optional() }).optional(),
    figures: z.partialRecord(figure, z.number()).optional().describe('unmeasured figures are absent, never 0'),
    judgement: z
      .strictObject({ verdict: z.enum(VERDICTS as readonly [string, ...string[]]), expectations: z.array(expectationResult), reasons: z.array(z.string()), notJudged: z.array(figure) })
      .optional(),
    experimentId: z.string().optional(),
    provenance: z
      .strictObject({ operator: z.string(), command: z.string(), gitCommit: z.string(), config: z.string(), host: z.string(), node: z.string() })
      .optional()
      .describe('who ran what; absent in journals written before it was recorded'),
  })
  .describe('journal.json: everything a drill run saw (docs/rehearse.md#evidence, docs/evidence.md)');
