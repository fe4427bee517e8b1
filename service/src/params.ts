/** What one stream sends: N events, the first after ttftMs, then one every intervalMs. */
export interface StreamPlan {
  readonly tokens: number;
  readonly intervalMs: number;
  readonly ttftMs: number;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export const MAX_TOKENS = 100_000;
export const MAX_DELAY_MS = 60_000;
export const DEFAULT_PLAN: StreamPlan = { tokens: 20, intervalMs: 100, ttftMs: 200 };

const fail = (error: string): Parsed<never> => ({ ok: false, error });

function wholeParam(name: string, raw: string | null, fallback: number, max: number): Parsed<number> {
  if (raw === null) return { ok: true, value: fallback };
  if (/^\s*-/.test(raw)) return fail(`${name} must not be negative (got ${JSON.stringify(raw)})`);
  if (!/^\d+$/.test(raw)) return fail(`${name} must be a whole number (got ${JSON.stringify(raw)})`);
  const value = Number(raw);
  if (value > max) return fail(`${name} must be at most ${max} (got ${raw})`);
  return { ok: true, value };
}

function wholeJson(name: string, raw: unknown, fallback: number, max: number): Parsed<number> {
  if (raw === undefined) return { ok: true, value: fallback };
  if (typeof raw !== 'number' || !Number.isInteger(raw)) return fail(`${name} must be a whole number (got ${JSON.stringify(raw)})`);
  if (raw < 0) return fail(`${name} must not be negative (got ${raw})`);
  if (raw > max) return fail(`${name} must be at most ${max} (got ${raw})`);
  return { ok: true, value: raw };
}

function plan(tokens: Parsed<number>, intervalMs: Parsed<number>, ttftMs: Parsed<number>): Parsed<StreamPlan> {
  if (!tokens.ok) return tokens;
  if (!intervalMs.ok) return intervalMs;
  if (!ttftMs.ok) return ttftMs;
  return { ok: true, value: { tokens: tokens.value, intervalMs: intervalMs.value, ttftMs: ttftMs.value } };
}

/** `GET /v1/stream?tokens=N&intervalMs=M&ttftMs=T`; absent parameters take the defaults. */
export function parseStreamQuery(query: URLSearchParams): Parsed<StreamPlan> {
  return plan(
    wholeParam('tokens', query.get('tokens'), DEFAULT_PLAN.tokens, MAX_TOKENS),
    wholeParam('intervalMs', query.get('intervalMs'), DEFAULT_PLAN.intervalMs, MAX_DELAY_MS),
    wholeParam('ttftMs', query.get('ttftMs'), DEFAULT_PLAN.ttftMs, MAX_DELAY_MS),
  );
}

/**
 * `POST /v1/completions` body, OpenAI style: `{"stream":true,"max_tokens":N}`. Timing comes
 * from the query (`intervalMs`, `ttftMs`) or the body (`interval_ms`, `ttft_ms`).
 */
export function parseCompletionBody(body: string, query: URLSearchParams): Parsed<StreamPlan> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return fail('the body is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('the body must be a JSON object');
  const o = json as Record<string, unknown>;
  if (o.stream !== true) return fail('"stream" must be true: this service only streams');
  const fromQuery = parseStreamQuery(query);
  if (!fromQuery.ok) return fromQuery;
  return plan(
    wholeJson('max_tokens', o.max_tokens, DEFAULT_PLAN.tokens, MAX_TOKENS),
    wholeJson('interval_ms', o.interval_ms, fromQuery.value.intervalMs, MAX_DELAY_MS),
    wholeJson('ttft_ms', o.ttft_ms, fromQuery.value.ttftMs, MAX_DELAY_MS),
  );
}
