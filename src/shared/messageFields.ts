// The field checks that webview messages are declared with: each field is a runtime check that also carries its
// TypeScript type, so one declaration gives both the type and the validator.

export interface Field<T> {
  /** True when `value` may be passed on as a `T`. */
  readonly accepts: (value: unknown) => boolean;
  /** Never set; carries `T` for the types derived from a declaration. */
  readonly type?: T;
}

/** A message's fields by name. */
export type Fields = Readonly<Record<string, Field<unknown>>>;

/** The object type that a set of fields describes. */
export type FieldValues<F extends Fields> = { -readonly [K in keyof F]: F[K] extends Field<infer T> ? T : never };

/** A string of at most `max` characters; `nonBlank` also refuses one that is empty or only white space. */
export function text(max: number, { nonBlank = false } = {}): Field<string> {
  return {
    accepts: (value) => typeof value === 'string' && value.length <= max && (!nonBlank || value.trim() !== ''),
  };
}

/** An array of at most `max` items, each accepted by `item`. */
export function list<T>(item: Field<T>, max: number): Field<T[]> {
  return { accepts: (value) => Array.isArray(value) && value.length <= max && value.every(item.accepts) };
}

/** One of the listed strings. */
export function oneOf<const T extends readonly string[]>(...values: T): Field<T[number]> {
  return { accepts: (value) => typeof value === 'string' && values.includes(value) };
}

/** The fields' values taken from `value` (nothing else of it), or `undefined` when one is refused. */
export function readFields<F extends Fields>(fields: F, value: Record<string, unknown>): FieldValues<F> | undefined {
  const read: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    if (!field.accepts(value[name])) return undefined;
    read[name] = value[name];
  }
  return read as FieldValues<F>;
}
