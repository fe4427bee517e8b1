/**
 * "Non-empty and every item matches": unlike `list.every(p)`, an empty list fails instead of
 * passing. `what` names the items in the message ("streams on the surviving tasks").
 * Throws an Error naming the first item that does not match, or saying the list was empty.
 */
export function expectEvery<T>(items: readonly T[], predicate: (item: T) => boolean, what: string): void {
  if (items.length === 0) throw new Error(`expected every one of ${what} to match ${predicate.toString()}, but there were none`);
  const bad = items.findIndex((item) => !predicate(item));
  if (bad >= 0) throw new Error(`expected every one of ${what} to match ${predicate.toString()}; item ${bad} does not: ${JSON.stringify(items[bad])}`);
}
