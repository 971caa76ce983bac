/**
 * Removes credentials from text that may hold a URL (`https://user:token@host/…`) so that
 * tokens never reach logs, error messages or the database.
 */
export function redact(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}
