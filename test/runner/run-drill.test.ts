import { promises as fs } from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import type { Drill, FigureName, Figures } from '../../lib/drill';
import type { RunMode } from '../../lib/drill/types';
import type { Engine, FaultInjection } from '../../lib/runner/engine';
import { isJournal, type Journal } from '../../lib/runner/journal';
import { runDrill } from '../../lib/runner/run-drill';
import taskStopDrain from '../../experiments/task-stop-drain';
import databaseFailover from '../../experiments/database-failover';
import { resolveTraffic } from '../../lib/traffic';

/** A tiny SSE server: `tokens` events then [DONE]; `GET /` answers {"task":"t1"}; `broken` answers one path with a status. */
function sseServer(broken?: { path: string; status: number }): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (broken && req.url?.split('?')[0] === broken.path) {
      res.writeHead(broken.status).end('{"error":"no"}');
      return;
    }
    if (req.url?.startsWith('/v1/stream')) {
      const q = new URL(req.url, 'http://x').searchParams;
      const tokens = Number(q.get('tokens'));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let i = 0;
      const t = setInterval(
        () => {
          if (i < tokens) res.write(`data: {"i":${i++},"task":"t1","zone":"zone-a","token":"x"}\n\n`);
          else {
            res.end('data: [DONE]\n\n');
            clearInterval(t);
          }
        },
        Number(q.get('intervalMs')),
      );
      res.on('close', () => clearInterval(t));
      return;
    }
    res.end(JSON.stringify({ task: 't1' }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) })),
  );
}

const drill: Drill = {
  ...taskStopDrain,
  probe: { ...taskStopDrain.probe, local: { streams: { count: 3 }, requests: { perSecond: 20 }, jobs: { count: 0 }, warmup: 'PT0.1S', recoveryTimeout: 'PT5S' } },
};
const traffic = resolveTraffic({ streams: { path: '/v1/stream?tokens=4&intervalMs=20', done: '[DONE]' }, requests: { path: '/' } }, {}, 'test');

class FakeEngine implements Engine {
  mode: RunMode = 'local';
  closed = 0;
  constructor(
    private readonly url: string,
    private readonly behaviour: {
      injection?: FaultInjection;
      injectThrows?: string;
      hangInject?: boolean;
      figures?: Figures;
      figuresThrow?: string;
      recovered?: boolean;
      measurable?: FigureName[];
      mode?: RunMode;
      /** The engine's own account of when the dependency was back: ms after the injection. */
      backAfterMs?: number;
      unmeasured?: Partial<Record<FigureName, string>>;
    } = {},
  ) {
    this.measurable = behaviour.measurable;
    this.mode = behaviour.mode ?? 'local';
    if (behaviour.backAfterMs !== undefined) this.dependencyBackAt = () => (this.injectedAt ? new Date(this.injectedAt + (this.behaviour.backAfterMs ?? 0)) : undefined);
    if (behaviour.unmeasured) this.unmeasuredReasons = () => this.behaviour.unmeasured ?? {};
  }
  dependencyBackAt?: () => Date | undefined;
  unmeasuredReasons?: () => Partial<Record<FigureName, string>>;
  private injectedAt?: number;
  readonly measurable?: FigureName[];
  injected = 0;
  start = async () => ({ serviceUrl: this.url });
  inject = async (): Promise<FaultInjection> => {
    this.injected += 1;
    this.injectedAt = Date.now();
    if (this.behaviour.injectThrows) throw new Error(this.behaviour.injectThrows);
    if (this.behaviour.hangInject) await new Promise(() => undefined);
    return this.behaviour.injection ?? { injected: true, targets: ['t9'] };
  };
  awaitRecovery = async () => ({ recovered: this.behaviour.recovered ?? true });
  recoveryState = () => 'healthy 1/2; GET /healthz answered t3: 503';
  figures = (): Figures => {
    if (this.behaviour.figuresThrow) throw new Error(this.behaviour.figuresThrow);
    return this.behaviour.figures ?? { 'tasks.sigkilled': 0, 'recovery.seconds': 1 };
  };
  close = async () => {
    this.closed += 1;
  };
}

