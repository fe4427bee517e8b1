/**
 * Where a setting's value came from, so a problem names what the user can change: the flag they
 * passed, the flag to pass when the value was derived, and what it was derived from.
 */
import type { ServiceProfile } from './config';

export interface SettingSource {
  /** The command-line flag that sets it in this command (whether or not it was passed). */
  readonly flag?: string;
  /** The value came from that flag. */
  readonly fromFlag?: boolean;
  /** The value was derived, not given: from what and how ("--stop-timeout 10: stopTimeout − 2 s"). */
  readonly derivedFrom?: string;
}

export type SettingSources = Partial<Record<keyof ServiceProfile, SettingSource>>;

/** "service.drainTimeoutMs is 8000 (derived from --stop-timeout 10: …)", "--stop-timeout is 3", "service.x is 5". */
export function settingIs(key: keyof ServiceProfile, value: unknown, sources: SettingSources = {}): string {
  const s = sources[key];
  if (s?.fromFlag && s.flag) return `${s.flag} is ${String(value)}`;
  if (s?.derivedFrom) return `service.${key} is ${String(value)} (derived from ${s.derivedFrom})`;
  return `service.${key} is ${String(value)}`;
}

/** What to do: "pass --drain-timeout-ms <ms> below 10000" when the command has a flag for it, else `otherwise`. */
export function toChange(key: keyof ServiceProfile, what: string, otherwise: string, sources: SettingSources = {}): string {
  const flag = sources[key]?.flag;
  return flag ? `pass ${flag} ${what}` : otherwise;
}
