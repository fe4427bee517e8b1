/**
 * What `drills rehearse` prints where, through the built CLI without a terminal (npm run build
 * first): stdout only the --json object, stderr plain progress lines with no escape sequences,
 * and the services' own JSON log lines in services.log, not on either stream.
 */
import * as fs from 'fs';
import * as path from 'path';
import { drills, evidenceFolder, type RehearseSummary } from './drills-cli';

const evidence = evidenceFolder('rehearse-output-');

describe('drills rehearse output', () => {
  it('keeps the service processes’ log lines in services.log and off the terminal', async () => {
    const out = evidence();
    const { code, stdout, stderr } = await drills(['rehearse', 'task-stop-drain', '--json', '--out', out], 120_000).done;
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as RehearseSummary; // the whole of stdout is the object
    expect(summary.runs.map((r) => r.drill)).toEqual(['task-stop-drain']);
    expect(stderr).toContain('[task-stop-drain +');
    expect(stderr).not.toContain('"event":"started"');
    // eslint-disable-next-line no-control-regex -- terminal escape sequences start with ESC
    expect(stderr).not.toMatch(/\u001b\[/);
    const log = fs.readFileSync(path.join(summary.runs[0].evidence, 'services.log'), 'utf8');
    expect(log).toMatch(/^\[t1-zone-a\] \{.*"event":"started"/m);
    expect(log).toMatch(/^\[t2-zone-b\] \{.*"event":"started"/m);
  }, 150_000);
});
