import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { historyCommand } from '../../../lib/cli/commands/history';
import { finishRuns } from '../../../lib/cli/finish-runs';
import { Output } from '../../../lib/cli/output';
import { recordingIoHost } from '../../../lib/cli/recording-io-host';
import { hardKillJournal } from '../../report/journal-fixture';

function recorder() {
  const io = recordingIoHost();
  return { io, out: io.stdout, err: io.stderr };
}

async function evidenceRoot(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'drills-history-'));
  const write = async (dir: string, body: unknown) => {
    await fs.mkdir(path.join(root, dir), { recursive: true });
    await fs.writeFile(path.join(root, dir, 'journal.json'), typeof body === 'string' ? body : JSON.stringify(body));
  };
  await write(
    'task-hard-kill/r2',
    hardKillJournal({
      runId: 'r2',
      startedAt: '2026-12-01T00:00:00.000Z',
      endedAt: '2026-12-01T00:00:08.000Z',
      judgement: { ...hardKillJournal().judgement!, verdict: 'VIOLATED', reasons: ['recovery.seconds = 30 breaks <= 20'] },
    }),
  );
  await write('task-hard-kill/r1', hardKillJournal({ runId: 'r1' }));
  await write('task-hard-kill/broken', '{"schema": "fis-drills/journal@1", "runId"');
  await fs.mkdir(path.join(root, 'task-hard-kill', 'no-journal'), { recursive: true });
  return root;
}

describe('drills history', () => {
  it('prints one line per run, oldest first, writes index.html with charts and links, and names a journal it could not read', async () => {
    const root = await evidenceRoot();
    const { io, out, err } = recorder();
    expect(await historyCommand({ out: root }, io, new Date('2026-12-01T01:00:00Z'))).toBe(0);
    const lines = out.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^2026-11-30T12:00:00Z\s+task-hard-kill\s+drills-demo\s+local\s+HELD\s+2 s\s+1\s+4\/70\s+task-hard-kill\/r1$/);
    expect(lines[2]).toMatch(/VIOLATED/);
    expect(err.join('')).toMatch(/skipped .*broken\/journal\.json/);
    const html = await fs.readFile(path.join(root, 'index.html'), 'utf8');
    expect(html).toContain('href="task-hard-kill/r1/report.html"');
    expect((html.match(/<figure /g) ?? []).length).toBe(2);
  });

  it('gives the runs as JSON on stdout with --json, nothing else there', async () => {
    const root = await evidenceRoot();
    const { io, out } = recorder();
    await historyCommand({ out: root, json: true }, io);
    const parsed = JSON.parse(out.join(''));
    expect(parsed.runs.map((r: { runId: string; verdict: string }) => [r.runId, r.verdict])).toEqual([
      ['r1', 'HELD'],
      ['r2', 'VIOLATED'],
    ]);
    expect(parsed.index).toBe(path.join(root, 'index.html'));
  });

  it('says there is no run yet for an evidence root that does not exist, and creates neither the folder nor an index', async () => {
    const root = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'drills-history-')), 'missing');
    const { io, out } = recorder();
    expect(await historyCommand({ out: root }, io)).toBe(0);
    expect(out.join('')).toBe(`no runs under ${root}/ yet: the folder does not exist, nothing written (drills rehearse --out ${root} writes the first run there; check --out)\n`);
    await expect(fs.stat(root)).rejects.toThrow(/ENOENT/);
  });

  it('gives an empty history without an index in JSON for an evidence root that does not exist', async () => {
    const root = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'drills-history-')), 'missing');
    const { io, out } = recorder();
    expect(await historyCommand({ out: root, json: true }, io)).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual({ root, runs: [] });
  });

  it('writes index.html for an evidence root that exists but holds no run yet', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'drills-history-'));
    const { io, out } = recorder();
    expect(await historyCommand({ out: root }, io)).toBe(0);
    expect(out.join('')).toBe(`no runs under ${root}/ yet (drills rehearse writes the first)\n`);
    expect((await fs.stat(path.join(root, 'index.html'))).isFile()).toBe(true);
  });
});

describe('finishRuns', () => {
  it('writes the JUnit file with the evidence folder of each run and refreshes index.html', async () => {
    const root = await evidenceRoot();
    const junit = path.join(root, 'out', 'junit.xml');
    const { io, err } = recorder();
    await finishRuns({ output: new Output(io, 'rehearse'), outRoot: root, junit, runs: [{ drill: 'task-hard-kill', verdict: 'VIOLATED', evidence: path.join(root, 'task-hard-kill/r2') }] });
    const xml = await fs.readFile(junit, 'utf8');
    expect(xml).toContain('<testcase classname="fis-drills.local" name="task-hard-kill: Hard kill of one task breaks only its own streams" time="8.000">');
    expect(xml).toContain(`<property name="evidence" value="${path.join(root, 'task-hard-kill/r2')}"/>`);
    expect(xml).toContain('<failure message="VIOLATED: recovery.seconds = 30 breaks &lt;= 20" type="VIOLATED">');
    expect(err.join('')).toContain(`drills rehearse: JUnit written to ${junit}`);
    await expect(fs.stat(path.join(root, 'index.html'))).resolves.toBeTruthy();
  });

  it('fails softly, naming the file and the reason, when the JUnit file cannot be written', async () => {
    const root = await evidenceRoot();
    const blocker = path.join(root, 'a-file');
    await fs.writeFile(blocker, '');
    const { io, err } = recorder();
    await finishRuns({ output: new Output(io, 'run'), outRoot: root, junit: path.join(blocker, 'junit.xml'), runs: [] });
    expect(err.join('')).toMatch(new RegExp(`drills run: could not write the JUnit file ${blocker}/junit.xml: .*(ENOTDIR|EEXIST)`));
  });
});
