/**
 * End to end, through the built CLI, the dependency drills against a real PostgreSQL that the
 * rehearsal starts itself: the demo holds both; a demo whose health check needs the database
 * loses its tasks to it (dependency-outage VIOLATED on tasks.replaced); a pool without backoff
 * storms the restarted server (database-failover VIOLATED on dependency.connects); Ctrl-C in the
 * middle of either leaves no PostgreSQL, no task, no data folder. Every run's processes carry a
 * fresh marker in their environment (PostgreSQL's too).
 */
import { randomUUID } from 'crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { drills, evidenceFolder, ROOT, type RehearseSummary } from '../cli/drills-cli';
import { pollUntil, survivorsOf } from '../helpers/run-processes';

jest.setTimeout(240_000);
const MARKER = 'DRILLS_E2E_DEPENDENCIES';
const out = evidenceFolder('e2e-dependencies-');

function rehearse(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT) {
  const marker = randomUUID();
  const run = drills(['rehearse', '--out', out(), ...args], 200_000, { ...env, [MARKER]: marker }, cwd);
  return { ...run, marker, survivors: () => survivorsOf(MARKER, marker) };
}

/** The data folder the run's timeline announced ("…, data in /tmp/fis-drills-pg-…/data; …"). */
function dataFolders(stderr: string): string[] {
  return [...stderr.matchAll(/data in (\S+?)\/data;/g)].map((m) => m[1]);
}

const judged = (result: RehearseSummary, drill: string) => result.runs.find((r) => r.drill === drill);

describe('the demo service and its database', () => {
  it('holds dependency-outage and database-failover, with the dependency figures measured, and leaves nothing behind', async () => {
    const run = rehearse(['dependency-outage', 'database-failover', '--json']);
    const { code, stdout, stderr } = await run.done;
    const result = JSON.parse(stdout) as RehearseSummary;
    expect(result.runs.map((r) => [r.drill, r.verdict])).toEqual([
      ['dependency-outage', 'HELD'],
      ['database-failover', 'HELD'],
    ]);
    expect(code).toBe(0);
    const outage = judged(result, 'dependency-outage')?.figures ?? {};
    expect(outage['tasks.replaced']).toBe(0);
    expect(outage['streams.broken']).toBe(0);
    expect(outage['requests.failed']).toBeGreaterThan(0); // the fault landed: reads failed (fast) while the database was dark
    expect(outage['requests.p99Ms']).toBeLessThanOrEqual(2000);
    const failover = judged(result, 'database-failover')?.figures ?? {};
    expect(failover['dependency.connects']).toBeGreaterThan(0);
    expect(failover['dependency.connects']).toBeLessThanOrEqual(50);
    expect(failover['dependency.connections.peak']).toBeLessThanOrEqual(8);
    expect(failover['dependency.recoverySeconds']).toBeLessThanOrEqual(5);
    expect(await run.survivors()).toEqual([]);
    const folders = dataFolders(stderr);
    expect(folders).toHaveLength(2);
    expect(folders.filter((f) => existsSync(f))).toEqual([]);
  });
});

describe('services that get their database wrong', () => {
  it('makes dependency-outage VIOLATED on tasks.replaced when the health check needs the database', async () => {
    // A project whose container health check gives up within the outage (1 s interval, 2 retries).
    const project = mkdtempSync(path.join(os.tmpdir(), 'e2e-dependencies-project-'));
    try {
      writeFileSync(path.join(project, 'package.json'), '{"name":"health-needs-database","private":true}\n');
      writeFileSync(
        path.join(project, 'cdk.json'),
        JSON.stringify({ context: { drills: { local: { containerHealthCheck: { intervalSeconds: 1, timeoutSeconds: 0.5, retries: 2, startPeriodSeconds: 1 } } } } }),
      );
      const command = `node ${path.join(ROOT, 'service/dist/server.js')}`;
      const run = rehearse(['dependency-outage', '--json', '--command', command], { HEALTH_CHECK_DATABASE: 'true' }, project);
      const { code, stdout } = await run.done;
      const result = JSON.parse(stdout) as RehearseSummary & { runs: { judgement?: unknown }[] };
      expect(result.verdict).toBe('VIOLATED');
      expect(code).toBe(1);
      expect(judged(result, 'dependency-outage')?.figures['tasks.replaced']).toBeGreaterThan(0);
      expect(await run.survivors()).toEqual([]);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('makes database-failover VIOLATED on dependency.connects when the pool reconnects without backoff', async () => {
    const run = rehearse(['database-failover', '--json'], { DATABASE_RECONNECT: 'immediate' });
    const { code, stdout } = await run.done;
    const result = JSON.parse(stdout) as RehearseSummary;
    expect(result.verdict).toBe('VIOLATED');
    expect(code).toBe(1);
    const figures = judged(result, 'database-failover')?.figures ?? {};
    expect(figures['dependency.connects']).toBeGreaterThan(50);
    expect(figures['dependency.connections.peak']).toBeLessThanOrEqual(8);
    expect(await run.survivors()).toEqual([]);
  });
});

describe('Ctrl-C in the middle of a dependency drill', () => {
  it.each([
    ['dependency-outage', 'black-holed'],
    ['database-failover', 'restarting'],
  ])('%s: exits 3 and leaves no PostgreSQL, no task and no data folder (the database %s)', async (drill) => {
    const run = rehearse([drill, '--json']);
    let stderr = '';
    run.child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    expect(await pollUntil(() => /fault-injected/.test(stderr), 120_000, 50)).toBe(true);
    const [folder] = dataFolders(stderr);
    expect(folder && existsSync(folder)).toBe(true);
    process.kill(-(run.child.pid as number), 'SIGINT');
    const { code, stdout } = await run.done;
    expect(code).toBe(3);
    expect((JSON.parse(stdout) as RehearseSummary).verdict).toBe('ABORTED');
    expect(await run.survivors()).toEqual([]);
    expect(existsSync(folder)).toBe(false);
  });
});
