/**
 * End to end, through the built CLI, on the field input `slow-warmup-service.py` (a Python SSE
 * service answering 503 for its first 5 s): with the configured container health check (start
 * period 10 s, failures inside it not counted, as ECS does) the replacement warms up and the
 * drill is HELD with a measured recovery.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { Journal } from '../../lib/runner/journal';
import { drills, evidenceFolder, type RehearseSummary } from '../cli/drills-cli';

jest.setTimeout(120_000);
const out = evidenceFolder('e2e-slow-warmup-');

describe('drills rehearse on a service that warms up for 5 s', () => {
  // The field input's command exactly as its README gives it: no --traffic, so the demo's streams
  // and requests are sent and its jobs (an API this service lacks) are not.
  it('holds task-stop-drain with a measured recovery longer than the warm-up, no task replaced by its health check', async () => {
    const command = 'python3 test/fixtures/services/slow-warmup-service.py';
    const args = ['rehearse', 'task-stop-drain', '--json', '--out', out(), '--command', command, '--stop-timeout', '10', '--drain-timeout-ms', '8000', '--longest-request', '6'];
    const { code, stdout, stderr } = await drills(args, 100_000).done;
    expect(stderr).toContain('not its jobs');
    const result = JSON.parse(stdout) as RehearseSummary;
    const f = result.runs[0].figures;
    expect(result.verdict).toBe('HELD');
    expect(code).toBe(0);
    expect(f['recovery.seconds']).toBeGreaterThan(5);
    expect(f['streams.broken']).toBe(0);
    const journal = JSON.parse(await fs.readFile(path.join(result.runs[0].evidence, 'journal.json'), 'utf8')) as Journal;
    expect(journal.timeline.filter((e) => /container health check failed/.test(e.detail ?? ''))).toEqual([]);
  });
});
