/**
 * End to end through the built CLI: services that are not the demo, drilled with their own
 * traffic profile (`--traffic`): an OpenAI-style POST SSE endpoint behind a bearer token, an
 * NDJSON stream, job runners that drain or drop their jobs; a wrong path stops the run before
 * any fault; a missing `${env:…}` is a usage error. Real processes on 127.0.0.1.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { drills, evidenceFolder, type RehearseSummary } from '../cli/drills-cli';

jest.setTimeout(150_000);
const out = evidenceFolder('e2e-own-traffic-');
const TOKEN = `sk-drill-${randomUUID()}`;
const CHAT = 'node test/fixtures/services/chat-gateway.js';
const traffic = (name: string) => `test/fixtures/traffic/${name}.json`;

async function rehearse(drill: string, command: string, profile: string, env: NodeJS.ProcessEnv = { API_TOKEN: TOKEN }) {
  const { code, stdout, stderr } = await drills(['rehearse', drill, '--json', '--out', out(), '--command', command, '--traffic', traffic(profile)], 120_000, env).done;
  return { code, stderr, result: stdout.trim() ? (JSON.parse(stdout) as RehearseSummary) : undefined };
}

/** Every file under dir, as text. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'));
}

describe('drills rehearse with the service’s own traffic', () => {
  it('holds task-stop-drain on a POST SSE endpoint behind a bearer token, and the token is nowhere in the evidence', async () => {
    const { code, result, stderr } = await rehearse('task-stop-drain', CHAT, 'chat-sse');
    const run = result!.runs[0];
    expect(run.figures['streams.total']).toBe(6);
    expect(run.figures['streams.broken']).toBe(0);
    expect(run.figures['requests.failed']).toBe(0);
    expect(run.figures['jobs.failed']).toBeUndefined();
    expect(result!.verdict).toBe('HELD');
    expect(code).toBe(0);
    const journal = JSON.parse(fs.readFileSync(path.join(run.evidence, 'journal.json'), 'utf8'));
    expect(journal.judgement.reasons.join('\n')).toMatch(/not judged.*jobs\.failed/);
    expect(journal.settings.service.traffic.headers.authorization).toBe('<redacted>');
    const evidence = filesUnder(run.evidence);
    expect(evidence.length).toBeGreaterThanOrEqual(3);
    expect(evidence.filter((text) => text.includes(TOKEN))).toEqual([]);
    expect(stderr).not.toContain(TOKEN);
    // The service really was called with the token on the configured paths.
    expect(evidence.join('\n')).toMatch(/"call":"POST \/v1\/chat\/completions","status":200/);
  });

  it('reads an NDJSON stream to its end marker', async () => {
    const { result } = await rehearse('task-stop-drain', CHAT, 'chat-ndjson');
    const f = result!.runs[0].figures;
    expect(f['streams.clean']).toBe(6);
    expect(f['streams.events']).toBe(6 * 12);
    expect(result!.verdict).toBe('HELD');
  });

  it('judges task-hard-kill honestly on a service whose events carry no task field: only the killed task’s streams break', async () => {
    const { result } = await rehearse('task-hard-kill', CHAT, 'chat-sse');
    const f = result!.runs[0].figures;
    expect(f['streams.broken']).toBeGreaterThan(0);
    expect(f['streams.brokenOffTarget']).toBe(0);
  });

  it('holds task-stop-drain on a job runner that finishes its jobs before exiting', async () => {
    const { result, code } = await rehearse('task-stop-drain', 'node test/fixtures/services/job-runner.js', 'jobs', {});
    const f = result!.runs[0].figures;
    expect(f).toMatchObject({ 'jobs.total': 2, 'jobs.succeeded': 2, 'jobs.failed': 0 });
    expect(f['jobs.seconds.max']).toBeGreaterThanOrEqual(4);
    expect(f['streams.total']).toBeUndefined();
    expect(result!.verdict).toBe('HELD');
    expect(code).toBe(0);
  });

  it('fails task-stop-drain as VIOLATED on jobs.failed when the job runner drops its jobs on SIGTERM', async () => {
    const { result, code } = await rehearse('task-stop-drain', 'node test/fixtures/services/job-runner-drops.js', 'jobs', {});
    const run = result!.runs[0];
    expect(run.figures['jobs.failed']).toBeGreaterThanOrEqual(1);
    expect(run.verdict).toBe('VIOLATED');
    expect(code).toBe(1);
    const journal = JSON.parse(fs.readFileSync(path.join(run.evidence, 'journal.json'), 'utf8'));
    expect(journal.judgement.reasons.join('\n')).toMatch(/jobs\.failed = [1-9]\d* breaks <= 0/);
    expect(journal.samples.jobs.some((j: { state?: string }) => j.state === 'lost')).toBe(true);
  });

  it('rejects a wrong stream path before any fault: ERROR, exit 5, naming the path, the status and the setting', async () => {
    const { result, code } = await rehearse('task-stop-drain', CHAT, 'chat-wrong-path');
    expect(code).toBe(5);
    const run = result!.runs[0];
    expect(run.verdict).toBe('ERROR');
    const journal = JSON.parse(fs.readFileSync(path.join(run.evidence, 'journal.json'), 'utf8'));
    expect(journal.injection).toMatchObject({ injected: false });
    expect(journal.timeline.some((e: { kind: string }) => e.kind === 'fault-injected')).toBe(false);
    expect(journal.judgement.reasons[0]).toContain('POST /v1/chat/completion gave HTTP 404');
    expect(journal.judgement.reasons[0]).toContain('check streams.path');
  });

  it('rejects a profile whose ${env:…} variable is not set: exit 2 naming it, nothing started', async () => {
    const { code, stderr, result } = await rehearse('task-stop-drain', CHAT, 'chat-sse', { API_TOKEN: '' });
    expect(code).toBe(2);
    expect(result).toBeUndefined();
    expect(stderr).toMatch(/\$\{env:API_TOKEN\} is used but the environment variable API_TOKEN is not set/);
  });
});

describe('idle keep-alive against the load balancer idle timeout', () => {
  it('reports a service that closes idle connections after 1 s as a finding and a figure', async () => {
    const { result } = await rehearse('task-stop-drain', 'node test/fixtures/services/short-keep-alive.js', 'jobs', {});
    const run = result!.runs[0];
    expect(run.figures['tasks.idleKeepAliveSeconds.min']).toBeGreaterThanOrEqual(0.8);
    expect(run.figures['tasks.idleKeepAliveSeconds.min']).toBeLessThan(3); // Node closes 1-2 s after keepAliveTimeout 1000
    const journal = JSON.parse(fs.readFileSync(path.join(run.evidence, 'journal.json'), 'utf8'));
    expect(journal.timeline.map((e: { detail?: string }) => e.detail ?? '')).toContainEqual(
      expect.stringMatching(/^finding: t\d-zone-\w closes an idle keep-alive connection after [12](\.\d)? s, sooner than the load balancer's idle timeout \(60 s/),
    );
    expect(fs.readFileSync(path.join(run.evidence, 'report.md'), 'utf8')).toMatch(/closes an idle keep-alive connection after [12]/);
  });
});
