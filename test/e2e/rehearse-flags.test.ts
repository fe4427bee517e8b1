/** End to end, through the built CLI: flags derive consistently and run as the docs print them. */
import { drills, evidenceFolder, type RehearseSummary } from '../cli/drills-cli';

jest.setTimeout(120_000);
const out = evidenceFolder('e2e-flags-');

describe('drills rehearse flags', () => {
  it('holds task-stop-drain on the demo service with --stop-timeout 10 alone (drain deadline and longest request derived)', async () => {
    const { code, stdout, stderr } = await drills(['rehearse', 'task-stop-drain', '--stop-timeout', '10', '--command', 'node service/dist/server.js', '--json', '--out', out()]).done;
    expect(stderr).not.toMatch(/drainTimeoutMs/);
    const result = JSON.parse(stdout) as RehearseSummary;
    expect(result.verdict).toBe('HELD');
    expect(code).toBe(0);
  });

  it('rejects --stop-timeout 3 with exit 2, naming the flags to pass and what was derived from what', async () => {
    const { code, stderr } = await drills(['rehearse', 'task-stop-drain', '--stop-timeout', '3', '--out', out()]).done;
    expect(code).toBe(2);
    expect(stderr).toContain('pass --stop-timeout 8 or more');
    expect(stderr).toMatch(/derived from the demo traffic's stream: 300 ms to the first event \+ 25 × 200 ms = 5\.3 s/);
    expect(stderr).toContain('derived from --stop-timeout 3');
  });

  it('health-checks the path --health-path names', async () => {
    // never-healthy.js fails GET /healthz but answers 200 on any other path; it serves no jobs.
    const args = [
      'rehearse',
      'task-stop-drain',
      '--command',
      'node test/fixtures/services/never-healthy.js',
      '--health-path',
      '/livez',
      '--stop-timeout',
      '10',
      '--longest-request',
      '6',
      '--traffic',
      'test/fixtures/traffic/streams-and-requests.json',
      '--json',
      '--out',
      out(),
    ];
    const { code, stdout } = await drills(args).done;
    expect((JSON.parse(stdout) as RehearseSummary).verdict).toBe('HELD');
    expect(code).toBe(0);
  });
});
