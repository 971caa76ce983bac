/**
 * The bookkeeping under GitHubFixture: the clock, ids and creation order, the node registry
 * behind `node(id)`, lookups, and users, bots and organizations.
 */
import type { ActorRef, RepoRef, Time } from './fixture-options.js';
import type { FxActor, FxBot, FxIssue, FxOrganization, FxOwner, FxPullRequest, FxRepository, FxUser } from './fixture-types.js';

export type Node = { readonly id: string; readonly __typename: string };

const CREATION = new WeakMap<object, number>();

/** Position of an object in creation order; ids are assigned in that order, so it breaks ties stably. */
export function creationOrder(item: object): number | undefined {
  return CREATION.get(item);
}

/** GitHub's DateTime format: ISO-8601 in UTC, to the second. */
export function isoTime(at: Time): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new Error(`Not a time: ${String(at)}`);
  return `${date.toISOString().slice(0, 19)}Z`;
}

const PREFIX: Record<string, string> = {
  User: 'U', Bot: 'BOT', Organization: 'O', Repository: 'R', Issue: 'I', PullRequest: 'PR', IssueComment: 'IC',
  PullRequestReview: 'PRR', PullRequestReviewComment: 'PRRC', Label: 'LA', Release: 'RE', Commit: 'C',
};

export class FixtureStore {
  private clock: number;
  private readonly step: number;
  private sequence = 0;
  private readonly nodes = new Map<string, Node>();
  private readonly owners = new Map<string, FxOwner>();
  private readonly bots = new Map<string, FxBot>();
  protected readonly repos = new Map<string, FxRepository>();

  constructor(options: { start?: Time; step?: number } = {}) {
    this.clock = new Date(isoTime(options.start ?? '2024-01-01T00:00:00Z')).getTime();
    this.step = (options.step ?? 1) * 1000;
  }

  /** The clock's current time (not advanced by reading it). */
  get now(): string {
    return isoTime(new Date(this.clock));
  }

  setTime(at: Time): void {
    this.clock = new Date(isoTime(at)).getTime();
  }

  advance(seconds: number): void {
    this.clock += seconds * 1000;
  }

  /** `at`, or the clock's time (then moving the clock on). */
  stamp(at?: Time): string {
    if (at !== undefined) return isoTime(at);
    const now = this.now;
    this.clock += this.step;
    return now;
  }

  // ---- lookups -------------------------------------------------------------------------------

  node(id: string): Node | undefined {
    return this.nodes.get(id);
  }

  repository(ref: RepoRef): FxRepository | undefined {
    return typeof ref === 'string' ? this.repos.get(ref.toLowerCase()) : ref;
  }

  owner(login: string): FxOwner | undefined {
    return this.owners.get(login.toLowerCase());
  }

  pullRequest(repo: RepoRef, number: number): FxPullRequest {
    const found = this.repo(repo).pullRequests.find((pr) => pr.number === number);
    if (!found) throw new Error(`No pull request #${number} in ${this.repo(repo).nameWithOwner}`);
    return found;
  }

  issue(repo: RepoRef, number: number): FxIssue {
    const found = this.repo(repo).issues.find((issue) => issue.number === number);
    if (!found) throw new Error(`No issue #${number} in ${this.repo(repo).nameWithOwner}`);
    return found;
  }

  // ---- actors --------------------------------------------------------------------------------

  /** The user with this login, created on first use; `details` are applied either way. */
  user(login: string, details: Partial<Pick<FxUser, 'name' | 'email' | 'databaseId' | 'company'>> = {}): FxUser {
    const existing = this.owners.get(login.toLowerCase());
    if (existing?.__typename === 'Organization') throw new Error(`${login} is an organization`);
    const user = existing ?? this.register<FxUser>({
      __typename: 'User', login, name: null, email: `${login}@users.noreply.github.com`, company: null,
      createdAt: this.now, updatedAt: this.now, repositories: [],
    });
    this.owners.set(login.toLowerCase(), user);
    return Object.assign(user, details);
  }

  /** Renames a user, as its owner can on GitHub: same account and id, and the old login names no one. */
  renameUser(login: string, newLogin: string): FxUser {
    const user = this.owners.get(login.toLowerCase());
    if (user?.__typename !== 'User') throw new Error(`No user ${login}`);
    if (this.owners.has(newLogin.toLowerCase())) throw new Error(`${newLogin} is taken`);
    this.owners.delete(login.toLowerCase());
    this.owners.set(newLogin.toLowerCase(), user);
    user.login = newLogin;
    return user;
  }

  /**
   * A bot; `login` is used verbatim. GitHub's GraphQL API reports bots without the `[bot]`
   * suffix its REST API shows (`dependabot`, not `dependabot[bot]`).
   */
  bot(login: string): FxBot {
    const existing = this.bots.get(login.toLowerCase());
    if (existing) return existing;
    const bot = this.register<FxBot>({ __typename: 'Bot', login, createdAt: this.now, updatedAt: this.now });
    this.bots.set(login.toLowerCase(), bot);
    return bot;
  }

  /** The organisation with this login, created on first use; `details` are applied either way. */
  organization(login: string, details: Partial<Pick<FxOrganization, 'name'>> = {}): FxOrganization {
    const existing = this.owners.get(login.toLowerCase());
    if (existing?.__typename === 'User') throw new Error(`${login} is a user`);
    const org = existing ?? this.register<FxOrganization>({
      __typename: 'Organization', login, name: login, createdAt: this.now, updatedAt: this.now, repositories: [],
    });
    this.owners.set(login.toLowerCase(), org);
    return Object.assign(org, details);
  }


  // ---- for the helpers ----------------------------------------------------------------------

  protected repo(ref: RepoRef): FxRepository {
    const repo = this.repository(ref);
    if (!repo) throw new Error(`No repository ${String(ref)} in the fixture`);
    return repo;
  }

  /** Gives an object its id (and databaseId) and makes it reachable through `node(id)`. */
  protected register<T extends Node>(fields: Omit<T, 'id' | 'databaseId'>): T {
    const seq = this.order(fields);
    const id = `${PREFIX[fields.__typename] ?? 'N'}_kw${Buffer.from(`cdstats:${fields.__typename}:${seq}`).toString('base64url')}`;
    const node = Object.defineProperties(fields, {
      id: { value: id, enumerable: true },
      databaseId: { value: seq, enumerable: true, writable: true },
    }) as T;
    this.nodes.set(id, node);
    return node;
  }

  /** Records an object's place in creation order (which breaks ordering ties). */
  protected order(item: object): number {
    const seq = ++this.sequence;
    CREATION.set(item, seq);
    return seq;
  }

  protected forget(id: string): void {
    this.nodes.delete(id);
  }

  protected actor(ref: ActorRef | undefined): FxActor | null {
    if (ref === undefined) return this.user('octocat');
    return typeof ref === 'string' ? this.user(ref) : ref;
  }

  protected latest(explicit: Time | undefined, ...times: (string | null)[]): string {
    if (explicit !== undefined) return isoTime(explicit);
    return times.filter((t): t is string => t !== null).sort().at(-1) ?? this.now;
  }

  protected bump(item: { updatedAt: string }, at: string): void {
    if (at > item.updatedAt) item.updatedAt = at;
  }
}
