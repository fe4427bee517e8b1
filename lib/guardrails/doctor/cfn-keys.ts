/**
 * Turns an AWS API document (camelCase keys: `aws fis get-experiment-template`,
 * `aws ecs register-task-definition --cli-input-json`) into CloudFormation property names
 * (PascalCase), which is how the two differ for these resources. Keys under a user map
 * (`keepKeys`: tags, parameters, labels) are data and stay as written; under a map of named
 * entries (`namedEntries`: FIS targets and actions by name) the names stay and the entries convert.
 */
type Row = Record<string, unknown>;

const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

const pascal = (k: string): string => (k.length > 0 ? k[0].toUpperCase() + k.slice(1) : k);

export interface CfnKeysOptions {
  /** camelCase keys whose value is a user map, copied as is. */
  readonly keepKeys: ReadonlySet<string>;
  /** camelCase keys whose value maps user names to entries that convert. */
  readonly namedEntries?: ReadonlySet<string>;
}

export function toCfnKeys(value: unknown, options: CfnKeysOptions): unknown {
  if (Array.isArray(value)) return value.map((v) => toCfnKeys(v, options));
  if (!isRow(value)) return value;
  const out: Row = {};
  for (const [k, v] of Object.entries(value)) {
    const name = pascal(k);
    if (options.keepKeys.has(k)) out[name] = v;
    else if (options.namedEntries?.has(k) && isRow(v)) out[name] = Object.fromEntries(Object.entries(v).map(([n, e]) => [n, toCfnKeys(e, options)]));
    else out[name] = toCfnKeys(v, options);
  }
  return out;
}
