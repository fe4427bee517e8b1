import { EngineHarness, drillWith, fixtureCommand, getJson, openStream } from './harness';

const h = new EngineHarness();
afterEach(() => h.closeAll());

describe('kill-process on the local engine', () => {
  test("breaks only the killed task's stream, starts a replacement and measures the recovery", async () => {
    const engine = h.create({ command: fixtureCommand('drains') });
    const { serviceUrl } = await engine.start();
    const streams = [openStream(serviceUrl, 30, 100), openStream(serviceUrl, 30, 100)];
    await Promise.all(streams.map((s) => s.firstEvent));
    const injection = await engine.inject(drillWith({ kind: 'kill-process', targets: { count: 1 }, signal: 'SIGKILL' }));
    expect(injection).toEqual({ injected: true, targets: ['t1-zone-a'] });
    expect((await engine.awaitRecovery(15000)).recovered).toBe(true);
    const results = await Promise.all(streams.map((s) => s.result));
    expect(results.find((r) => r.task === 't1-zone-a')?.broken).toBe(true);
    expect(results.find((r) => r.task === 't2-zone-b')?.done).toBe(true);

    // no deregistration before the kill: the load balancer learns through its health checks
    expect(h.kinds('target-deregistered')).toHaveLength(1);
    const at = (kind: string, from = 0) => h.events.findIndex((e, i) => i >= from && e.kind === kind && e.task === 't1-zone-a');
    const killed = at('sigkill-sent');
    const unhealthy = at('target-unhealthy', killed);
    expect(killed).toBeGreaterThan(-1);
    expect(unhealthy).toBeGreaterThan(killed);
    expect(at('target-deregistered')).toBeGreaterThan(unhealthy);
    expect(h.kinds('task-exited')[0]).toMatchObject({ task: 't1-zone-a', signal: 'SIGKILL' });
    expect(h.kinds('replacement-started')).toHaveLength(1);

    const figures = engine.figures();
    expect(figures).toMatchObject({ 'tasks.sigkilled': 0, 'tasks.running.min': 1, 'fault.targets': 1 });
    expect(figures['replacement.launchSeconds']).toBeGreaterThan(0);
    expect(figures['replacement.healthySeconds']).toBeGreaterThanOrEqual(figures['replacement.launchSeconds'] as number);
    expect(figures['recovery.seconds']).toBeGreaterThanOrEqual(figures['replacement.healthySeconds'] as number);
  });

  test('keeps routing to a killed task until its health checks fail, so the load balancer answers 5xx meanwhile', async () => {
    const engine = h.create({ command: fixtureCommand('drains') });
    const { serviceUrl } = await engine.start();
    await engine.inject(drillWith({ kind: 'kill-process', targets: { count: 1 }, signal: 'SIGKILL' }));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await getJson(`${serviceUrl}/`)).status);
    await engine.awaitRecovery(15000);
    expect(statuses).toContain(502);
    expect(engine.figures()['alb.5xx']).toBe(statuses.filter((s) => s >= 500).length);
  });

  test('with SIGTERM, signals the main process only: a task that ignores it keeps serving and is not replaced', async () => {
    const engine = h.create({ command: fixtureCommand('ignores-sigterm') });
    await engine.start();
    const injection = await engine.inject(drillWith({ kind: 'kill-process', targets: { count: 1 }, signal: 'SIGTERM' }));
    expect(injection.injected).toBe(true);
    expect(h.kinds('sigterm-sent')[0]).toMatchObject({ task: 't1-zone-a', detail: 'kill-process (delivered)' });
    expect((await engine.awaitRecovery(5000)).recovered).toBe(true);
    expect(h.kinds('target-deregistered')).toHaveLength(0);
    expect(h.kinds('replacement-started')).toHaveLength(0);
    expect(h.kinds('task-exited')).toHaveLength(0);
  });
});
