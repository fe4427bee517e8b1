/**
 * The stop-and-wait bounds on an injected clock (jest's fake timers replace setTimeout and
 * Date.now): the default three-minute bound, the last poll cut to the bound, the default backoff
 * (1 s, ×1.5, at most 5 s), StopExperiment's retries and their growing pause, which errors are
 * retried, and that a wait leaves no timer or abort listener behind. FIS's errors are shaped as
 * the SDK throws them (`name`, `$fault`, `$metadata.httpStatusCode`), network failures as Node
 * does (`code`); fis-facts §4 and the FIS API reference list FIS's own errors.
 */
import { getEventListeners } from 'node:events';
import { DEFAULT_WAIT_MS, stopAndWait, waitUntilFinal } from '../../../lib/runner/aws/experiment-wait';
import type { ExperimentStatus, ExperimentView, FisApi } from '../../../lib/runner/aws/fis-api';

const view = (status: ExperimentStatus): ExperimentView => ({ id: 'EXP1', status, actions: [], tags: {} });
const T0 = Date.parse('2026-12-01T08:00:00Z');

/** FIS answering from scripts: each StopExperiment takes the next outcome, each GetExperiment the next status (the last one repeats). */
function scriptedFis(script: { stop?: (Error | unknown)[]; get?: ExperimentStatus[] }) {
  const calls: { op: string; at: number }[] = [];
  const stops = [...(script.stop ?? [])];
  const gets = [...(script.get ?? ['stopping'])];
  const fis: Pick<FisApi, 'getExperiment' | 'stopExperiment'> = {
    stopExperiment: async () => {
      calls.push({ op: 'StopExperiment', at: Date.now() - T0 });
      if (stops.length > 0) {
        const next = stops.shift();
        if (next !== 'ok') throw next;
      }
      return view('stopping');
    },
    getExperiment: async () => {
      calls.push({ op: 'GetExperiment', at: Date.now() - T0 });
      return view(gets.length > 1 ? (gets.shift() as ExperimentStatus) : gets[0]);
    },
  };
  return { fis, times: (op: string) => calls.filter((c) => c.op === op).map((c) => c.at) };
}

const sdkError = (name: string, more: Record<string, unknown> = {}) => Object.assign(new Error(`${name}: no`), { name, ...more });
const throttled = () => sdkError('ThrottlingException', { $fault: 'client', $metadata: { httpStatusCode: 400 } });

