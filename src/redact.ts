/**
 * A URL's `scheme://userinfo@`: the userinfo runs to the authority's LAST `@` (as URL parsers
 * read it), so a password holding `@` is matched whole, not cut at its first `@`.
 */
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/gi;

/**
 * Removes credentials from text that may hold a URL (`https://user:token@host/…`) so that
 * tokens never reach logs, error messages or the database.
 */
export function redact(text: string): string {
  return text.replace(USERINFO, '$1***@');
}

/** The URL without its `user:password@` part, to compare or key URLs whatever their credentials. */
export function withoutUserinfo(url: string): string {
  return url.replace(USERINFO, '$1');
}
