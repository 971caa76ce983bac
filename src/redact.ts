/**
 * Removes credentials from text that may hold a URL (`https://user:token@host/…`) so that
 * tokens never reach logs, error messages or the database.
 */
export function redact(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}

/** The URL without its `user:password@` part; userinfo ends at the authority's last `@`, as in URL parsers. */
export function withoutUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/i, '$1');
}
