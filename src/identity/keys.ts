/**
 * Identity keys: `email:<address>` and `login:<GitHub login>`, lower-cased. Resolution joins
 * them into people; the `identities` table stores them split into kind and key.
 */
export type KeyKind = 'email' | 'login';

/** The key of an email or a login (trimmed, lower-cased). */
export function identityKey(kind: KeyKind, value: string): string {
  return `${kind}:${value.trim().toLowerCase()}`;
}

/** A key's kind and value. */
export function splitKey(key: string): { kind: KeyKind; value: string } {
  const colon = key.indexOf(':');
  return { kind: key.slice(0, colon) as KeyKind, value: key.slice(colon + 1) };
}

/** The values of the keys of one kind, in order. */
export function keyValues(keys: Iterable<string>, kind: KeyKind): string[] {
  const prefix = `${kind}:`;
  const values: string[] = [];
  for (const key of keys) if (key.startsWith(prefix)) values.push(key.slice(prefix.length));
  return values;
}
