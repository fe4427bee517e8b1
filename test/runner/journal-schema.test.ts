import { JOURNAL_SCHEMA_ID, journalJsonSchema } from '../../lib/runner/journal-json-schema';
import { journalSchema } from '../../lib/runner/journal-schema';
import { drills } from '../cli/drills-cli';
import { hardKillJournal } from '../report/journal-fixture';

describe('the journal schema', () => {
  it('accepts a journal as the runner writes it, with AWS metric samples', () => {
    const base = hardKillJournal();
    const metrics = [
      { atMs: -20_000, at: base.startedAt, source: 'cloudwatch' as const, metric: 'HealthyHostCount', stat: 'Minimum', periodSeconds: 60, value: 2 },
      { atMs: 3500, at: base.startedAt, source: 'ecs' as const, metric: 'runningCount', phase: 'fault', value: 1 },
    ];
    expect(journalSchema.safeParse(base).error).toBeUndefined();
    expect(journalSchema.safeParse({ ...base, samples: { ...base.samples, metrics } }).error).toBeUndefined();
  });

  it('rejects a field it does not describe, and a metric sample from an unknown source', () => {
    const base = hardKillJournal();
    expect(journalSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    const metrics = [{ atMs: 0, at: base.startedAt, source: 'prometheus', metric: 'up', value: 1 }];
    const parsed = journalSchema.safeParse({ ...base, samples: { ...base.samples, metrics } });
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['samples.metrics.0.source']);
  });

  it('is printed by `drills schema journal` as JSON Schema, describing samples.metrics', async () => {
    const run = await drills(['schema', 'journal']).done;
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { $id: string; properties: { samples: { properties: Record<string, { description?: string }> } } };
    expect(printed).toEqual(journalJsonSchema());
    expect(printed.$id).toBe(JOURNAL_SCHEMA_ID);
    expect(printed.properties.samples.properties.metrics).toMatchObject({ type: 'array', items: { description: expect.stringMatching(/CloudWatch datapoint or an ECS DescribeServices read/) } });
  }, 60_000);
});
