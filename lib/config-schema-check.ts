/**
 * Checks merged settings against the schemas the settings table declares (lib/config-settings.ts):
 * the merge (lib/config-merge.ts) reads text by kind and keeps unknown keys out; this catches what
 * a kind cannot say — an enum's choices, a whole JSON value's shape (environment, secrets,
 * statements, sidecars), an optional group's required keys. Each problem names where it is
 * written, the value received (a scalar; never one the schema marks secret) and what to do.
 */
import type { z } from 'zod';
import { leaves, type SettingRow } from './config-rows';
import { receivedValue } from './received-value';

function valueAt(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const key of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function message(row: SettingRow, value: unknown, issue: z.core.$ZodIssue): string {
  const at = [row.path, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') return `${at}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove or rename them (docs/deploy.md, settings table)`;
  if (issue.code === 'invalid_key') return `${at}: the key is not a valid name: ${issue.issues[0]?.message ?? issue.message}`;
  const redacted = issue.code === 'custom' && (issue.params as { redact?: boolean } | undefined)?.redact === true;
  const got = redacted ? undefined : receivedValue(value, issue.path);
  return got === undefined ? `${at}: ${issue.message}` : `${at} is ${JSON.stringify(got)}: ${issue.message}`;
}

/** Every value of `config` (merged over the defaults) its row's schema refuses. */
export function schemaProblems(rows: readonly SettingRow[], config: unknown): string[] {
  const problems: string[] = [];
  for (const row of leaves(rows)) {
    const value = valueAt(config, row.path);
    const parsed = row.schema.safeParse(value);
    if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => message(row, value, issue)));
  }
  return problems;
}
