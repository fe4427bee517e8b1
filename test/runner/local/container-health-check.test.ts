import { EngineHarness, fixtureCommand, shortConfig, waitFor } from './harness';

const h = new EngineHarness();
afterEach(async () => {
  await h.closeAll();
  delete process.env.HEALTH_FAIL_AFTER_MS;
});

describe('the container health check', () => {
  test('replaces a task whose health check fails `retries` times in a row', async () => {
    process.env.HEALTH_FAIL_AFTER_MS = '2500';
    const config = shortConfig({ local: { containerHealthCheck: { intervalSeconds: 0.3, timeoutSeconds: 0.25, retries: 2, startPeriodSeconds: 0.5 } } });
    const engine = h.create({ command: fixtureCommand('turns-unhealthy'), config });
    await engine.start();
    await waitFor(() => h.kinds('replacement-started').length >= 1, 10000, 'a replacement');
    const note = h.kinds('note').find((e) => /container health check failed 2 times/.test(e.detail ?? ''));
    expect(note).toBeDefined();
    expect(h.kinds('sigterm-sent').map((e) => e.task)).toContain(note?.task);
    expect(h.kinds('target-deregistered').map((e) => e.task)).toContain(note?.task);
  });
});
