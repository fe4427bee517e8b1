import { expectEvery } from '../../helpers/expect-every';
import { expectOrder } from '../../helpers/expect-order';
import { EngineHarness, drillWith, fixtureCommand, openStream, type StreamResult } from './harness';

const h = new EngineHarness();
afterEach(() => h.closeAll());

const STOP_ONE = drillWith({ kind: 'stop-task', targets: { count: 1 } });

/** Starts the fleet, opens one stream per task (round robin), stops the first task. */
async function stopOneWithStreams(command: string, stopOrder: 'together' | 'drain-first' = 'together') {
  const engine = h.create({ command, stopOrder });
  const { serviceUrl } = await engine.start();
  const streams = [openStream(serviceUrl, 12, 100), openStream(serviceUrl, 12, 100)];
  await Promise.all(streams.map((s) => s.firstEvent));
  const injection = await engine.inject(STOP_ONE);
  // A bound on the wait for recovery, not its expected time: a replacement (a new node process and
  // its health checks) took over 15 s to come up on two loaded cores.
  const recovery = await engine.awaitRecovery(30_000);
  const results = await Promise.all(streams.map((s) => s.result));
  const onTarget = results.find((r) => r.task === injection.targets[0]) as StreamResult;
  return { engine, injection, recovery, results, onTarget };
}

describe('stop-task on the local engine', () => {
  test('a draining service finishes its in-flight streams and needs no SIGKILL', async () => {
    const { engine, injection, recovery, results, onTarget } = await stopOneWithStreams(fixtureCommand('drains'));
    expect(injection).toEqual({ injected: true, targets: ['t1-zone-a'] });
    expect(onTarget).toMatchObject({ done: true, broken: false, events: 12 });
    expectEvery(results, (r) => r.done, 'streams');
    expect(recovery.recovered).toBe(true);
    const figures = engine.figures();
    expect(figures).toMatchObject({ 'tasks.sigkilled': 0, 'fault.targets': 1, 'tasks.running.min': 1, 'alb.5xx': 0 });
    expect(figures['recovery.seconds']).toBeGreaterThan(0);
    expect(h.kinds('sigkill-sent')).toHaveLength(0);
    expect(h.kinds('task-exited')[0]).toMatchObject({ task: 't1-zone-a', code: 0, signal: null });
    expect(h.kinds('replacement-started')[0].zone).toBe('zone-a');
  });

  test('deregisters and sends SIGTERM together by default, while the stream is still in flight', async () => {
    await stopOneWithStreams(fixtureCommand('drains'));
    const kinds = h.events.map((e) => e.kind);
    expectOrder(kinds, 'sigterm-sent', 'target-drained');
  });

  test('sends SIGTERM only once the target drained with --stop-order drain-first', async () => {
    const { onTarget, injection } = await stopOneWithStreams(fixtureCommand('exits-at-once'), 'drain-first');
    // The target's own events: on two loaded cores a health check may also replace another task
    // (its SIGTERM is not the fault's), which counting every SIGTERM took for a second one.
    const kinds = h.events.filter((e) => e.task === injection.targets[0]).map((e) => e.kind);
    expectOrder(kinds, 'target-drained', 'sigterm-sent');
    expect(kinds.filter((k) => k === 'sigterm-sent')).toHaveLength(1); // and not once before it
    expect(onTarget.done).toBe(true); // even a service that exits at once loses nothing in the documented order
  });

  test('leaves tasks.sigkilled unmeasured while a stopped task is still within its stopTimeout', async () => {
    const engine = h.create({ command: fixtureCommand('ignores-sigterm') });
    await engine.start();
    await engine.inject(STOP_ONE);
    expect(engine.figures()).not.toHaveProperty(['tasks.sigkilled']); // an array path: 'tasks.sigkilled' would look for figures.tasks.sigkilled
    expect((await engine.awaitRecovery(15000)).recovered).toBe(true);
    expect(engine.figures()['tasks.sigkilled']).toBe(1);
  });

  test('waits past a recovery timeout shorter than stopTimeout, so the SIGKILL is seen and counted', async () => {
    const engine = h.create({ command: fixtureCommand('ignores-sigterm') });
    await engine.start();
    await engine.inject(STOP_ONE);
    const recovery = await engine.awaitRecovery(500); // stopTimeout is 3 s in the short config
    expect(recovery.recovered).toBe(true);
    expect(engine.figures()['tasks.sigkilled']).toBe(1);
    expect(h.kinds('note').map((e) => e.detail)).toContainEqual(expect.stringMatching(/t1-zone-a still stopping: waiting up to 8 s more/));
  });

  test('fails a service that ignores SIGTERM: SIGKILL at stopTimeout, tasks.sigkilled 1', async () => {
    const { engine, recovery } = await stopOneWithStreams(fixtureCommand('ignores-sigterm'));
    expect(recovery.recovered).toBe(true);
    expect(engine.figures()['tasks.sigkilled']).toBe(1);
    expect(h.kinds('sigkill-sent')[0]).toMatchObject({ task: 't1-zone-a' });
    expect(h.kinds('task-exited')[0]).toMatchObject({ task: 't1-zone-a', signal: 'SIGKILL' });
  });

  test('fails a shell wrapper that does not exec: sh swallows SIGTERM, SIGKILL at stopTimeout', async () => {
    const { engine } = await stopOneWithStreams(`sh -c "${fixtureCommand('drains').replace(/"/g, '')}; echo bye"`);
    expect(h.kinds('sigterm-sent')[0].detail).toMatch(/dropped/);
    expect(engine.figures()['tasks.sigkilled']).toBe(1);
  });

  test('fails a service that exits at once on SIGTERM: its in-flight stream breaks', async () => {
    const { engine, onTarget, results } = await stopOneWithStreams(fixtureCommand('exits-at-once'));
    expect(onTarget.broken).toBe(true);
    expect(results.filter((r) => r.broken)).toHaveLength(1);
    expect(engine.figures()['tasks.sigkilled']).toBe(0);
  });

  test('reports nothing injected when the selection matches no task', async () => {
    const engine = h.create({ command: fixtureCommand('drains') });
    await engine.start();
    const injection = await engine.inject(drillWith({ kind: 'stop-task', targets: { percent: 10 } }));
    expect(injection.injected).toBe(false);
    expect(injection.reason).toMatch(/matched none/);
  });
});