describe('runDrill over a fake engine', () => {
  let server: { url: string; close: () => Promise<void> };
  let out: string;
  beforeAll(async () => (server = await sseServer()));
  afterAll(async () => server.close());
  beforeEach(async () => (out = await fs.mkdtemp(path.join(os.tmpdir(), 'run-drill-'))));
  afterEach(async () => fs.rm(out, { recursive: true, force: true }));

  const journalOf = async (dir: string): Promise<Journal> => JSON.parse(await fs.readFile(path.join(dir, 'journal.json'), 'utf8')) as Journal;

  it('holds, writes journal.json and report.md, and closes the engine', async () => {
    const engine = new FakeEngine(server.url);
    const result = await runDrill({ traffic, drill, engine, outRoot: out, runId: 'r1' });
    expect(result.verdict).toBe('HELD');
    expect(result.evidence).toBe(path.join(out, drill.id, 'r1'));
    expect(result.figures['streams.clean']).toBe(3);
    expect(engine.closed).toBe(1);
    const journal = await journalOf(result.evidence);
    expect(isJournal(journal)).toBe(true);
    expect(journal.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['run-started', 'fault-injected', 'run-ended']));
    expect(await fs.readFile(path.join(result.evidence, 'report.md'), 'utf8')).toContain('clean [DONE]');
  });

  it('fails with NOT_INJECTED when the fault hit nothing', async () => {
    const result = await runDrill({ traffic, drill, engine: new FakeEngine(server.url, { injection: { injected: false, targets: [], reason: 'none' } }), outRoot: out });
    expect(result.verdict).toBe('NOT_INJECTED');
  });

  it('fails with ERROR and the message when the engine throws, evidence still written', async () => {
    const engine = new FakeEngine(server.url, { injectThrows: 'kaboom' });
    const result = await runDrill({ traffic, drill, engine, outRoot: out });
    expect(result.verdict).toBe('ERROR');
    expect(result.judgement.reasons[0]).toContain('kaboom');
    expect(engine.closed).toBe(1);
    expect((await journalOf(result.evidence)).judgement?.verdict).toBe('ERROR');
  });

  it('fails with ERROR carrying the error the engine threw, as thrown, and where (start or later)', async () => {
    class PlatformError extends Error {}
    const later = new FakeEngine(server.url, { injectThrows: 'kaboom' });
    const fromInject = await runDrill({ traffic, drill, engine: later, outRoot: out });
    expect(fromInject.error).toEqual({ cause: expect.objectContaining({ message: 'kaboom' }), inStart: false });
    const refusing = new FakeEngine(server.url);
    refusing.start = async () => {
      throw new PlatformError('port 8080 in use');
    };
    const fromStart = await runDrill({ traffic, drill, engine: refusing, outRoot: out });
    expect(fromStart.verdict).toBe('ERROR');
    expect(fromStart.error?.cause).toBeInstanceOf(PlatformError);
    expect(fromStart.error?.inStart).toBe(true);
    expect(refusing.closed).toBe(1);
  });

  it('carries no error for a run that ended on its own', async () => {
    const result = await runDrill({ traffic, drill, engine: new FakeEngine(server.url), outRoot: out });
    expect(result.verdict).toBe('HELD');
    expect(result.error).toBeUndefined();
  });

  it('journals the FIS experiment id the engine started', async () => {
    const engine = Object.assign(new FakeEngine(server.url), { experimentId: 'EXPabc123' });
    const result = await runDrill({ traffic, drill, engine, outRoot: out });
    expect(result.experimentId).toBe('EXPabc123');
    expect(((await journalOf(result.evidence)) as { experimentId?: string }).experimentId).toBe('EXPabc123');
  });

  it('fails with ABORTED on an operator abort mid-run, closing the engine and writing evidence', async () => {
    const engine = new FakeEngine(server.url, { hangInject: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('SIGINT')), 300);
    const result = await runDrill({ traffic, drill, engine, outRoot: out, signal: controller.signal });
    expect(result.verdict).toBe('ABORTED');
    expect(engine.closed).toBe(1);
    expect((await journalOf(result.evidence)).timeline.some((e) => e.kind === 'aborted')).toBe(true);
  });

  it('lets the engine’s figures win and counts broken streams against the targets', async () => {
    const result = await runDrill({ traffic, drill, engine: new FakeEngine(server.url, { figures: { 'tasks.sigkilled': 1, 'recovery.seconds': 2 } }), outRoot: out });
    expect(result.verdict).toBe('VIOLATED');
    expect(result.figures['tasks.sigkilled']).toBe(1);
  });

  it('fails with VIOLATED, recovery.seconds censored, when the service is not back within the bound', async () => {
    const result = await runDrill({ traffic, drill, engine: new FakeEngine(server.url, { recovered: false, figures: { 'tasks.sigkilled': 0 } }), outRoot: out });
    expect(result.verdict).toBe('VIOLATED');
    // Only the jobs expectation is not judged: this traffic has no jobs.
    expect(result.judgement.notJudged).toEqual(['jobs.failed']);
    const recovery = result.judgement.expectations.find((e) => e.figure === 'recovery.seconds');
    expect(recovery).toMatchObject({ held: false, censored: expect.stringMatching(/^> \d+(\.\d)? — not recovered within 5 s \(healthy 1\/2; GET \/healthz answered t3: 503\)$/) });
    expect(result.judgement.reasons.join('\n')).toMatch(/recovery\.seconds > [\d.]+ breaks <= 20: not recovered within 5 s/);
  });

  it('fails with VIOLATED when an engine figure the engine measures was never reached', async () => {
    const engine = new FakeEngine(server.url, { figures: { 'recovery.seconds': 1 }, measurable: ['tasks.sigkilled', 'recovery.seconds'] });
    const result = await runDrill({ traffic, drill, engine, outRoot: out });
    expect(result.verdict).toBe('VIOLATED');
    expect(result.judgement.reasons.join('\n')).toContain('tasks.sigkilled not reached breaks <= 0: a stopped task had not finished stopping');
  });

  it('fails with ERROR, naming it, when the engine throws while giving its figures', async () => {
    const result = await runDrill({ traffic, drill, engine: new FakeEngine(server.url, { figuresThrow: 'fleet gone' }), outRoot: out });
    expect(result.verdict).toBe('ERROR');
    expect(result.judgement.reasons[0]).toContain("the engine's figures were lost: fleet gone");
  });
});

