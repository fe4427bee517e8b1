/**
 * The dependency faults on the local engine, with the demo service and a real PostgreSQL: the
 * engine starts the database only when asked, the tasks get the fault proxy's address, the fault
 * counts connections and ends with the dependency back, and close leaves no server and no folder.
 */
import { existsSync, readFileSync } from 'fs';
import { findDrill } from '../../../experiments';
import type { Drill } from '../../../lib/drill';
import { EngineHarness, drillWith, getJson, isAlive, waitFor } from './harness';

jest.setTimeout(120_000);
const h = new EngineHarness();
afterEach(() => h.closeAll());

const DEMO = 'node service/dist/server.js';
const outage = { ...(findDrill('dependency-outage') as Drill), fault: { kind: 'dependency-outage', dependency: 'database', duration: { aws: 'PT1M', local: 'PT3S' } } } as Drill;

/** The PostgreSQL the engine announced on its timeline: its data folder and the postmaster's pid (from postmaster.pid). */
function announcedDatabase(): { dataDir: string; pid: number } {
  const note = h.kinds('note').find((e) => /^dependency: PostgreSQL/.test(e.detail ?? ''));
  const dataDir = /data in (\S+?);/.exec(note?.detail ?? '')?.[1] ?? '';
  return { dataDir, pid: Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]) };
}

describe('the local engine with a database', () => {
  test('black-holes the database for the duration, counts the connections, and recovers once it is back', async () => {
    const engine = h.create({ command: DEMO, database: true });
    const { serviceUrl } = await engine.start();
    const read = () => getJson(`${serviceUrl}/`);
    let first = await read();
    for (let i = 0; i < 20 && first.status !== 200; i += 1) first = await new Promise((r) => setTimeout(r, 100)).then(read);
    expect(first).toMatchObject({ status: 200, body: { usage: { stream: { count: 0 } } } });
    const injection = await engine.inject(outage);
    expect(injection).toMatchObject({ injected: true, targets: ['t1-zone-a', 't2-zone-b'] });
    expect(await read()).toMatchObject({ status: 503 });
    expect((await engine.awaitRecovery(20_000)).recovered).toBe(true);
    expect(h.kinds('fault-ended').map((e) => e.detail)).toEqual(['black hole lifted: the database port is reachable again']);
    expect(await read()).toMatchObject({ status: 200 });
    const figures = engine.figures();
    expect(figures['dependency.connects']).toBeGreaterThan(0);
    expect(figures['dependency.connections.peak']).toBeGreaterThan(0);
    expect(figures['tasks.replaced']).toBe(0);
    expect(engine.measurable).toEqual(expect.arrayContaining(['dependency.connects', 'dependency.connections.peak', 'dependency.recoverySeconds', 'tasks.replaced']));
  });

  test('restarts the database for a failover, and close stops it and removes its folder', async () => {
    const engine = h.create({ command: DEMO, database: true });
    await engine.start();
    const before = announcedDatabase();
    expect(isAlive(before.pid)).toBe(true);
    expect(await engine.inject(drillWith({ kind: 'database-failover', localDowntime: 'PT0.5S' }))).toMatchObject({ injected: true, targets: ['local-postgres'] });
    expect((await engine.awaitRecovery(20_000)).recovered).toBe(true);
    const after = announcedDatabase();
    expect(after.pid).not.toBe(before.pid);
    expect(engine.figures()['fault.targets']).toBe(1);
    await engine.close();
    await waitFor(() => !isAlive(after.pid), 3000, 'the server to be gone');
    expect(existsSync(after.dataDir)).toBe(false);
  });
});

describe('the local engine without a database', () => {
  test('rejects a dependency fault as not injected, and starts no database', async () => {
    const engine = h.create({ command: DEMO });
    await engine.start();
    const injection = await engine.inject(outage);
    expect(injection.injected).toBe(false);
    expect(injection.reason).toMatch(/needs a database, and this engine was started without one/);
    expect(h.kinds('note').some((e) => /^dependency:/.test(e.detail ?? ''))).toBe(false);
    expect(engine.measurable).not.toContain('dependency.connects');
  });
});
