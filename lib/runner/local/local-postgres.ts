import { execFileSync, spawn, spawnSync, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { promises as fs, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freePort } from './free-port';
import type { OrphanGuard } from './orphan-guard';
import { findPostgresBinaries, type PostgresBinaries } from './postgres-binaries';

export interface LocalPostgresOptions {
  /** Told about the server's process group and the data folder, to remove both if this process dies. */
  readonly guard?: OrphanGuard;
  /** The server's own log lines. @default - dropped */
  readonly log?: (line: string) => void;
  /** @default findPostgresBinaries() */
  readonly binaries?: PostgresBinaries;
  /** The environment the server runs with (a marker in it finds its processes). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** How long initdb plus the server's start may take. @default 60 s */
  readonly startTimeoutMs?: number;
}

const USER = 'drills';
const DATABASE = 'postgres';
const STOP_GRACE_MS = 5000;
/** A rehearsal's database: fast, nothing to keep (the folder is removed at the end). */
const SERVER_SETTINGS = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];

/**
 * A real PostgreSQL server for one rehearsal: initdb into a fresh folder under the OS temp dir,
 * the server on a free port of 127.0.0.1 in its own process group (so a Ctrl-C at the terminal
 * reaches the runner, not the database), password (SCRAM) authentication with a random password.
 * As root it runs as `postgres` (or `nobody` when no such user exists): PostgreSQL refuses to run
 * as root. `restart` is the local failover (every connection drops); `close` stops the server and
 * removes the folder. If this process dies without closing, the orphan guard does both.
 */
