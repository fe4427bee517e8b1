/**
 * At most one game day per service at a time: a lock file at the evidence root,
 * `locks/<ecs-service>.json`, created in one atomic step (S3: PutObject with `If-None-Match: *`;
 * locally: an exclusive create). A second start finds it and refuses, naming the run that holds
 * the service. Why a lock object and not the FIS experiment's tags: the window that must be
 * exclusive starts before any experiment exists (preflight, probe warm-up, steady-state gate)
 * and ends after it (recovery wait, evidence), and two tasks started together would both find no
 * active experiment. A lock left by a killed runner (SIGKILL, no release) expires after `ttlMs`
 * (default 2 h, longer than any catalogue drill) and is then taken over.
 */
import type { EvidenceStore } from './evidence-store';

export interface LockHolder {
  readonly runId: string;
  readonly drill: string;
  readonly service: string;
  readonly startedAt: string;
  readonly expiresAt: string;
  /** Where it runs (host name; on ECS the task's). */
  readonly host: string;
}

export type LockOutcome = { readonly release: () => Promise<void>; readonly file: string } | { readonly heldBy: LockHolder | undefined; readonly file: string };

export const DEFAULT_LOCK_TTL_MS = 2 * 60 * 60 * 1000;

function lockName(service: string): string {
  return `locks/${service.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

function parse(text: string | undefined): LockHolder | undefined {
  try {
    const v = JSON.parse(text ?? '') as Partial<LockHolder>;
    return typeof v.runId === 'string' && typeof v.expiresAt === 'string' ? (v as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the service's lock for `me`; resolves with `release` (removes the lock only while it is
 * still this run's) or with the holder that refused it. Rejects when the store cannot be reached.
 */
export async function takeServiceLock(store: EvidenceStore, me: Omit<LockHolder, 'startedAt' | 'expiresAt'>, now = new Date(), ttlMs = DEFAULT_LOCK_TTL_MS): Promise<LockOutcome> {
  const name = lockName(me.service);
  const file = `${store.root}/${name}`;
  const mine: LockHolder = { ...me, startedAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
  const release = async () => {
    if (parse(await store.readAtRoot(name))?.runId === me.runId) await store.removeAtRoot(name);
  };
  if (await store.createAtRoot(name, `${JSON.stringify(mine, null, 2)}\n`)) return { release, file };
  const holder = parse(await store.readAtRoot(name));
  // Expired (or unreadable): remove it and try once more; the create is atomic, so of two runs taking over, one wins.
  if (!holder || Date.parse(holder.expiresAt) <= now.getTime()) {
    await store.removeAtRoot(name);
    if (await store.createAtRoot(name, `${JSON.stringify(mine, null, 2)}\n`)) return { release, file };
    return { heldBy: parse(await store.readAtRoot(name)), file };
  }
  return { heldBy: holder, file };
}

/** The refusal, for people. */
export function lockRefusal(service: string, outcome: { heldBy: LockHolder | undefined; file: string }): string {
  const h = outcome.heldBy;
  const who = h ? `run ${h.runId} (drill ${h.drill}, started ${h.startedAt} on ${h.host}, lock expires ${h.expiresAt})` : 'another run';
  return `service ${service} is held by ${who}: one game day per service at a time; wait for it to end, or remove ${outcome.file} if that run is gone`;
}
