import { stopAndWait, waitUntilFinal } from '../../../lib/runner/aws/experiment-wait';
import type { ExperimentStatus, ExperimentView, FisApi } from '../../../lib/runner/aws/fis-api';
import { stopExperiments } from '../../../lib/runner/aws/stop-experiments';

const FAST = { initialMs: 5, maxMs: 20, factor: 2 };

const view = (status: ExperimentStatus, id = 'EXP1'): ExperimentView => ({ id, status, actions: [], tags: {} });

/**
 * FIS for one experiment: StopExperiment throws `stopErrors` in turn, then accepts; GetExperiment
 * answers `running` before the stop, `stopping` for `stoppingPolls` polls after it (for ever,
 * with `never`), then `stopped`; the first `getErrors` GetExperiment calls fail as a reset connection.
 */
function fakeFis(options: { id?: string; stopErrors?: Error[]; stoppingPolls?: number; never?: boolean; getErrors?: number } = {}) {
  const calls: { op: string; at: number }[] = [];
  const stopErrors = [...(options.stopErrors ?? [])];
  let stopped = false;
  let pollsSinceStop = 0;
  let getErrors = options.getErrors ?? 0;
  const fis: Pick<FisApi, 'getExperiment' | 'stopExperiment'> = {
    stopExperiment: async () => {
      calls.push({ op: 'StopExperiment', at: Date.now() });
      const err = stopErrors.shift();
      if (err) throw err;
      stopped = true;
      return view('stopping', options.id);
    },
    getExperiment: async () => {
      calls.push({ op: 'GetExperiment', at: Date.now() });
      if (getErrors > 0) {
        getErrors -= 1;
        throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
      }
      if (!stopped) return view('running', options.id);
      if (options.never) return view('stopping', options.id);
      pollsSinceStop += 1;
      return view(pollsSinceStop > (options.stoppingPolls ?? 2) ? 'stopped' : 'stopping', options.id);
    },
  };
  return { fis, calls, count: (op: string) => calls.filter((c) => c.op === op).length };
}

const awsError = (name: string, httpStatusCode: number) => Object.assign(new Error(`${name} says no`), { name, $metadata: { httpStatusCode } });

describe('stopAndWait', () => {
  it('sends StopExperiment once and returns when FIS says stopped, passing on every answer', async () => {
    const { fis, count } = fakeFis({ stoppingPolls: 2 });
    const seen: string[] = [];
    const outcome = await stopAndWait(view('running'), { fis, poll: FAST, onExperiment: (e) => seen.push(e.status) });
    expect(outcome).toMatchObject({ end: 'final', experiment: { status: 'stopped' } });
    expect(count('StopExperiment')).toBe(1);
    expect(seen).toEqual(['stopping', 'stopping', 'stopping', 'stopped']);
  });

  it('retries a throttled StopExperiment, then waits for stopped', async () => {
    const { fis, count } = fakeFis({ stopErrors: [awsError('ThrottlingException', 400), awsError('ThrottlingException', 400)] });
    const notes: string[] = [];
    const outcome = await stopAndWait(view('running'), { fis, poll: FAST, onNote: (n) => notes.push(n) });
    expect(outcome.end).toBe('final');
    expect(count('StopExperiment')).toBe(3);
    expect(notes[0]).toMatch(/StopExperiment EXP1: ThrottlingException.*attempt 1 of 5; retrying/);
  });

  it('fails at once with stop-failed when access is denied, without retrying or waiting', async () => {
    const { fis, count } = fakeFis({ stopErrors: [awsError('AccessDeniedException', 403)] });
    const outcome = await stopAndWait(view('running'), { fis, poll: FAST });
    expect(outcome).toMatchObject({ end: 'stop-failed', stopError: expect.stringContaining('AccessDeniedException') });
    expect(count('StopExperiment')).toBe(1);
    expect(count('GetExperiment')).toBe(0);
  });

  it('waits for the final state when FIS answers ConflictException (already stopping)', async () => {
    const { fis, count } = fakeFis({ stopErrors: [awsError('ConflictException', 409)] });
    const outcome = await stopAndWait(view('stopping'), { fis: { ...fis, getExperiment: async () => view('stopped') }, poll: FAST });
    expect(outcome).toMatchObject({ end: 'final', experiment: { status: 'stopped' } });
    expect(count('StopExperiment')).toBe(1);
  });

  it('leaves an experiment that is already final alone', async () => {
    const { fis, calls } = fakeFis();
    expect(await stopAndWait(view('completed'), { fis, poll: FAST })).toMatchObject({ end: 'final' });
    expect(calls).toEqual([]);
  });
});