export class LocalPostgres {
  private server?: ChildProcess;
  private exited: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly root: string,
    readonly port: number,
    private readonly password: string,
    private binaries: PostgresBinaries,
    private readonly runAs: { uid: number; gid: number; name: string } | undefined,
    private readonly env: NodeJS.ProcessEnv,
    private readonly options: LocalPostgresOptions,
  ) {}

  /** Creates the folder, runs initdb and starts the server. Throws (having removed everything) when it cannot. */
  static async start(options: LocalPostgresOptions = {}): Promise<LocalPostgres> {
    const binaries = options.binaries ?? findPostgresBinaries(options.env);
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'fis-drills-pg-'));
    options.guard?.watchDir(root);
    const runAs = process.getuid?.() === 0 ? unprivilegedUser((options.env ?? process.env).DRILLS_POSTGRES_USER) : undefined;
    const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env), LC_ALL: 'C', LC_MESSAGES: 'C' };
    const pg = new LocalPostgres(root, await freePort(), randomBytes(18).toString('base64url'), binaries, runAs, env, options);
    try {
      await pg.prepare();
      await pg.initdb();
      await pg.startServer();
      return pg;
    } catch (err) {
      await pg.close();
      throw err;
    }
  }

  get dataDir(): string {
    return path.join(this.root, 'data');
  }

  /** Where PostgreSQL runs, and from which binaries (for the timeline; no password). */
  describe(): string {
    return `PostgreSQL on 127.0.0.1:${this.port} (${this.binaries.source}${this.runAs ? `, as ${this.runAs.name}` : ''}), data in ${this.dataDir}`;
  }

  /** The connection URL for a client that reaches the server at `port` (the fault proxy's) or directly. */
  url(port = this.port): string {
    return `postgres://${USER}:${this.password}@127.0.0.1:${port}/${DATABASE}`;
  }

  /** The server's process id (it leads its own process group). */
  get pid(): number | undefined {
    return this.server?.pid;
  }

  /**
   * The local failover: a fast shutdown (every session is terminated, every connection drops),
   * `downtimeMs` with no server, then a start on the same port. Resolves once it accepts connections again.
   */
  async restart(downtimeMs: number): Promise<void> {
    await this.stopServer();
    await new Promise((r) => setTimeout(r, downtimeMs));
    if (!this.closed) await this.startServer();
  }

  /** Stops the server (fast shutdown, SIGKILL after 5 s) and removes the folder. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stopServer();
    await fs.rm(this.root, { recursive: true, force: true });
    this.options.guard?.forgetDir(this.root);
  }

  /** Synchronous last resort (process exit): SIGKILL the server's group, remove the folder. */
  killNow(): void {
    if (this.server?.pid !== undefined) tryKill(-this.server.pid, 'SIGKILL');
    rmSync(this.root, { recursive: true, force: true });
  }

  private async prepare(): Promise<void> {
    await fs.mkdir(this.dataDir, { mode: 0o700 });
    await fs.writeFile(path.join(this.root, 'pwfile'), `${this.password}\n`, { mode: 0o600 });
    if (this.binaries.missingLinks.length > 0) {
      // The package's install script did not run (--ignore-scripts): the library links go in our own folder.
      const lib = path.join(this.root, 'lib');
      await fs.mkdir(lib);
      for (const [target, name] of this.binaries.missingLinks) await fs.symlink(target, path.join(lib, name));
      this.env.LD_LIBRARY_PATH = [lib, this.binaries.libDir, this.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    }
    if (!this.runAs) return;
    // The unprivileged user needs to pass through the root folder and own what PostgreSQL writes.
    await fs.chmod(this.root, 0o711);
    for (const p of [this.dataDir, path.join(this.root, 'pwfile')]) await fs.chown(p, this.runAs.uid, this.runAs.gid);
    if (!this.runs(this.binaries.postgres)) await this.copyBinaries();
  }

  /** Can the unprivileged user run the program (every folder above node_modules must let it through)? */
  private runs(program: string): boolean {
    const ids = this.runAs ? { uid: this.runAs.uid, gid: this.runAs.gid } : {};
    const result = spawnSync(program, ['--version'], { ...ids, env: this.env, cwd: this.root, stdio: 'ignore', timeout: 10_000 });
    return result.error === undefined && result.status === 0;
  }

  /**
   * The project sits where the unprivileged user cannot reach (a checkout under /root): the
   * server's programs, libraries and share folder are copied into the run's folder (removed with it).
   */
  private async copyBinaries(): Promise<void> {
    const native = path.dirname(path.dirname(this.binaries.postgres));
    const copy = path.join(this.root, 'pg');
    await fs.cp(native, copy, { recursive: true, verbatimSymlinks: true });
    const moved = (file: string) => path.join(copy, path.relative(native, file));
    this.binaries = {
      ...this.binaries,
      initdb: moved(this.binaries.initdb),
      postgres: moved(this.binaries.postgres),
      libDir: this.binaries.libDir && moved(this.binaries.libDir),
      source: `${this.binaries.source}, copied to ${copy}: ${this.runAs?.name} cannot reach the project's folder`,
    };
    for (const [target, name] of this.binaries.missingLinks) await fs.symlink(moved(target), path.join(copy, 'lib', name)).catch(() => undefined);
    if (this.env.LD_LIBRARY_PATH && this.binaries.libDir) this.env.LD_LIBRARY_PATH = this.binaries.libDir;
    if (!this.runs(this.binaries.postgres))
      throw new Error(
        `${this.runAs?.name} cannot run ${this.binaries.postgres} even from a copy: run drills as another user than root, or set DRILLS_POSTGRES_BIN to a PostgreSQL installation it can reach`,
      );
  }

  private initdb(): Promise<void> {
    const args = ['-D', this.dataDir, '-U', USER, '--auth=scram-sha-256', `--pwfile=${path.join(this.root, 'pwfile')}`, '-E', 'UTF8', '--locale=C', '--no-sync'];
    const child = this.spawn(this.binaries.initdb, args);
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
    child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
    return this.bounded(
      new Promise((resolve, reject) => {
        child.on('error', (err) => reject(new Error(`initdb (${this.binaries.initdb}) could not start: ${err.message}`)));
        child.on('close', (code, signal) => {
          this.forgetGroup(child);
          if (code === 0) resolve();
          else reject(new Error(`initdb failed (exit ${code ?? signal}): ${output.trim().split('\n').slice(-5).join(' | ')}`));
        });
      }),
      'initdb',
      child,
    );
  }

  private startServer(): Promise<void> {
    const args = ['-D', this.dataDir, '-p', String(this.port), ...SERVER_SETTINGS.flatMap((s) => ['-c', s])];
    const child = this.spawn(this.binaries.postgres, args);
    this.server = child;
    let tail = '';
    this.exited = new Promise((resolve) =>
      child.once('close', () => {
        this.forgetGroup(child);
        resolve();
      }),
    );
    return this.bounded(
      new Promise((resolve, reject) => {
        child.on('error', (err) => reject(new Error(`postgres (${this.binaries.postgres}) could not start: ${err.message}`)));
        let partial = '';
        child.stderr?.on('data', (c: Buffer) => {
          const lines = (partial + c.toString()).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) {
            tail = `${tail}\n${line}`.slice(-2000);
            this.options.log?.(`[postgres] ${line}`);
            if (line.includes('ready to accept connections')) resolve();
          }
        });
        child.once('close', (code, signal) => reject(new Error(`postgres exited before it accepted connections (exit ${code ?? signal}): ${tail.trim().split('\n').slice(-4).join(' | ')}`)));
      }),
      'the server start',
      child,
    );
  }

  private async stopServer(): Promise<void> {
    const server = this.server;
    if (!server || server.exitCode !== null || server.signalCode !== null || server.pid === undefined) return this.exited;
    tryKill(server.pid, 'SIGINT');
    const exited = await Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), STOP_GRACE_MS).unref())]);
    if (!exited) tryKill(-server.pid, 'SIGKILL');
    await this.exited;
    tryKill(-server.pid, 'SIGKILL');
  }

  private spawn(file: string, args: readonly string[]): ChildProcess {
    const ids = this.runAs ? { uid: this.runAs.uid, gid: this.runAs.gid } : {};
    const child = spawn(file, args, { ...ids, cwd: this.root, env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) this.options.guard?.watch(child.pid);
    return child;
  }

  private forgetGroup(child: ChildProcess): void {
    if (child.pid !== undefined) this.options.guard?.forget(child.pid);
  }

  /** Rejects (and SIGKILLs the child's group) when `promise` takes longer than the start bound. */
  private bounded<T>(promise: Promise<T>, what: string, child: ChildProcess): Promise<T> {
    const ms = this.options.startTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (child.pid !== undefined) tryKill(-child.pid, 'SIGKILL');
        reject(new Error(`PostgreSQL: ${what} took longer than ${ms / 1000} s`));
      }, ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

/** DRILLS_POSTGRES_USER, else `postgres` if this machine has such a user, else `nobody`: PostgreSQL refuses to run as root. */
function unprivilegedUser(chosen: string | undefined): { uid: number; gid: number; name: string } {
  for (const name of chosen?.trim() ? [chosen.trim()] : ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      if (Number.isInteger(uid) && uid > 0) return { uid, gid, name };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error(
    `running as root, and ${chosen?.trim() ? `DRILLS_POSTGRES_USER=${chosen.trim()} is no user here` : 'neither a postgres nor a nobody user exists'} to run PostgreSQL as (it refuses to run as root): name an existing user in DRILLS_POSTGRES_USER, create one (useradd -r postgres), or run as another user`,
  );
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // gone already
  }
}
