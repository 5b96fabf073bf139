// Equality of plain data (what JSON holds), without encoding it: strings are compared as they are, which costs nothing
// when both sides hold the same string, as an unchanged message's copy does.
/**
 * Whether two values read from or written as JSON are equal. Node's isDeepStrictEqual answers too, at several times
 * the cost: it is called for every message of a conversation at every save and every state posted to a view. A key
 * present with `undefined` on one side only counts as a difference, which errs on the safe side for both callers.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const key of keys) if (!(key in y) || !sameJson(x[key], y[key])) return false;
  return true;
}