describe('runDrill: dependency figures from an engine that knows when the dependency was back', () => {
  let server: { url: string; close: () => Promise<void> };
  let out: string;
  beforeAll(async () => (server = await sseServer()));
  afterAll(async () => server.close());
  beforeEach(async () => (out = await fs.mkdtemp(path.join(os.tmpdir(), 'run-drill-dep-'))));
  afterEach(async () => fs.rm(out, { recursive: true, force: true }));
  const failover: Drill = {
    ...databaseFailover,
    probe: { ...databaseFailover.probe, aws: { streams: { count: 2 }, requests: { perSecond: 20 }, jobs: { count: 0 }, warmup: 'PT0.1S', recoveryTimeout: 'PT5S' } },
  };
  const connects = 'AWS mode: no metric counts connection attempts';

  it("counts dependency.recoverySeconds from the engine's wall time and shows its reasons for what it cannot measure", async () => {
    const engine = new FakeEngine(server.url, { mode: 'aws', backAfterMs: 0, unmeasured: { 'dependency.connects': connects }, figures: { 'dependency.connections.peak': 6 } });
    const result = await runDrill({ traffic, drill: failover, engine, outRoot: out });
    expect(result.figures['dependency.recoverySeconds']).toBe(0);
    expect(result.verdict).toBe('HELD');
    expect(result.judgement.notJudged).toEqual(['dependency.connects']);
    expect(result.judgement.expectations.find((e) => e.figure === 'dependency.connects')).toMatchObject({ held: null, notJudgedWhy: connects });
  });

  it('fails with VIOLATED, censored, when no request ended after the engine said the dependency was back', async () => {
    const engine = new FakeEngine(server.url, { mode: 'aws', backAfterMs: 3_600_000, measurable: ['dependency.recoverySeconds'], figures: { 'dependency.connections.peak': 6 } });
    const result = await runDrill({ traffic, drill: failover, engine, outRoot: out });
    expect(result.figures['dependency.recoverySeconds']).toBeUndefined();
    expect(result.verdict).toBe('VIOLATED');
    expect(result.judgement.expectations.find((e) => e.figure === 'dependency.recoverySeconds')).toMatchObject({ held: false, censored: expect.stringMatching(/not reached/) });
  });

  it('leaves dependency.recoverySeconds unmeasured, never held, when the engine cannot tell when the dependency was back', async () => {
    const engine = new FakeEngine(server.url, { mode: 'aws', backAfterMs: 0, figures: { 'dependency.connections.peak': 6 } });
    engine.dependencyBackAt = () => undefined;
    const result = await runDrill({ traffic, drill: failover, engine, outRoot: out });
    expect(result.figures['dependency.recoverySeconds']).toBeUndefined();
    expect(result.judgement.notJudged).toEqual(expect.arrayContaining(['dependency.recoverySeconds', 'dependency.connects']));
    expect(result.judgement.expectations.filter((e) => e.held === true).map((e) => e.figure)).toEqual(['dependency.connections.peak', 'streams.broken']);
  });
});

