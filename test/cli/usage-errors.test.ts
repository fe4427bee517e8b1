/** Bad input to the built CLI (dist/bin/drills.js): each says what, the value received and what to do, and exits 2. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { drills, killAll } from './drills-cli';

jest.setTimeout(60_000);
afterAll(killAll);

describe('drills usage errors (built: dist/bin/drills.js)', () => {
  it('rejects an unknown option with exit 2, naming it and where the options are listed', async () => {
    const { code, stdout, stderr } = await drills(['rehearse', '--no-such-flag']).done;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe("error: unknown option '--no-such-flag'\n(drills rehearse --help lists what it takes)\n");
  });

  it('rejects an unknown command with exit 2, naming it and where the commands are listed', async () => {
    const { code, stderr } = await drills(['frobnicate']).done;
    expect(code).toBe(2);
    expect(stderr).toBe("error: unknown command 'frobnicate'\n(drills --help lists the commands)\n");
  });

  it('rejects a missing outputs file with exit 2: the path, why, how to write it, and no AWS SDK notice before it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drills-usage-'));
    try {
      const missing = path.join(dir, 'cdk-outputs.json');
      const { code, stderr } = await drills(['preflight', 'task-stop-drain', '--outputs', missing]).done;
      expect(code).toBe(2);
      expect(stderr).toContain(`drills preflight: cannot read outputs file ${missing}: ENOENT`);
      expect(stderr).toContain(`write it with \`npx cdk deploy --all --outputs-file ${missing}\``);
      expect(stderr).not.toContain('NodeVersionSupportWarning');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
