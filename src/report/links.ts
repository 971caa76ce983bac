import type { Config } from '../config/types.js';

/** The rest of an owner's repository URL: one name, as `github: owner/*` lists them (src/config/repo.ts, githubCloneUrl). */
const OWNER_REPO = /^[A-Za-z0-9._-]+\.git$/;

/**
 * The URLs the report may show as links: those the config names — each repository's location,
 * and for `github: owner/*` that owner's repositories on its host. (One with credentials is
 * stored as `https://***@…`, so it matches none and stays text.) Any other text that looks
 * like a URL (an author or company named `https://…`) comes from the data and stays text.
 */
export function configuredUrls(config: Config): (url: string) => boolean {
  const urls = new Set(config.projects.flatMap((p) => p.repos.map((r) => r.url)));
  const owners = config.projects.flatMap((p) => p.owners.map((o) => `${config.github.webUrl}/${o.owner}/`.toLowerCase()));
  return (url) => urls.has(url) || owners.some((prefix) => url.toLowerCase().startsWith(prefix) && OWNER_REPO.test(url.slice(prefix.length)));
}
