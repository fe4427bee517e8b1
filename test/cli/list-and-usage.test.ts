/**
 * The `drills` CLI: what list, --version, --help, doctor and the usage errors answer, in-process
 * through runCli (the program bin/drills.ts runs); and the built binary (dist/bin/drills.js) in
 * three spawns — the exit code it sets, stdout carrying only the answer, and a rehearsal that
 * ends at once leaving nothing running. Spawning it once per check took over 60 s under load.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../lib/cli/program';
import { recordingIoHost } from '../../lib/cli/recording-io-host';
import { appContainer, FIXTURE_PATH, withEdit } from '../guardrails/fixture';
import { survivorsOf } from '../helpers/run-processes';
import { drills, killAll } from './drills-cli';

jest.setTimeout(60_000);
afterAll(killAll);

/** runCli with a recording host: the exit code, and what would have gone to stdout and stderr. */
async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = recordingIoHost();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout.join(''), stderr: io.stderr.join('') };
}

describe('drills CLI, in-process (lib/cli/program.ts)', () => {
  it('lists the catalogue with id, fault and hypothesis, fitted to 100 columns when stdout is not a terminal, each hypothesis whole', async () => {
    const { code, stdout } = await cli(['list']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/task-stop-drain\s+stop-task/);
    expect(stdout).toContain('az-outage');
    expect(
      Math.max(
        ...stdout
          .trimEnd()
          .split('\n')
          .map((l) => [...l].length),
      ),
    ).toBeLessThanOrEqual(100);
    expect(stdout.split(/\s+/).join(' ')).toContain('When ECS stops one task (deregister, SIGTERM, SIGKILL after stopTimeout), every stream in flight ends cleanly');
  });

  it('prints the version from package.json for --version', async () => {
    const { code, stdout } = await cli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe((JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version);
  });

  it('rejects a bad flag value with exit 2', async () => {
    const { code, stderr } = await cli(['rehearse', '--stop-order', 'sideways']);
    expect(code).toBe(2);
    expect(stderr).toContain('--stop-order');
  });

  it('runs doctor: exit 0 on a compliant template, 1 on a shell entrypoint, 2 on a usage error', async () => {
    const ok = await cli(['doctor', FIXTURE_PATH, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ findings: [] });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-cli-'));
    try {
      const shell = path.join(dir, 'shell.template.json');
      fs.writeFileSync(
        shell,
        JSON.stringify(
          withEdit('TaskDefinition', (p) => {
            appContainer(p).EntryPoint = ['sh', '-c', 'node server.js'];
          }),
        ),
      );
      const bad = await cli(['doctor', shell]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/\[Error at .*\] DRILL-DRAIN-4:/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const usage = await cli(['doctor', '--live']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--live needs --service');
  });

  it('lists the AWS commands in --help and refuses their bad input with exit 2 before touching AWS', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['preflight', 'run', 'stop', 'report', 'doctor']) expect(help.stdout).toContain(`  ${command} `);
    const noYes = await cli(['run', 'task-stop-drain']);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain('pass --yes');
    const stopWhat = await cli(['stop']);
    expect(stopWhat.code).toBe(2);
    expect(stopWhat.stderr).toContain('--all-mine');
    const unknown = await cli(['preflight', 'no-such-drill', '--outputs', 'none.json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown drill 'no-such-drill'");
  });
});

describe('drills CLI (built: dist/bin/drills.js)', () => {
  it('prints only JSON on stdout for list --json, and exits 0', async () => {
    const { code, stdout, stderr } = await drills(['list', '--json']).done;
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { id: string }[]).map((d) => d.id)).toEqual(['task-stop-drain', 'task-hard-kill', 'az-outage', 'dependency-outage', 'database-failover']);
    expect(stderr).toBe('');
  });

  it('rejects an unknown drill id with exit 2 and names it on stderr, nothing on stdout', async () => {
    const { code, stdout, stderr } = await drills(['rehearse', 'no-such-drill']).done;
    expect(code).toBe(2);
    expect(stderr).toContain("'no-such-drill'");
    expect(stdout).toBe('');
  });

  it('fails with ERROR (exit 5) and a clear error when the command exits at once, leaving nothing running', async () => {
    const marker = randomUUID();
    const run = drills(['rehearse', 'task-stop-drain', '--command', 'node -e "process.exit(3)"', '--out', '/tmp/drills-cli-test-evidence'], 120_000, { DRILLS_CLI_MARKER: marker });
    const { code, stderr } = await run.done;
    expect(code).toBe(5); // exited-at-once is an engine failure (ERROR); exit 2 is only for a command that cannot be spawned
    expect(stderr).toContain('did not come up (exited-at-once)');
    expect(await survivorsOf('DRILLS_CLI_MARKER', marker)).toEqual([]);
  });
});
