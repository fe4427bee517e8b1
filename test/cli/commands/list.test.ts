/** `drills list` over a cdk.json with problems: exit 2 like every other command that reads the config. */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listCommand } from '../../../lib/cli/commands/list';
import { recordingIoHost } from '../../../lib/cli/recording-io-host';

async function withCdkJson<T>(drills: unknown, body: (root: string) => T | Promise<T>): Promise<T> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'list-config-'));
  try {
    await fs.writeFile(path.join(root, 'cdk.json'), JSON.stringify({ context: { drills } }));
    return await body(root);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

describe('drills list with a config typo', () => {
  it('fails with exit 2, naming the misspelt setting, what is known and where to fix it, and still lists the catalogue', async () => {
    await withCdkJson({ services: [{ name: 'checkout', drils: ['task-stop-drain'] }] }, (root) => {
      const io = recordingIoHost();
      expect(listCommand({}, io, root)).toBe(2);
      const stderr = io.stderr.join('');
      expect(stderr).toContain('drills list: services not shown: fis-drills config has 1 problem(s):');
      expect(stderr).toContain('services[0] "checkout": unknown setting "service.drils"; known here: name, ');
      expect(stderr).toContain(`fix the \`drills\` context in ${path.join(root, 'cdk.json')}, then run \`drills list\` again`);
      expect(io.stdout.join('')).toMatch(/^task-stop-drain +stop-task /m);
      expect(io.stdout.join('')).not.toContain('SERVICE');
    });
  });

  it('fails with exit 2 on a drill id not in the catalogue, naming it and the catalogue; --json keeps stdout JSON', async () => {
    await withCdkJson({ services: [{ name: 'checkout', drills: ['task-stop-drian'] }] }, (root) => {
      const io = recordingIoHost();
      expect(listCommand({ json: true }, io, root)).toBe(2);
      expect(io.stderr.join('')).toContain('"task-stop-drian", not in the catalogue (the catalogue: task-stop-drain,');
      const listed = JSON.parse(io.stdout.join('')) as { id: string; services: string[] }[];
      expect(listed.map((d) => [d.id, d.services])).toEqual([
        ['task-stop-drain', []],
        ['task-hard-kill', []],
        ['az-outage', []],
        ['dependency-outage', []],
        ['database-failover', []],
      ]);
    });
  });

  it('exits 0 with nothing on stderr when the config is sound', async () => {
    await withCdkJson({ services: [{ name: 'checkout', drills: ['task-stop-drain'] }] }, (root) => {
      const io = recordingIoHost();
      expect(listCommand({}, io, root)).toBe(0);
      expect(io.stderr).toEqual([]);
      expect(io.stdout.join('')).toMatch(/^checkout +managed +yes +- +- +- +-$/m);
    });
  });
});
