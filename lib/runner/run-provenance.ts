/**
 * Who ran what, read from this machine when a run starts: the OS user, the command line, the
 * project's git commit (with "(dirty)" when the work tree had changes) and a short sha256 of the
 * config's `drills` context in cdk.json (or of the runner task's DRILLS_SERVICE_PROFILE). Never throws: what cannot be read is "unknown". Git is
 * run with a 2 s bound.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RUNNER_ENV } from '../contract';
import type { JournalProvenance } from './journal';

export function runProvenance(root: string, argv: readonly string[] = process.argv.slice(2)): JournalProvenance {
  return {
    operator: operator(),
    command: ['drills', ...argv].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' '),
    gitCommit: gitCommit(root),
    config: config(root),
    host: os.hostname(),
    node: process.versions.node,
  };
}

function operator(): string {
  const sudo = process.env.SUDO_USER;
  try {
    const name = os.userInfo().username;
    return sudo && sudo !== name ? `${name} (via sudo from ${sudo})` : name;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

function gitCommit(root: string): string {
  const head = git(root, ['rev-parse', 'HEAD']);
  if (!head) return 'unknown (not a git work tree)';
  const dirty = git(root, ['status', '--porcelain', '--untracked-files=no']);
  return `${head}${dirty ? ' (dirty)' : ''}`;
}

/** The config's source and a short sha256: the runner task's profile (`DRILLS_SERVICE_PROFILE`, what it reads then), else cdk.json's `drills` context. */
function config(root: string): string {
  const profile = process.env[RUNNER_ENV.serviceProfile];
  if (profile !== undefined && profile.trim() !== '') return `${RUNNER_ENV.serviceProfile} (the runner task's service profile, sha256 ${sha12(profile)})`;
  const file = path.join(root, 'cdk.json');
  try {
    const context = (JSON.parse(readFileSync(file, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
    return `${file} (context "drills" sha256 ${sha12(JSON.stringify(context.drills ?? null))})`;
  } catch {
    return `${file} (not readable: defaults)`;
  }
}

function sha12(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