describe('runDrill: the steady state before the fault', () => {
  let out: string;
  beforeEach(async () => (out = await fs.mkdtemp(path.join(os.tmpdir(), 'run-drill-'))));
  afterEach(async () => fs.rm(out, { recursive: true, force: true }));

  const gateFails = async (url: string): Promise<{ reasons: string; engine: FakeEngine; journal: Journal }> => {
    const engine = new FakeEngine(url);
    const result = await runDrill({ traffic, drill, engine, outRoot: out });
    expect(result.verdict).toBe('ERROR');
    expect(engine.injected).toBe(0);
    expect(engine.closed).toBe(1);
    const journal = JSON.parse(await fs.readFile(path.join(result.evidence, 'journal.json'), 'utf8')) as Journal;
    expect(journal.injection).toMatchObject({ injected: false });
    expect(journal.timeline.some((e) => e.kind === 'fault-not-injected')).toBe(true);
    return { reasons: result.judgement.reasons.join('\n'), engine, journal };
  };

  it('fails with ERROR and injects nothing when the stream path answers 404', async () => {
    const server = await sseServer({ path: '/v1/stream', status: 404 });
    try {
      const { reasons } = await gateFails(server.url);
      expect(reasons).toContain('streams: GET /v1/stream?tokens=4&intervalMs=20 gave HTTP 404; expected a 2xx (or streams.expectStatus); check streams.path');
      expect(reasons).toContain('before the fault; nothing injected');
    } finally {
      await server.close();
    }
  });

  it('fails with ERROR and injects nothing when the requests answer 401', async () => {
    const server = await sseServer({ path: '/', status: 401 });
    try {
      expect((await gateFails(server.url)).reasons).toContain('requests: GET / gave HTTP 401; expected a 2xx or 3xx; check requests.path and requests.method before the fault; nothing injected');
    } finally {
      await server.close();
    }
  });

  it('fails with ERROR and starts no experiment on AWS either when the probe fails before the fault', async () => {
    const server = await sseServer({ path: '/v1/stream', status: 404 });
    try {
      const engine = new FakeEngine(server.url);
      engine.mode = 'aws';
      const result = await runDrill({ traffic, drill: { ...drill, probe: { ...drill.probe, aws: drill.probe.local } }, engine, outRoot: out });
      expect(result.verdict).toBe('ERROR');
      expect(engine.injected).toBe(0);
      expect(result.judgement.reasons[0]).toContain('streams: GET /v1/stream?tokens=4&intervalMs=20 gave HTTP 404; expected a 2xx (or streams.expectStatus); check streams.path');
      expect(result.judgement.reasons[0]).toContain('before the fault; nothing injected');
    } finally {
      await server.close();
    }
  });

  it('fails with ERROR and injects nothing when the service refuses connections', async () => {
    const { reasons } = await gateFails('http://127.0.0.1:9');
    expect(reasons).toMatch(/streams: GET \/v1\/stream\?tokens=4&intervalMs=20 did not end cleanly \(refused: .*ECONNREFUSED.*before the fault; nothing injected/);
  });
});
