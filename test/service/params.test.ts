import { DEFAULT_PLAN, parseCompletionBody, parseStreamQuery } from '../../service/src/params';

const q = (s: string): URLSearchParams => new URLSearchParams(s);

describe('parseStreamQuery', () => {
  test('reads tokens, intervalMs and ttftMs', () => {
    expect(parseStreamQuery(q('tokens=5&intervalMs=10&ttftMs=20'))).toEqual({ ok: true, value: { tokens: 5, intervalMs: 10, ttftMs: 20 } });
  });

  test('takes the defaults for absent parameters and accepts the limits', () => {
    expect(parseStreamQuery(q(''))).toEqual({ ok: true, value: DEFAULT_PLAN });
    expect(parseStreamQuery(q('tokens=100000&intervalMs=60000&ttftMs=60000'))).toEqual({ ok: true, value: { tokens: 100000, intervalMs: 60000, ttftMs: 60000 } });
    expect(parseStreamQuery(q('tokens=0&intervalMs=0&ttftMs=0'))).toEqual({ ok: true, value: { tokens: 0, intervalMs: 0, ttftMs: 0 } });
  });

  test.each([
    ['tokens=abc', /tokens must be a whole number/],
    ['tokens=1.5', /tokens must be a whole number/],
    ['tokens=1e3', /tokens must be a whole number/],
    ['tokens=', /tokens must be a whole number/],
    ['tokens=%2B5', /tokens must be a whole number/],
    ['tokens=-1', /tokens must not be negative/],
    ['tokens=100001', /tokens must be at most 100000/],
    ['intervalMs=-5', /intervalMs must not be negative/],
    ['intervalMs=60001', /intervalMs must be at most 60000/],
    ['ttftMs=60001', /ttftMs must be at most 60000/],
    ['ttftMs=0x10', /ttftMs must be a whole number/],
  ])('rejects %s', (query, message) => {
    const parsed = parseStreamQuery(q(query));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

describe('parseCompletionBody', () => {
  test('reads max_tokens and takes timing from the body or the query', () => {
    expect(parseCompletionBody('{"stream":true,"max_tokens":3}', q('intervalMs=7&ttftMs=9'))).toEqual({ ok: true, value: { tokens: 3, intervalMs: 7, ttftMs: 9 } });
    expect(parseCompletionBody('{"stream":true,"max_tokens":3,"interval_ms":1,"ttft_ms":2}', q(''))).toEqual({ ok: true, value: { tokens: 3, intervalMs: 1, ttftMs: 2 } });
  });

  test.each([
    ['{bad', /not valid JSON/],
    ['', /not valid JSON/],
    ['[1]', /must be a JSON object/],
    ['null', /must be a JSON object/],
    ['{"max_tokens":3}', /"stream" must be true/],
    ['{"stream":false,"max_tokens":3}', /"stream" must be true/],
    ['{"stream":true,"max_tokens":-1}', /max_tokens must not be negative/],
    ['{"stream":true,"max_tokens":1.5}', /max_tokens must be a whole number/],
    ['{"stream":true,"max_tokens":"10"}', /max_tokens must be a whole number/],
    ['{"stream":true,"max_tokens":100001}', /max_tokens must be at most 100000/],
    ['{"stream":true,"interval_ms":60001}', /interval_ms must be at most 60000/],
  ])('rejects the body %s', (body, message) => {
    const parsed = parseCompletionBody(body, q(''));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  test('rejects bad timing in the query of a completion', () => {
    expect(parseCompletionBody('{"stream":true}', q('ttftMs=-1'))).toEqual({ ok: false, error: expect.stringMatching(/ttftMs must not be negative/) });
  });
});
