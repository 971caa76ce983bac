/**
 * Bots and the GitHub web-flow committer. Patterns are globs (`*` any run, `?` one character)
 * matched case-insensitively against a whole key, with matchesGlob.
 */
import { matchesGlob } from '../config/repo.js';

/**
 * Default bot patterns. The first block is devstats' exclusion list (cncf/devstats
 * util_sql/exclude_bots.sql and only_bots.sql, SQL `%` written as `*`), without `web-flow`,
 * which isWebFlow handles. Then common automation and AI coding agents: GitHub Apps appear as
 * `name[bot]` (caught by the suffix rule) in REST and git, but as plain `name` in GraphQL.
 * Patterns with `@` are matched against whole emails (co-author trailers of AI tools).
 */
export const DEFAULT_BOT_PATTERNS: readonly string[] = [
  // devstats
  'openebs-pro-sa', 'stateful-wombot', 'fermybot', 'opentofu-provider-sync-service-account', 'flatcar-infra',
  'atlantisbot', 'megaeasex', 'kuasar-io-dev', 'startxfr', 'opentelemetrybot', 'invalid-email-address',
  'fluxcdbot', 'claassistant', 'containersshbuilder', 'wasmcloud-automation', 'fossabot',
  'facebook-github-whois-bot-0', 'knative-automation', 'covbot', 'cdk8s-automation', 'github-action-benchmark',
  'goreleaserbot', 'imgbotapp', 'backstage-service', 'openssl-machine', 'sizebot', 'dependabot', 'cncf-ci',
  'poiana', 'svcbot-qecnsdp', 'nsmbot', 'ti-srebot', 'cf-buildpacks-eng', 'bosh-ci-push-pull',
  'zephyr-github', 'zephyrbot', 'strimzi-ci', 'athenabot', 'k8s-reviewable', 'codecov-io', 'grpc-testing',
  'k8s-teamcity-mesosphere', 'angular-builds', 'devstats-sync', 'googlebot', 'hibernate-ci', 'coveralls',
  'rktbot', 'coreosbot', 'prometheus-roobot', 'cncf-bot', 'kernelprbot', 'istio-testing', 'spinnakerbot',
  'pikbot', 'spinnaker-release', 'golangcibot', 'opencontrail-ci-admin', 'titanium-octobot', 'asfgit',
  'appveyorbot', 'cadvisorjenkinsbot', 'gitcoinbot', 'katacontainersbot', 'prombot', 'prowbot', 'travis*bot',
  'k8s-*', '*-bot', '*-robot', 'bot-*', 'robot-*', '*[bot]*', '*[robot]*', '*-jenkins', 'jenkins-*',
  '*-ci*bot', '*-testing', 'codecov-*', '*clabot*', '*cla-bot*', '*-gerrit', '*-bot-*',
  '*envoy-filter-example*', '*cibot', '*-ci',
  // Dependency, CI and review automation (also reached through `[bot]` when written that way).
  'dependabot-preview', 'renovate', 'whitesource-renovate', 'github-actions', 'github action', 'github actions',
  'action@github.com', 'actions@github.com', 'k8s-ci-robot', 'k8s-merge-robot', 'k8s-triage-robot', 'codecov',
  'mergify', 'snyk-bot', 'greenkeeper', 'greenkeeperio-bot', 'imgbot', 'allcontributors', 'pre-commit-ci',
  'netlify', 'vercel', 'sonarcloud', 'sonarqubecloud', 'release-please', 'changeset-bot',
  'azure-pipelines', 'bot@renovateapp.com',
  // Full names whose last word is Bot ("Spinnaker Bot", 76 commits in spinnaker/spinnaker).
  '* bot', '* robot',
  // AI coding agents.
  'copilot', 'copilot-swe-agent', 'copilot-pull-request-reviewer', 'devin-ai-integration', 'sweep-ai',
  'chatgpt-codex-connector', 'google-labs-jules', 'gemini-code-assist', 'amazon-q-developer', 'coderabbitai',
  'cursor agent', 'cursoragent', 'noreply@anthropic.com', 'noreply@openai.com', 'codex@openai.com',
  'noreply@aider.chat', 'aider@aider.chat', 'noreply@opencode.ai', 'openhands@all-hands.dev',
];

export interface BotRules {
  include: readonly string[];
  exclude: readonly string[];
}

/** One thing a pattern can be matched against; `lower` is `text` lower-cased. */
interface Key {
  kind: 'login' | 'name' | 'local' | 'email';
  text: string;
  lower: string;
  spaced: boolean;
}

/** `12345+login@users.noreply.github.com` → `login`; other emails → their local part. */
function localPart(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at < 0 ? email : email.slice(0, at);
  return email.slice(at + 1).toLowerCase() === 'users.noreply.github.com' ? local.replace(/^\d+\+/, '') : local;
}

