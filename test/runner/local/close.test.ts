import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineHarness, drillWith, fixtureCommand, getJson, isAlive, waitFor } from './harness';

const h = new EngineHarness();
let pidDir: string;
beforeEach(() => {
  pidDir = mkdtempSync(join(tmpdir(), 'drills-pids-'));
  process.env.FIXTURE_PID_DIR = pidDir;
});
afterEach(async () => {
  await h.closeAll();
  delete process.env.FIXTURE_PID_DIR;
  for (const file of readdirSync(pidDir)) {
    const pid = Number(readFileSync(join(pidDir, file), 'utf8'));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidDir, { recursive: true, force: true });
});

/** SIGKILL lands and init reaps asynchronously: give the kernel a moment, then insist. */
async function allDead(pids: number[]): Promise<void> {
  await waitFor(() => pids.every((pid) => !isAlive(pid)), 2000, 'every process to be gone').catch(() => undefined);
  expect(pids.filter(isAlive)).toEqual([]);
}

function grandchildren(): number[] {
  return readdirSync(pidDir).map((f) => Number(readFileSync(join(pidDir, f), 'utf8')));
}

describe('LocalEngine.close', () => {
  test('leaves no process alive, grandchildren included', async () => {
    const engine = h.create({ command: fixtureCommand('spawns-child') });
    await engine.start();
    await waitFor(() => grandchildren().length === 2, 5000, 'both grandchild pid files');
    const pids = [...h.pids(), ...grandchildren()];
    expect(pids.filter(isAlive)).toHaveLength(4);
    await engine.close();
    await engine.close(); // idempotent
    await allDead(pids);
  });

  test("kills what is left of a task's group when its main process exits, as the container runtime does", async () => {
    const engine = h.create({ command: fixtureCommand('spawns-child') });
    await engine.start();
    await waitFor(() => grandchildren().length === 2, 5000, 'both grandchild pid files');
    const orphanCandidate = Number(readFileSync(join(pidDir, 't1-zone-a.grandchild'), 'utf8'));
    expect(isAlive(orphanCandidate)).toBe(true); // alive before the fault, so its death below is the group kill's doing
    await engine.inject(drillWith({ kind: 'stop-task', targets: { count: 1 } }));
    await waitFor(() => h.kinds('task-exited').length === 1, 5000, 't1 to exit');
    await waitFor(() => !isAlive(orphanCandidate), 2000, 'the grandchild to be killed with its group');
  });

  test('two engines run side by side without clashing', async () => {
    const a = h.create({ command: fixtureCommand('drains') });
    const b = h.create({ command: fixtureCommand('drains') });
    const [ua, ub] = await Promise.all([a.start(), b.start()]);
    expect(ua.serviceUrl).not.toBe(ub.serviceUrl);
    expect((await getJson(`${ua.serviceUrl}/`)).status).toBe(200);
    expect((await getJson(`${ub.serviceUrl}/`)).status).toBe(200);
    const pids = h.pids();
    expect(new Set(pids).size).toBe(4);
    expect(pids.filter(isAlive)).toHaveLength(4);
    await Promise.all([a.close(), b.close()]);
    await allDead(pids);
  });
});

describe('LocalEngine.close during a recovery wait', () => {
  test('ends the pending recovery wait at once, not at its bound', async () => {
    const engine = h.create({ command: fixtureCommand('drains') });
    await engine.start();
    await engine.inject(drillWith({ kind: 'stop-task', targets: { count: 1 } }));
    const waiting = engine.awaitRecovery(60_000);
    const closedAt = Date.now();
    await engine.close();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([waiting, new Promise<'still waiting'>((r) => (timer = setTimeout(() => r('still waiting'), 5000)))]);
    clearTimeout(timer);
    expect(outcome).toEqual({ recovered: false });
    expect(Date.now() - closedAt).toBeLessThan(5000);
  });
});
