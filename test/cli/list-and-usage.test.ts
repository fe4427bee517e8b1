import { drills, killAll } from './drills-cli';

jest.setTimeout(60_000);
afterAll(killAll);

describe('drills CLI (built: dist/bin/drills.js)', () => {
  it('lists the catalogue with id, fault and hypothesis', async () => {
    const { code, stdout } = await drills(['list']).done;
    expect(code).toBe(0);
    expect(stdout).toMatch(/task-stop-drain\s+stop-task/);
    expect(stdout).toContain('az-outage');
  });

  it('prints only JSON on stdout for list --json', async () => {
    const { code, stdout } = await drills(['list', '--json']).done;
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { id: string }[]).map((d) => d.id)).toEqual(['task-stop-drain', 'task-hard-kill', 'az-outage']);
  });

  it('rejects an unknown drill id with exit 2 and names it', async () => {
    const { code, stderr } = await drills(['rehearse', 'no-such-drill']).done;
    expect(code).toBe(2);
    expect(stderr).toContain("'no-such-drill'");
  });

  it('rejects a bad flag value with exit 2', async () => {
    const { code, stderr } = await drills(['rehearse', '--stop-order', 'sideways']).done;
    expect(code).toBe(2);
    expect(stderr).toContain('--stop-order');
  });

  it('fails with a clear error when the command exits at once, leaving nothing running', async () => {
    const run = drills(['rehearse', 'task-stop-drain', '--command', 'node -e "process.exit(3)"', '--out', '/tmp/drills-cli-test-evidence']);
    const { code, stderr } = await run.done;
    expect([2, 5]).toContain(code);
    expect(stderr).toContain('did not come up');
  });
});
