import { DrillDefinitionError, defineDrill, isoSeconds, parseIsoDuration, type DrillSpec } from '../../lib/drill';
import { catalogue } from '../../experiments';

const FILE = '/repo/experiments/sample-drill.ts';

const probe = {
  streams: { count: 2 },
  requests: { perSecond: 5 },
  jobs: { count: 1 },
  warmup: 'PT1S',
  recoveryTimeout: 'PT30S',
};

const valid: DrillSpec = {
  id: 'sample-drill',
  title: 'A sample',
  hypothesis: 'Nothing breaks.',
  fault: { kind: 'stop-task', targets: { count: 1 } },
  stopConditions: ['error-rate'],
  probe: { aws: probe, local: probe },
  expect: [{ figure: 'streams.broken', op: '<=', bound: 0 }],
};

function errorOf(spec: DrillSpec, file = FILE): DrillDefinitionError {
  try {
    defineDrill(file, spec);
  } catch (e) {
    if (e instanceof DrillDefinitionError) return e;
    throw e;
  }
  throw new Error('defineDrill accepted an invalid drill');
}

describe('defineDrill', () => {
  test('returns a valid drill with the file it was defined in', () => {
    expect(defineDrill(FILE, valid)).toEqual({ ...valid, file: FILE });
  });

  test('every drill in the catalogue is valid and named after its file', () => {
    expect(catalogue.map((d) => d.id)).toEqual(['task-stop-drain', 'task-hard-kill', 'az-outage', 'dependency-outage', 'database-failover']);
    for (const drill of catalogue) expect(drill.file).toMatch(new RegExp(`experiments[/\\\\]${drill.id}\\.(ts|js)$`));
  });

  test('rejects an unknown fault kind and names the file', () => {
    const error = errorOf({ ...valid, fault: { kind: 'cpu-melt' } as never });
    expect(error.file).toBe(FILE);
    expect(error.message).toContain(FILE);
    expect(error.message).toMatch(/fault.kind "cpu-melt" is unknown; known: stop-task, kill-process, az-outage/);
  });

  test('rejects more than 5 stop conditions and names the file', () => {
    const error = errorOf({ ...valid, stopConditions: ['error-rate', 'healthy-hosts', 'running-tasks', 'probe-heartbeat', 'error-rate', 'healthy-hosts'] });
    expect(error.message).toContain(FILE);
    expect(error.message).toMatch(/stopConditions has 6 alarms: FIS allows at most 5/);
  });

  test('rejects a bad ISO-8601 duration and names the file', () => {
    const error = errorOf({ ...valid, fault: { kind: 'az-outage', zoneIndex: 0, duration: { aws: '5 minutes', local: 'PT3S' } } });
    expect(error.message).toContain(FILE);
    expect(error.message).toMatch(/fault.duration.aws "5 minutes" is not an ISO-8601 duration/);
  });

  test('rejects a bad probe duration and names the file', () => {
    const error = errorOf({ ...valid, probe: { aws: probe, local: { ...probe, warmup: 'PT' } } });
    expect(error.message).toContain(FILE);
    expect(error.message).toMatch(/probe.local.warmup "PT" is not an ISO-8601 duration/);
  });

  test('rejects an AZ outage longer than FIS accepts', () => {
    const error = errorOf({ ...valid, fault: { kind: 'az-outage', zoneIndex: 0, duration: { aws: 'PT13H', local: 'PT3S' } } });
    expect(error.message).toMatch(/fault.duration.aws PT13H is outside what FIS accepts/);
  });

  test('rejects a drill with no expectations and names the file', () => {
    const error = errorOf({ ...valid, expect: [] });
    expect(error.message).toContain(FILE);
    expect(error.message).toMatch(/expect is empty: a drill without expectations cannot be judged/);
  });

  test('rejects a drill with no stop conditions', () => {
    expect(errorOf({ ...valid, stopConditions: [] }).message).toMatch(/stopConditions is empty/);
  });

  test('rejects an unknown stop condition', () => {
    expect(errorOf({ ...valid, stopConditions: ['cpu-high' as never] }).message).toMatch(/unknown alarm "cpu-high"/);
  });

  test('rejects an id that does not match the file name', () => {
    expect(errorOf({ ...valid, id: 'other-drill' }).message).toMatch(/does not match the file name: name the file other-drill.ts/);
  });

  test('rejects an expectation on an unknown figure', () => {
    expect(errorOf({ ...valid, expect: [{ figure: 'streams.lost' as never, op: '<=', bound: 0 }] }).message).toMatch(/expect\[0\]: unknown figure "streams.lost"/);
  });

  test('rejects a schedule that is neither rate() nor cron()', () => {
    expect(errorOf({ ...valid, schedule: 'every tuesday' }).message).toMatch(/schedule "every tuesday" is not a rate\(...\) or cron\(...\) expression/);
  });

  test('gathers every problem into one error', () => {
    const error = errorOf({ ...valid, fault: { kind: 'nope' } as never, expect: [], stopConditions: [] });
    expect(error.problems).toHaveLength(3);
  });
});

describe('ISO-8601 durations', () => {
  test.each([
    ['PT30S', 30],
    ['PT5M', 300],
    ['PT1H30M', 5400],
    ['P1D', 86400],
    ['PT1.5S', 1.5],
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(parseIsoDuration(text)).toBe(seconds);
  });

  test.each(['', 'P', 'PT', '5M', 'PT5X', 'P1DT'])('rejects %j', (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });

  test('fails when isoSeconds is given text that is not a duration', () => {
    expect(() => isoSeconds('soon')).toThrow(/not an ISO-8601 duration: "soon"/);
  });
});