describe('waitUntilFinal', () => {
  it('ends at once when its signal aborts, even in a long pause between polls', async () => {
    const { fis } = fakeFis({ never: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('operator abort (SIGINT)')), 50);
    const started = Date.now();
    const outcome = await waitUntilFinal(view('running'), { fis, poll: { initialMs: 10_000, maxMs: 10_000, factor: 1 }, signal: controller.signal });
    expect(outcome.end).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives up at its bound and says so', async () => {
    const { fis } = fakeFis({ never: true });
    const started = Date.now();
    const outcome = await waitUntilFinal(view('running'), { fis, poll: FAST, timeoutMs: 200 });
    expect(outcome).toMatchObject({ end: 'timed-out', experiment: { status: 'running' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('notes a failed GetExperiment and asks again', async () => {
    const { fis } = fakeFis({ getErrors: 2 });
    const notes: string[] = [];
    await fis.stopExperiment('EXP1');
    const outcome = await waitUntilFinal(view('stopping'), { fis, poll: FAST, onNote: (n) => notes.push(n) });
    expect(outcome.end).toBe('final');
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/GetExperiment EXP1: .*connection reset/);
  });

  it('backs off between polls up to the cap', async () => {
    const { fis, calls } = fakeFis({ stoppingPolls: 6 });
    await fis.stopExperiment('EXP1');
    await waitUntilFinal(view('stopping'), { fis, poll: { initialMs: 40, maxMs: 160, factor: 2 } });
    const gets = calls.filter((c) => c.op === 'GetExperiment').map((c) => c.at);
    const gaps = gets.slice(1).map((at, i) => at - gets[i]);
    // 80, 160, 160, … (timers may fire late on a loaded machine, never early)
    expect(gaps[0]).toBeGreaterThanOrEqual(75);
    expect(Math.min(...gaps.slice(1))).toBeGreaterThanOrEqual(155);
  });
});

describe('drills stop (stopExperiments) on the shared wait', () => {
  it('stops through a throttled first StopExperiment (the emergency lever used to give up at once)', async () => {
    const { fis, count } = fakeFis({ stopErrors: [awsError('ThrottlingException', 400)] });
    const [outcome] = await stopExperiments({ fis: fis as FisApi, ids: ['EXP1'], pollMs: 5 });
    expect(outcome).toEqual({ id: 'EXP1', status: 'stopped', ok: true, detail: 'stopped' });
    expect(count('StopExperiment')).toBe(2);
  });

  it('still sends every StopExperiment when interrupted (a closed terminal), and says the wait was cut short', async () => {
    const fakes = { A: fakeFis({ id: 'A', never: true }), B: fakeFis({ id: 'B', never: true }) };
    const pick = (id: string) => fakes[id as 'A' | 'B'].fis;
    const fis = { getExperiment: (id: string) => pick(id).getExperiment(id), stopExperiment: (id: string) => pick(id).stopExperiment(id) };
    const controller = new AbortController();
    controller.abort(new Error('operator abort (SIGHUP)'));
    const outcomes = await stopExperiments({ fis: fis as FisApi, ids: ['A', 'B'], pollMs: 10_000, signal: controller.signal });
    expect([fakes.A.count('StopExperiment'), fakes.B.count('StopExperiment')]).toEqual([1, 1]);
    expect(outcomes.map((o) => [o.id, o.ok, o.detail])).toEqual([
      ['A', false, 'StopExperiment sent; still stopping when the wait was interrupted'],
      ['B', false, 'StopExperiment sent; still stopping when the wait was interrupted'],
    ]);
  });
});
