// Equality of plain data (what JSON holds), without encoding it: strings are compared as they are, which costs nothing
// when both sides hold the same string, as an unchanged message's copy does.
/**
 * Whether two values read from or written as JSON are equal. Node's isDeepStrictEqual answers too, at several times
 * the cost: it is called for every message of a conversation at every save and every state posted to a view, so it
 * allocates nothing (no key lists), which keeps a long conversation's saves from filling the young generation. A key
 * present with `undefined` on one side only counts as a difference, which errs on the safe side for both callers.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && sameItems(a, b);
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (!Object.hasOwn(x, key)) continue;
    if (!Object.hasOwn(y, key) || !sameJson(x[key], y[key])) return false;
    keys++;
  }
  for (const key in y) if (Object.hasOwn(y, key)) keys--;
  return keys === 0;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
  return true;
}
