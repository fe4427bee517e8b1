/**
 * "Event A happened, then B": both present, the first A before the first B after it.
 * Unlike `indexOf(a) < indexOf(b)`, a missing A (index -1) fails instead of passing.
 * `a`/`b` are values compared with `===` or predicates. Throws an Error naming what was
 * missing or out of order, and the list it looked at.
 */
export function expectOrder<T>(items: readonly T[], a: T | ((item: T) => boolean), b: T | ((item: T) => boolean)): void {
  const test = (m: T | ((item: T) => boolean)) => (typeof m === 'function' ? (m as (item: T) => boolean) : (item: T) => item === m);
  const label = (m: T | ((item: T) => boolean)) => (typeof m === 'function' ? `an item matching ${m.toString()}` : JSON.stringify(m));
  const seen = () => JSON.stringify(items);
  const at = items.findIndex(test(a));
  if (at < 0) throw new Error(`expected ${label(a)} to happen, then ${label(b)}; ${label(a)} never happened in ${seen()}`);
  const after = items.findIndex((item, i) => i > at && test(b)(item));
  if (after < 0) {
    const before = items.findIndex(test(b));
    const where = before < 0 ? 'never happened' : `happened only before it (at ${before}, first at ${at})`;
    throw new Error(`expected ${label(a)} to happen, then ${label(b)}; ${label(b)} ${where} in ${seen()}`);
  }
}
