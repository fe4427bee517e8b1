/**
 * The settings table (lib/config-settings.ts) read as rows: one per setting, dotted path first.
 * The merge (lib/config.ts) reads each row's kind, default and whether it may be unset; the
 * docs table (docs/deploy.md) is `settingsMarkdown()`.
 */
import { z } from 'zod';
import { drillsConfigSettings, settingMeta, type SettingMeta } from './config-settings';

/** How a value given as text (`-c service.desiredCount=3`) is read. */
export type SettingKind = 'number' | 'boolean' | 'text' | 'list' | 'whole' | 'group';

export interface SettingRow extends SettingMeta {
  /** Dotted path: `service.stopTimeoutSeconds`. */
  readonly path: string;
  readonly kind: SettingKind;
  /** May be left unset (no default). */
  readonly optional: boolean;
  /** The settings inside a group. */
  readonly children: readonly SettingRow[];
  /** The row's schema as declared (optional included): lib/config-schema-check.ts checks merged values with it. */
  readonly schema: z.ZodType;
}

function kindOf(schema: z.ZodType, meta: SettingMeta | undefined): SettingKind {
  if (meta?.whole) return 'whole';
  if (schema instanceof z.ZodObject) return 'group';
  if (schema instanceof z.ZodNumber) return 'number';
  if (schema instanceof z.ZodBoolean) return 'boolean';
  if (schema instanceof z.ZodArray) return 'list';
  return 'text';
}

function rowsOf(shape: z.ZodRawShape, prefix: string): SettingRow[] {
  return Object.entries(shape).map(([key, outer]) => {
    const meta = settingMeta.get(outer as z.ZodType);
    const optional = outer instanceof z.ZodOptional;
    const inner = (optional ? (outer as z.ZodOptional<z.ZodType>).unwrap() : outer) as z.ZodType;
    const kind = kindOf(inner, meta);
    const path = prefix + key;
    const children = kind === 'group' ? rowsOf((inner as z.ZodObject).shape, `${path}.`) : [];
    return { description: '', ...meta, path, kind, optional, children, schema: outer as z.ZodType };
  });
}

/** The top-level rows (service, drills, local), each with its children. */
export const SETTING_ROWS: readonly SettingRow[] = rowsOf(drillsConfigSettings.shape, '');

/** The value every setting has when nothing overrides it; optional settings are left out. */
export function defaultsOf(rows: readonly SettingRow[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const row of rows) {
    const key = row.path.slice(row.path.lastIndexOf('.') + 1);
    if (row.kind === 'group' && !row.optional) result[key] = defaultsOf(row.children);
    else if (!row.optional) result[key] = row.default;
  }
  return result;
}

/** The rows a value is given for: each setting, an optional group as one row (docs, checks). */
export function leaves(rows: readonly SettingRow[]): SettingRow[] {
  return rows.flatMap((row) => (row.kind === 'group' && !row.optional ? leaves(row.children) : [row]));
}

function shown(row: SettingRow): string {
  if (row.docDefault) return row.docDefault;
  return `\`${Array.isArray(row.default) ? row.default.join(',') : String(row.default)}\``;
}

/** The markdown table of every setting (key, default, meaning), as docs/deploy.md prints it. */
export function settingsMarkdown(rows: readonly SettingRow[] = SETTING_ROWS): string {
  const lines = leaves(rows).map((row) => `| \`${row.path}${row.kind === 'group' ? '.*' : ''}\` | ${shown(row)} | ${row.description} |`);
  return ['| key | default | meaning |', '| --- | --- | --- |', ...lines].join('\n');
}
