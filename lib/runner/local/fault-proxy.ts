import * as net from 'net';

/** What the proxy saw since `mark()` (or since it started). */
export interface ProxyCounts {
  /** Connections the service opened (each one an attempt, whether the database took it or not). */
  readonly connects: number;
  /** Most connections open at once. */
  readonly peak: number;
  /** Connections open now. */
  readonly open: number;
}

interface Pair {
  readonly client: net.Socket;
  upstream?: net.Socket;
  /** Bytes that arrived while the hole was open, per direction, delivered once it closes. */
  readonly held: { toUpstream: Buffer[]; toClient: Buffer[] };
}

/**
 * The local engine's TCP fault proxy between the service's tasks and the database: the tasks get
 * its address as DATABASE_URL, so it sees every connection (attempts, peak concurrent). In
 * black-hole mode nothing passes in either direction and new connections are accepted but never
 * answered: the service's connections hang, as they do when FIS drops a port's packets (they are
 * not refused). When the hole closes, what was held is delivered, as TCP retransmits it after a
 * drop; connections the service gave up on meanwhile are gone. Listens on 127.0.0.1 only.
 */
export class FaultProxy {
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly pairs = new Set<Pair>();
  private dark = false;
  private counts = { connects: 0, peak: 0 };
  private everConnected = 0;
  /** Set once the hole closed: when the first bytes from the database reached a client after it. */
  private answeredAfterHole?: number;
  private holeClosedAt?: number;

  constructor(
    private readonly upstreamPort: number,
    private readonly upstreamHost = '127.0.0.1',
  ) {}

  /** Listens on a free port of 127.0.0.1; resolves with it. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as net.AddressInfo).port));
    });
  }

  get blackholed(): boolean {
    return this.dark;
  }

  /** Starts a new counting window (the fault's start): connects from 0, peak from what is open now. */
  mark(): void {
    this.counts = { connects: 0, peak: this.pairs.size };
  }

  /** Connections since the proxy started (0: the service never used its DATABASE_URL). */
  get total(): number {
    return this.everConnected;
  }

  read(): ProxyCounts {
    return { ...this.counts, open: this.pairs.size };
  }

  /**
   * Drops everything from now on (connections hang). Both sides are still read — what arrives is
   * held, not passed on — so a connection the service gives up on is seen to close, as its own
   * kernel closes it behind a real black hole.
   */
  blackhole(): void {
    this.dark = true;
    this.answeredAfterHole = undefined;
  }

  /** Lets traffic pass again: held bytes are delivered, held connections reach the database. */
  restore(): void {
    if (!this.dark) return;
    this.dark = false;
    this.holeClosedAt = Date.now();
    for (const pair of this.pairs) {
      if (!pair.upstream) this.connectUpstream(pair);
      else this.release(pair);
    }
  }

  /** Has the database answered anyone since the hole closed? (Wall ms of the first answer.) */
  get firstAnswerAfterHole(): number | undefined {
    return this.answeredAfterHole;
  }

  /** Closes the listener and every connection. */
  close(): Promise<void> {
    for (const pair of this.pairs) this.drop(pair);
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    const pair: Pair = { client, held: { toUpstream: [], toClient: [] } };
    this.pairs.add(pair);
    this.counts.connects += 1;
    this.everConnected += 1;
    this.counts.peak = Math.max(this.counts.peak, this.pairs.size);
    client.on('error', () => this.drop(pair));
    client.on('close', () => this.drop(pair));
    client.on('data', (chunk: Buffer) => this.forward(pair, chunk, 'toUpstream'));
    if (!this.dark) this.connectUpstream(pair);
  }

  private connectUpstream(pair: Pair): void {
    if (!this.pairs.has(pair)) return;
    const upstream = net.connect(this.upstreamPort, this.upstreamHost);
    pair.upstream = upstream;
    upstream.on('connect', () => this.release(pair));
    upstream.on('data', (chunk: Buffer) => this.forward(pair, chunk, 'toClient'));
    // Refused or reset by the database (a restart): the service's connection drops with it.
    upstream.on('error', () => this.drop(pair));
    upstream.on('close', () => this.drop(pair));
  }

  private forward(pair: Pair, chunk: Buffer, direction: 'toUpstream' | 'toClient'): void {
    const to = direction === 'toUpstream' ? pair.upstream : pair.client;
    if (this.dark || !to || to.connecting) {
      pair.held[direction].push(chunk);
      return;
    }
    if (direction === 'toClient' && this.holeClosedAt !== undefined) this.answeredAfterHole ??= Date.now();
    to.write(chunk);
  }

  private release(pair: Pair): void {
    if (this.dark || !this.pairs.has(pair) || !pair.upstream || pair.upstream.connecting) return;
    for (const direction of ['toUpstream', 'toClient'] as const) {
      const chunks = pair.held[direction].splice(0);
      for (const chunk of chunks) this.forward(pair, chunk, direction);
    }
  }

  private drop(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream?.destroy();
  }
}
