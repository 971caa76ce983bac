/** Pieces shared by the overview and the project pages. Pure. */
import { formatInstant, type AsOf } from './as-of.js';
import { html, type SafeHtml } from './html.js';

const RESERVED_FILE_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)$/;

function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  if (slug === '') return 'project';
  return RESERVED_FILE_NAMES.test(slug) ? `${slug}-project` : slug;
}

/** A file name for each project, safe on any file system; names that slug alike get -2, -3… in order. */
export function assignSlugs(names: readonly string[]): Map<string, string> {
  const used = new Set<string>();
  const slugs = new Map<string, string>();
  for (const name of names) {
    const base = slugify(name);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    slugs.set(name, slug);
  }
  return slugs;
}

/** The latest of some instants (the last collect of any project), undefined for none. */
export function latest(dates: Iterable<Date>): Date | undefined {
  let out: Date | undefined;
  for (const d of dates) if (out === undefined || d > out) out = d;
  return out;
}

/** Why the figures stop where they do, after "as of <label>". */
export function asOfBasis(asOf: AsOf): string {
  switch (asOf.basis) {
    case 'data':
      return 'the end of the collected data (the latest contribution to any of the projects)';
    case 'given':
      return 'as chosen with --as-of';
    default:
      return 'the time the site was built, as nothing was collected';
  }
}

export function footer(asOf: AsOf, collectedAt: Date | undefined): SafeHtml {
  const collected = collectedAt === undefined ? 'not collected yet' : `collected ${formatInstant(collectedAt)}`;
  return html`<p>Data up to ${asOf.label} · ${collected} · built with cdstats</p>`;
}

/** How the about page and project pages name each source of the coverage view. */
export const SOURCE_LABEL: Record<string, string> = {
  git: 'git history',
  git_tags: 'git tags',
  github_pull_requests: 'GitHub pull requests',
  github_review_comments: 'GitHub inline review comments',
  github_issues: 'GitHub issues',
  github_releases: 'GitHub releases',
  github_stargazers: 'GitHub stars',
};
