import { createServer, type Server } from 'node:net';
import { LocalEngineError } from '../../../lib/runner/local';
import { EngineHarness, fixtureCommand, isAlive, shortConfig, waitFor } from './harness';

const h = new EngineHarness();
let blocker: Server | undefined;
afterEach(async () => {
  await h.closeAll();
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  blocker = undefined;
});

async function startFails(command: string, startTimeoutMs = 15000): Promise<LocalEngineError> {
  const engine = h.create({ command, startTimeoutMs });
  const error = await engine.start().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(LocalEngineError);
  const pids = h.pids();
  expect(pids.length).toBeGreaterThan(0);
  await waitFor(() => pids.every((pid) => !isAlive(pid)), 2000, 'every process to be gone').catch(() => undefined);
  expect(pids.filter(isAlive)).toEqual([]);
  return error as LocalEngineError;
}

describe('LocalEngine.start', () => {
  test('rejects a command that exits at once, naming its exit code, and leaves nothing running', async () => {
    const error = await startFails(`node -e "console.error('boom'); process.exit(3)"`);
    expect(error.kind).toBe('exited-at-once');
    expect(error.message).toMatch(/code 3/);
    expect(error.message).toMatch(/boom/);
  });

  test('rejects a service that never becomes healthy within the bound, and leaves nothing running', async () => {
    const error = await startFails(fixtureCommand('never-healthy'), 1500);
    expect(error.kind).toBe('never-healthy');
    expect(error.message).toMatch(/within 1\.5 s/);
  });

  test('rejects a service that never becomes healthy, naming the path, what each task answered and the setting to change', async () => {
    // A 10 s start period: node alone took over 4 s to listen on two loaded cores, and the tasks
    // must be answering (503) for the message to say what they answered.
    const config = shortConfig({ local: { containerHealthCheck: { intervalSeconds: 0.5, timeoutSeconds: 0.45, retries: 3, startPeriodSeconds: 10 } } });
    const engine = h.create({ command: fixtureCommand('never-healthy'), startTimeoutMs: undefined, config });
    const error = (await engine.start().catch((e: unknown) => e)) as LocalEngineError;
    expect(error.kind).toBe('never-healthy');
    // the container check: 10 + 3 × 0.5 + 0.45 s, the load balancer's 2 × 0.5 s, 1 s margin
    expect(error.message).toMatch(/did not become healthy within 13\.95 s: GET \/healthz answered t1-zone-a: 503, t2-zone-b: 503/);
    expect(error.message).toContain('pass --health-path <path>');
    expect(error.message).toContain('local.containerHealthCheck.startPeriodSeconds');
  });

  test('rejects a service whose port is taken as a port clash, and leaves nothing running', async () => {
    blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker?.listen(0, '127.0.0.1', () => resolve((blocker?.address() as { port: number }).port)));
    const error = await startFails(`sh -c "FIXED_PORT=${port} exec ${fixtureCommand('fixed-port').replace(/"/g, '')}"`);
    expect(error.kind).toBe('port-clash');
    expect(error.message).toMatch(/its port is already in use/);
    expect(error.message).toMatch(/EADDRINUSE/);
  });

  test('rejects a Python service whose port is taken as a port clash too', async () => {
    blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker?.listen(0, '127.0.0.1', () => resolve((blocker?.address() as { port: number }).port)));
    const error = await startFails(`python3 -c "import http.server as h; h.HTTPServer(('127.0.0.1', ${port}), h.BaseHTTPRequestHandler).serve_forever()"`);
    expect(error.kind).toBe('port-clash');
    expect(error.message).toMatch(/Address already in use/);
  });

  test('rejects a command that cannot be started at all', async () => {
    const engine = h.create({ command: 'no-such-command-for-drills --x' });
    await expect(engine.start()).rejects.toMatchObject({ kind: 'start-failed', message: expect.stringMatching(/ENOENT/) });
  });
});
