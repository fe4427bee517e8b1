import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LoadBalancer } from '../../../lib/runner/local/load-balancer';
import { TaskProcess } from '../../../lib/runner/local/task-process';
import { freePort } from '../../../lib/runner/local/free-port';
import type { TimelineEntry } from '../../../lib/runner/samples';
import { FIXTURES, getJson, openStream, waitFor } from './harness';

interface Backend {
  readonly name: string;
  readonly port: number;
  readonly server: Server;
  healthStatus: number;
  requests: number;
}

// In-process backends share this test's event loop: checks no tighter than a loaded 2-core machine keeps.
const HEALTH = { intervalSeconds: 0.25, timeoutSeconds: 0.2, healthyThreshold: 2, unhealthyThreshold: 2 };
const servers: Server[] = [];
const balancers: LoadBalancer[] = [];
const processes: TaskProcess[] = [];

afterEach(async () => {
  for (const p of processes.splice(0)) p.killGroup('SIGKILL');
  await Promise.all(balancers.splice(0).map((lb) => lb.close()));
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise((resolve) => {
          s.closeAllConnections();
          s.close(resolve);
        }),
    ),
  );
});

async function backend(name: string): Promise<Backend> {
  const b: Backend = { name, port: 0, server: createServer(), healthStatus: 200, requests: 0 };
  b.server.on('request', (req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(b.healthStatus).end();
      return;
    }
    b.requests += 1;
    if (req.url?.startsWith('/v1/stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let i = 0;
      const timer = setInterval(() => {
        if (i === 10) {
          clearInterval(timer);
          res.end('data: [DONE]\n\n');
          return;
        }
        res.write(`data: ${JSON.stringify({ i: i++, task: name })}\n\n`);
      }, 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ task: name }));
  });
  servers.push(b.server);
  await new Promise<void>((resolve) => b.server.listen(0, '127.0.0.1', resolve));
  return Object.assign(b, { port: (b.server.address() as AddressInfo).port });
}

async function balancer(events: TimelineEntry[] = []): Promise<{ lb: LoadBalancer; url: string }> {
  const lb = new LoadBalancer({ healthPath: '/healthz', healthCheck: HEALTH, onEvent: (e) => events.push(e), onChange: () => undefined });
  balancers.push(lb);
  const port = await lb.listen();
  return { lb, url: `http://127.0.0.1:${port}` };
}

async function tasksServing(url: string, n: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const answer = await getJson(`${url}/`);
    names.push(String(answer.body.task ?? answer.status));
  }
  return names;
}

describe('LoadBalancer', () => {
  test('round-robins over healthy targets', async () => {
    const [a, b] = [await backend('a'), await backend('b')];
    const { lb, url } = await balancer();
    lb.register({ id: 'a', zone: 'z1', port: a.port });
    lb.register({ id: 'b', zone: 'z2', port: b.port });
    await waitFor(() => lb.healthyCount() === 2, 5000, 'both targets healthy');
    const served = await tasksServing(url, 6);
    expect(served.filter((t) => t === 'a')).toHaveLength(3);
    expect(served.filter((t) => t === 'b')).toHaveLength(3);
  });

  test('sends nothing to a target that failed its health checks', async () => {
    const [a, b] = [await backend('a'), await backend('b')];
    const events: TimelineEntry[] = [];
    const { lb, url } = await balancer(events);
    lb.register({ id: 'a', zone: 'z1', port: a.port });
    lb.register({ id: 'b', zone: 'z2', port: b.port });
    await waitFor(() => lb.healthyCount() === 2, 5000, 'both targets healthy');
    b.healthStatus = 503;
    await waitFor(() => lb.healthOf('b') === 'unhealthy', 5000, 'b unhealthy');
    expect(events.some((e) => e.kind === 'target-unhealthy' && e.task === 'b')).toBe(true);
    expect(new Set(await tasksServing(url, 4))).toEqual(new Set(['a']));
  });

  test('fails open to every registered target when none is healthy', async () => {
    const [a, b] = [await backend('a'), await backend('b')];
    a.healthStatus = 500;
    b.healthStatus = 500;
    const { lb, url } = await balancer();
    lb.register({ id: 'a', zone: 'z1', port: a.port });
    lb.register({ id: 'b', zone: 'z2', port: b.port });
    await waitFor(() => lb.healthOf('a') === 'unhealthy' && lb.healthOf('b') === 'unhealthy', 5000, 'both unhealthy');
    expect(new Set(await tasksServing(url, 4))).toEqual(new Set(['a', 'b']));
    expect(lb.elb5xx).toBe(0);
  });

  test('answers 503 itself when no target is registered, and counts it', async () => {
    const { lb, url } = await balancer();
    expect((await getJson(`${url}/`)).status).toBe(503);
    expect(lb.elb5xx).toBe(1);
  });

  test("keeps a deregistered target's in-flight stream to its end but sends it no new request", async () => {
    const [a, b] = [await backend('a'), await backend('b')];
    const events: TimelineEntry[] = [];
    const { lb, url } = await balancer(events);
    lb.register({ id: 'a', zone: 'z1', port: a.port });
    await waitFor(() => lb.healthyCount() === 1, 5000, 'a healthy');
    const stream = openStream(url, 10, 100);
    await stream.firstEvent;
    lb.register({ id: 'b', zone: 'z2', port: b.port });
    await waitFor(() => lb.healthOf('b') === 'healthy', 5000, 'b healthy');
    const drained = lb.deregister('a', 10000);
    expect(lb.inflightCount('a')).toBe(1);
    const before = a.requests;
    expect(new Set(await tasksServing(url, 4))).toEqual(new Set(['b']));
    expect(a.requests).toBe(before);
    const result = await stream.result;
    expect(result).toMatchObject({ done: true, broken: false, task: 'a', events: 10 });
    await drained;
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['target-deregistered', 'target-drained']));
  });

  test('fails the in-flight stream of a deregistered target once the deregistration delay expires', async () => {
    const a = await backend('a');
    const events: TimelineEntry[] = [];
    const { lb, url } = await balancer(events);
    lb.register({ id: 'a', zone: 'z1', port: a.port });
    await waitFor(() => lb.healthyCount() === 1, 5000, 'a healthy');
    const stream = openStream(url, 10, 100);
    await stream.firstEvent;
    await lb.deregister('a', 300);
    const result = await stream.result;
    expect(result.broken).toBe(true);
    expect(result.events).toBeLessThan(10);
    expect(events.find((e) => e.kind === 'target-drained')?.detail).toMatch(/1 request\(s\) cut/);
  });

  test("ends the client's stream promptly when its target is SIGKILLed mid-stream, and answers 502 after", async () => {
    const port = await freePort();
    const task = new TaskProcess({ argv: [process.execPath, join(FIXTURES, 'drains.js')], cwd: FIXTURES, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TASK_ID: 'k' } });
    processes.push(task);
    const { lb, url } = await balancer();
    lb.register({ id: 'k', zone: 'z1', port });
    await waitFor(() => lb.healthyCount() === 1, 10000, 'k healthy');
    const stream = openStream(url, 100, 100);
    await stream.firstEvent;
    const killedAt = Date.now();
    task.signal('SIGKILL');
    const result = await stream.result;
    expect(result.broken).toBe(true);
    expect(result.endedAtMs - killedAt).toBeLessThan(3000);
    await task.exited;
    expect((await getJson(`${url}/`)).status).toBe(502);
    expect(lb.elb5xx).toBe(1);
  });
});
