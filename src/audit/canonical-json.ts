/**
 * Canonical JSON for audit-log leaves, after RFC 8785 (JSON Canonicalization Scheme, JCS).
 *
 * A leaf's bytes are hashed into the Merkle tree (RFC 6962 §2.1), so the same logical record must always
 * serialize to the same bytes, on any machine and in any later version of this code. JCS gets there by
 * pinning the three things plain `JSON.stringify` leaves open:
 *
 * - object members are sorted by the UTF-16 code units of their names (RFC 8785 §3.2.3), which is exactly
 *   what `Array.prototype.sort` does with no comparator;
 * - numbers use the ECMAScript Number-to-String algorithm (RFC 8785 §3.2.2.3), which is what
 *   `JSON.stringify` emits for a finite number (including `-0` → `0`);
 * - strings use the ECMAScript JSON escaping rules (RFC 8785 §3.2.2.2), again what `JSON.stringify` does;
 * - no insignificant whitespace (RFC 8785 §3.2.1).
 *
 * Where `JSON.stringify` would silently drop or coerce a value (undefined, functions, symbols, NaN,
 * Infinity, Dates, Maps, class instances, sparse-array holes) we throw instead: a record that loses data on
 * its way into a tamper-evident log is worse than one that is refused.
 */

/** The value cannot be represented in canonical JSON; `path` locates it (e.g. `$.items[2].qty`). */
export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`canonical JSON: ${path}: ${message}`);
    this.name = 'CanonicalJsonError';
  }
}

/** JSON values that canonicalize without loss. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** The canonical JSON text of `value` (RFC 8785). Throws `CanonicalJsonError` for unrepresentable values. */
export function canonicalJsonString(value: unknown): string {
  return serialize(value, '$', new Set());
}

/** The UTF-8 bytes of the canonical JSON text of `value` (RFC 8785 §3.2.5: output is UTF-8). */
export function canonicalJson(value: unknown): Uint8Array {
  return new Uint8Array(Buffer.from(canonicalJsonString(value), 'utf8'));
}

// In a `u`-mode regular expression a well-formed surrogate pair is one code point, so this matches only
// lone surrogates. RFC 8785 §3.2.2.2 requires I-JSON (RFC 7493 §2.1), which forbids them; JSON.stringify
// would escape them rather than fail, so we check ourselves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function serializeString(text: string, path: string): string {
  if (LONE_SURROGATE.test(text)) {
    throw new CanonicalJsonError(
      path,
      'string contains a lone UTF-16 surrogate (not valid Unicode, RFC 7493 §2.1)',
    );
  }
  return JSON.stringify(text);
}

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalJsonError(path, `${value} is not a finite number (RFC 8785 §3.2.2.3)`);
      }
      return JSON.stringify(value);
    case 'bigint':
      throw new CanonicalJsonError(path, 'bigint has no JSON number form; encode it as a string');
    case 'undefined':
      throw new CanonicalJsonError(path, 'undefined is not a JSON value');
    case 'function':
      throw new CanonicalJsonError(path, 'a function is not a JSON value');
    case 'symbol':
      throw new CanonicalJsonError(path, 'a symbol is not a JSON value');
  }
  if (value === null) return 'null';

  // typeof value === 'object' from here on.
  const object = value as object;
  if (ancestors.has(object)) throw new CanonicalJsonError(path, 'circular reference');
  ancestors.add(object);
  try {
    if (Array.isArray(object)) return serializeArray(object, path, ancestors);
    const proto = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      const kind = (object as { constructor?: { name?: string } }).constructor?.name ?? 'non-plain object';
      throw new CanonicalJsonError(
        path,
        `${kind} is not a plain object; convert it explicitly (e.g. a Date to an ISO string) before logging`,
      );
    }
    if (Object.getOwnPropertySymbols(object).length > 0) {
      throw new CanonicalJsonError(path, 'object has symbol-keyed properties, which JSON cannot carry');
    }
    return serializeObject(object as Record<string, unknown>, path, ancestors);
  } finally {
    ancestors.delete(object);
  }
}

function serializeArray(array: readonly unknown[], path: string, ancestors: Set<object>): string {
  const parts: string[] = [];
  for (let i = 0; i < array.length; i++) {
    const elementPath = `${path}[${i}]`;
    // A hole would become `null` under JSON.stringify; refuse it like undefined.
    if (!(i in array)) throw new CanonicalJsonError(elementPath, 'sparse array hole is not a JSON value');
    parts.push(serialize(array[i], elementPath, ancestors));
  }
  return `[${parts.join(',')}]`;
}

function serializeObject(object: Record<string, unknown>, path: string, ancestors: Set<object>): string {
  // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires (not code points, not locale).
  const keys = Object.keys(object).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const memberPath = `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
    parts.push(`${serializeString(key, memberPath)}:${serialize(object[key], memberPath, ancestors)}`);
  }
  return `{${parts.join(',')}}`;
}
