import { expectEvery } from '../../helpers/expect-every';
import { EngineHarness, drillWith, fixtureCommand, openStream, requestLoop, shortConfig } from './harness';

const h = new EngineHarness();
afterEach(() => h.closeAll());

describe('az-outage on the local engine', () => {
  test("cuts the zone's streams, stops its tasks, places replacements only in the other zones, and recovers after the outage", async () => {
    const engine = h.create({ command: fixtureCommand('drains'), config: shortConfig({ service: { desiredCount: 3, azCount: 3 } }) });
    const { serviceUrl } = await engine.start();
    const streams = [openStream(serviceUrl, 40, 100), openStream(serviceUrl, 40, 100), openStream(serviceUrl, 40, 100)];
    await Promise.all(streams.map((s) => s.firstEvent));
    const requests = requestLoop(serviceUrl, 25);
    const injectedAt = Date.now();
    const injection = await engine.inject(drillWith({ kind: 'az-outage', zoneIndex: 0, duration: { aws: 'PT5M', local: 'PT2S' } }));
    expect(injection).toEqual({ injected: true, targets: ['t1-zone-a'] });

    const results = await Promise.all(streams.map((s) => s.result));
    const cut = results.find((r) => r.zone === 'zone-a');
    expect(cut?.broken).toBe(true);
    expect((cut?.endedAtMs ?? Infinity) - injectedAt).toBeLessThan(2000);
    expectEvery(
      results.filter((r) => r.zone !== 'zone-a'),
      (r) => r.done,
      'streams on the other zones',
    );

    expect((await engine.awaitRecovery(15000)).recovered).toBe(true);
    expect(Date.now() - injectedAt).toBeGreaterThanOrEqual(2000); // not before the zone is back
    const statuses = await requests.stop();
    expect(statuses.filter((s) => s >= 500)).toEqual([]); // the zone's targets were deregistered: no request is sent there
    const replacements = h.kinds('replacement-started');
    expectEvery(replacements, (e) => e.zone !== 'zone-a', 'replacements');
    const kinds = h.events.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['zone-cut', 'zone-restored', 'fault-ended']));
    expect(h.kinds('task-exited')[0]).toMatchObject({ task: 't1-zone-a', signal: 'SIGKILL' });

    const figures = engine.figures();
    expect(figures).toMatchObject({ 'fault.targets': 1, 'tasks.running.min': 2, 'tasks.sigkilled': 0, 'alb.5xx': 0 });
    expect(figures['recovery.seconds']).toBeGreaterThanOrEqual(2);
  });

  test('reports nothing injected for a zone the service does not use', async () => {
    const engine = h.create({ command: fixtureCommand('drains') });
    await engine.start();
    const injection = await engine.inject(drillWith({ kind: 'az-outage', zoneIndex: 2, duration: { aws: 'PT5M', local: 'PT1S' } }));
    expect(injection).toMatchObject({ injected: false, targets: [] });
    expect(injection.reason).toMatch(/zone index 2/);
  });
});
