import { EngineHarness, drillWith, fixtureCommand, openStream, requestLoop } from './harness';

const h = new EngineHarness();
afterEach(() => h.closeAll());

describe("the local engine under a probe's load", () => {
  test('a cooperative stop of a draining service fails no request and breaks no stream', async () => {
    const engine = h.create({ command: fixtureCommand('drains') });
    const { serviceUrl } = await engine.start();
    const requests = requestLoop(serviceUrl, 25);
    const streams = Array.from({ length: 6 }, () => openStream(serviceUrl, 15, 100));
    await Promise.all(streams.map((s) => s.firstEvent));
    await engine.inject(drillWith({ kind: 'stop-task', targets: { count: 1 } }));
    // A bound on the wait for recovery, not its expected time: on two loaded cores the replacement took over 15 s.
    expect((await engine.awaitRecovery(30_000)).recovered).toBe(true);
    const results = await Promise.all(streams.map((s) => s.result));
    const statuses = await requests.stop();
    expect(results.filter((r) => !r.done)).toEqual([]);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(engine.figures()).toMatchObject({ 'alb.5xx': 0, 'tasks.sigkilled': 0 });
  });
});