function keysOf(identity: { login?: string | null; name?: string | null; email?: string | null }): Key[] {
  const key = (kind: Key['kind'], text: string): Key => ({ kind, text, lower: text.toLowerCase(), spaced: /\s/.test(text) });
  const keys: Key[] = [];
  const login = identity.login?.trim();
  const name = identity.name?.trim();
  const email = identity.email?.trim();
  if (login) keys.push(key('login', login));
  if (name) keys.push(key('name', name));
  if (email) keys.push(key('email', email), key('local', localPart(email)));
  return keys;
}

/** What is known of a pattern before matching: where it applies, and its literal runs. */
interface Pattern {
  forEmail: boolean;
  spaced: boolean;
  /** Lower-cased literal runs between `*`/`?`, for ASCII patterns; null when not checked. */
  fragments: string[] | null;
  /** The lower-cased pattern when it has no `*` or `?` and is ASCII: then equality decides. */
  literal: string | null;
}

const patterns = new Map<string, Pattern>();

function prepare(pattern: string): Pattern {
  let prepared = patterns.get(pattern);
  if (!prepared) {
    const ascii = /^[\x20-\x7e]*$/.test(pattern);
    prepared = {
      forEmail: pattern.includes('@'),
      spaced: /\s/.test(pattern),
      fragments: ascii ? pattern.toLowerCase().split(/[*?]+/).filter((f) => f !== '') : null,
      literal: ascii && !/[*?]/.test(pattern) ? pattern.toLowerCase() : null,
    };
    patterns.set(pattern, prepared);
  }
  return prepared;
}

/**
 * Whether a pattern applies to a key: a pattern with `@` only to whole emails, others to
 * logins, local parts and names; a name with spaces ("Jane Talbot") only to patterns with a
 * space, so login-shaped patterns such as `*cibot` never catch a person's full name. Before
 * matchesGlob compiles its RegExp, every literal run of the pattern must occur in the key.
 */
function matchesKey(pattern: string, key: Key): boolean {
  const p = prepare(pattern);
  if (p.forEmail !== (key.kind === 'email')) return false;
  if (key.kind === 'name' && key.spaced && !p.spaced) return false;
  if (p.literal !== null) return key.lower === p.literal;
  if (p.fragments !== null && !p.fragments.every((fragment) => key.lower.includes(fragment))) return false;
  return matchesGlob(pattern, key.text);
}

/**
 * A login/name is a bot when: it ends in `[bot]`, GitHub typed it as Bot, or it matches a default
 * pattern or an include pattern — unless an exclude pattern matches (exclude wins). The keys are
 * the login, the git name, the email's local part (the login part of a GitHub noreply address)
 * and, for patterns with `@`, the whole email. See matchesKey for names with spaces.
 */
export function isBot(identity: { login?: string | null; name?: string | null; email?: string | null; githubBot?: boolean }, rules: BotRules): boolean {
  const keys = keysOf(identity);
  if (matchesAny(rules.exclude, keys)) return false;
  if (identity.githubBot === true) return true;
  if (keys.some((key) => key.kind !== 'email' && /\[bot\]$/i.test(key.text))) return true;
  return matchesAny(DEFAULT_BOT_PATTERNS, keys) || matchesAny(rules.include, keys);
}

/** A pattern list split once: patterns without `*`/`?` (most of them) are looked up, the others matched. */
interface PatternList {
  emails: Set<string>;
  others: Set<string>;
  wildcards: string[];
}
const lists = new WeakMap<readonly string[], PatternList>();

/** Whether any pattern of the list matches any key (matchesKey's rules; a literal one matches by equality). */
function matchesAny(patterns: readonly string[], keys: readonly Key[]): boolean {
  let list = lists.get(patterns);
  if (list === undefined) {
    list = { emails: new Set(), others: new Set(), wildcards: [] };
    for (const pattern of patterns) {
      const { literal, forEmail } = prepare(pattern);
      if (literal === null) list.wildcards.push(pattern);
      else (forEmail ? list.emails : list.others).add(literal);
    }
    lists.set(patterns, list);
  }
  for (const key of keys) if ((key.kind === 'email' ? list.emails : list.others).has(key.lower)) return true;
  for (const pattern of list.wildcards) for (const key of keys) if (matchesKey(pattern, key)) return true;
  return false;
}

/** Whether `bots.exclude` says this identity is not a bot, whatever else says it is (gitdm's `(Robots)`). */
export function isExcludedBot(identity: { login?: string | null; name?: string | null; email?: string | null }, rules: BotRules): boolean {
  return matchesAny(rules.exclude, keysOf(identity));
}

/**
 * The committer GitHub records for commits made or merged in its web interface:
 * `GitHub <noreply@github.com>` (any name), or on GitHub Enterprise Server
 * `GitHub Enterprise <noreply@host>` / `GitHub <noreply@host>`. Not a bot but not a person
 * either. A name alone never decides.
 */
export function isWebFlow(name: string | null, email: string | null): boolean {
  const address = email?.trim().toLowerCase() ?? '';
  if (address === 'noreply@github.com') return true;
  const who = name?.trim().toLowerCase() ?? '';
  return address.startsWith('noreply@') && (who === 'github' || who === 'github enterprise');
}