/** Runs `work` while the fake clock advances in 100 ms steps, for at most `maxMs`. */
async function onClock<T>(work: Promise<T>, maxMs = 600_000): Promise<T> {
  let done = false;
  const result = work.finally(() => {
    done = true;
  });
  for (let t = 0; t < maxMs && !done; t += 100) await jest.advanceTimersByTimeAsync(100);
  return result;
}

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('waitUntilFinal on an injected clock', () => {
  it('gives up after three minutes by default, polling at 1 s, then ×1.5 up to every 5 s, the last poll cut to the bound', async () => {
    const { fis, times } = scriptedFis({ get: ['stopping'] });
    const outcome = await onClock(waitUntilFinal(view('stopping'), { fis }));
    expect(DEFAULT_WAIT_MS).toBe(180_000);
    expect(outcome).toEqual({ experiment: view('stopping'), end: 'timed-out' });
    const gets = times('GetExperiment');
    expect(gets.slice(0, 6)).toEqual([1000, 2500, 4750, 8125, 13125, 18125]);
    // No poll after the bound: the last one lands exactly on it, once, and then the wait ends.
    expect(gets.filter((at) => at >= 178_125)).toEqual([178_125, 180_000]);
    expect(Date.now() - T0).toBe(180_000);
  });

  it('cuts its pause short to end at the bound, not a whole poll interval later', async () => {
    const { fis, times } = scriptedFis({ get: ['running'] });
    const outcome = await onClock(waitUntilFinal(view('running'), { fis, timeoutMs: 15_000, poll: { initialMs: 10_000, maxMs: 10_000, factor: 1 } }));
    expect(outcome.end).toBe('timed-out');
    expect(times('GetExperiment')).toEqual([10_000, 15_000]);
    expect(Date.now() - T0).toBe(15_000);
  });

  it('returns the final answer as soon as FIS gives it, keeping each answer current', async () => {
    const { fis, times } = scriptedFis({ get: ['stopping', 'stopped'] });
    const seen: string[] = [];
    const outcome = await onClock(waitUntilFinal(view('stopping'), { fis, timeoutMs: 60_000, onExperiment: (e) => seen.push(e.status) }));
    expect(outcome).toEqual({ experiment: view('stopped'), end: 'final' });
    expect(times('GetExperiment')).toEqual([1000, 2500]);
    expect(seen).toEqual(['stopping', 'stopped']);
  });

  it('leaves no note when every GetExperiment succeeds, and no timer or abort listener once it ends', async () => {
    const { fis } = scriptedFis({ get: ['stopping', 'stopping', 'completed'] });
    const notes: string[] = [];
    const controller = new AbortController();
    await onClock(waitUntilFinal(view('running'), { fis, signal: controller.signal, onNote: (n) => notes.push(n) }));
    expect(notes).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('ends as cancelled when the signal aborts in a pause, without asking FIS again or leaving its timer', async () => {
    const { fis, times } = scriptedFis({ get: ['stopped'] });
    const controller = new AbortController();
    const waiting = waitUntilFinal(view('stopping'), { fis, signal: controller.signal, poll: { initialMs: 30_000, maxMs: 30_000, factor: 1 } });
    await jest.advanceTimersByTimeAsync(5_000);
    controller.abort(new Error('operator abort (SIGINT)'));
    const outcome = await waiting;
    expect(outcome).toEqual({ experiment: view('stopping'), end: 'cancelled' });
    expect(times('GetExperiment')).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('keeps polling through failed GetExperiment calls even with no one listening for notes (it never throws)', async () => {
    const { fis, times } = scriptedFis({ get: ['stopping', 'stopped'] });
    let failures = 2;
    const flaky: typeof fis = {
      ...fis,
      getExperiment: async (id) => {
        if (failures-- > 0) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
        return fis.getExperiment(id);
      },
    };
    const outcome = await onClock(waitUntilFinal(view('stopping'), { fis: flaky, timeoutMs: 60_000 }));
    expect(outcome).toEqual({ experiment: view('stopped'), end: 'final' });
    expect(times('GetExperiment')).toEqual([4750, 8125]);
  });

  it('says cancelled, not timed-out, when the operator aborted and the bound has passed too', async () => {
    const { fis } = scriptedFis({ get: ['stopped'] });
    const outcome = await waitUntilFinal(view('stopping'), { fis, timeoutMs: 0, signal: AbortSignal.abort() });
    expect(outcome.end).toBe('cancelled');
  });

  it('ends as cancelled at once with a signal aborted before it starts', async () => {
    const { fis, times } = scriptedFis({ get: ['stopped'] });
    const outcome = await waitUntilFinal(view('stopping'), { fis, signal: AbortSignal.abort() });
    expect(outcome.end).toBe('cancelled');
    expect(times('GetExperiment')).toEqual([]);
  });
});

describe('stopAndWait on an injected clock', () => {
  it('retries a throttled StopExperiment after 0.5 s, 1 s, 1.5 s, 2 s and gives up after the 5th attempt by default', async () => {
    const { fis, times } = scriptedFis({ stop: Array.from({ length: 5 }, throttled) });
    const notes: string[] = [];
    const outcome = await onClock(stopAndWait(view('running'), { fis, onNote: (n) => notes.push(n) }));
    expect(times('StopExperiment')).toEqual([0, 500, 1500, 3000, 5000]);
    expect(times('GetExperiment')).toEqual([]);
    expect(outcome).toEqual({ experiment: view('running'), end: 'stop-failed', stopError: 'ThrottlingException: ThrottlingException: no' });
    expect(notes).toEqual([
      'StopExperiment EXP1: ThrottlingException: ThrottlingException: no (attempt 1 of 5; retrying)',
      'StopExperiment EXP1: ThrottlingException: ThrottlingException: no (attempt 2 of 5; retrying)',
      'StopExperiment EXP1: ThrottlingException: ThrottlingException: no (attempt 3 of 5; retrying)',
      'StopExperiment EXP1: ThrottlingException: ThrottlingException: no (attempt 4 of 5; retrying)',
      'StopExperiment EXP1: ThrottlingException: ThrottlingException: no',
    ]);
  });

  it('makes exactly the attempts it is given', async () => {
    const { fis, times } = scriptedFis({ stop: [throttled(), throttled(), throttled()] });
    const outcome = await onClock(stopAndWait(view('running'), { fis, stopAttempts: 2 }));
    expect(outcome.end).toBe('stop-failed');
    expect(times('StopExperiment')).toEqual([0, 500]);
  });

  it('waits from the stop for the final state, polling with the default backoff', async () => {
    const { fis, times } = scriptedFis({ stop: [throttled(), 'ok'], get: ['stopping', 'stopping', 'stopped'] });
    const seen: string[] = [];
    const outcome = await onClock(stopAndWait(view('running'), { fis, onExperiment: (e) => seen.push(e.status) }));
    expect(outcome).toEqual({ experiment: view('stopped'), end: 'final' });
    expect(times('StopExperiment')).toEqual([0, 500]);
    expect(times('GetExperiment')).toEqual([1500, 3000, 5250]);
    expect(seen).toEqual(['stopping', 'stopping', 'stopping', 'stopped']);
  });

  it('waits for the final state after a ConflictException (already stopping), noting why, without retrying the stop', async () => {
    const { fis, times } = scriptedFis({ stop: [sdkError('ConflictException', { $fault: 'client', $metadata: { httpStatusCode: 409 } })], get: ['stopped'] });
    const notes: string[] = [];
    const outcome = await onClock(stopAndWait(view('stopping'), { fis, onNote: (n) => notes.push(n) }));
    expect(outcome).toEqual({ experiment: view('stopped'), end: 'final' });
    expect(times('StopExperiment')).toEqual([0]);
    expect(notes).toEqual(['StopExperiment EXP1: ConflictException: ConflictException: no (already stopping or ended; waiting for its final state)']);
  });

  const retried: [string, Error][] = [
    ['ThrottlingException', throttled()],
    ['TooManyRequestsException', sdkError('TooManyRequestsException', { $metadata: { httpStatusCode: 429 } })],
    ['RequestLimitExceeded', sdkError('RequestLimitExceeded', { $metadata: { httpStatusCode: 400 } })],
    ['TimeoutError (the SDK gave up on the socket)', sdkError('TimeoutError')],
    ['a server fault the SDK marks as such', sdkError('InternalServerException', { $fault: 'server' })],
    ['an HTTP 500 without a fault mark', sdkError('UnknownError', { $metadata: { httpStatusCode: 500 } })],
    ['an HTTP 503', sdkError('ServiceUnavailable', { $metadata: { httpStatusCode: 503 } })],
    ...['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'].map((code): [string, Error] => [code, Object.assign(new Error(`connect ${code}`), { code })]),
  ];
  it.each(retried)('retries a StopExperiment that failed with %s, then stops', async (_what, error) => {
    const { fis, times } = scriptedFis({ stop: [error, 'ok'], get: ['stopped'] });
    const outcome = await onClock(stopAndWait(view('running'), { fis }));
    expect(outcome.end).toBe('final');
    expect(times('StopExperiment')).toEqual([0, 500]);
  });

  const refused: [string, unknown][] = [
    ['AccessDeniedException (403)', sdkError('AccessDeniedException', { $fault: 'client', $metadata: { httpStatusCode: 403 } })],
    ['ResourceNotFoundException (404)', sdkError('ResourceNotFoundException', { $fault: 'client', $metadata: { httpStatusCode: 404 } })],
    ['ValidationException (400)', sdkError('ValidationException', { $fault: 'client', $metadata: { httpStatusCode: 400 } })],
    ['an HTTP 499', sdkError('ClientClosed', { $metadata: { httpStatusCode: 499 } })],
    ['another network code', Object.assign(new Error('getaddrinfo ENOTFOUND fis.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND' })],
    ['a plain error without a name or code', new Error('boom')],
    ['a thrown string', 'boom'],
    ['a rejection without an error (undefined)', undefined],
    ['a rejection with null', null],
  ];
  it.each(refused)('fails with stop-failed at once, without retrying, on %s', async (_what, error) => {
    const { fis, times } = scriptedFis({ stop: [error, 'ok'], get: ['stopped'] });
    const outcome = await onClock(stopAndWait(view('running'), { fis }));
    expect(outcome).toMatchObject({ end: 'stop-failed', experiment: view('running') });
    expect(outcome.stopError).toContain(error instanceof Error ? error.message : String(error));
    expect(times('StopExperiment')).toEqual([0]);
    expect(times('GetExperiment')).toEqual([]);
  });
});
