import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { openWithPeople } from '../../../src/identity/session.js';
import { silentLog } from '../../../src/log.js';
import type { FxUser } from '../../github/fixture.js';
import { queryDb } from '../../helpers/db.js';
import { useGitHubWorld } from './harness.js';
import { buildWorld } from './world.js';

const { setup } = useGitHubWorld();
const DAY_MS = 86_400_000;

/** acme/widgets with companies in ada's and grace's profiles, and an organisation named by handle. */
function profileWorld() {
  const world = buildWorld();
  world.fixture.user('ada', { company: '@cloudbees' });
  world.fixture.user('grace', { company: 'Red Hat, Inc.' });
  world.fixture.organization('cloudbees', { name: 'CloudBees, Inc.' });
  return world;
}

/** The logins each Profiles request asked for, request by request. */
function asked(requests: readonly { operation: string | null; variables: Record<string, unknown> }[]): string[][] {
  return requests.filter((r) => r.operation === 'Profiles').map((r) => Object.values(r.variables).map(String));
}

const PROFILES = "SELECT login, kind, company_raw, company, name FROM github_profiles ORDER BY login";

describe('GitHub profiles at collect', () => {
  it('reads the company of every login seen, batched, never a bot, then the organisations named by @handle', async () => {
    const s = await setup('profiles', { world: profileWorld() });
    const summary = await s.run();
    expect(summary.reposFailed).toBe(0);
    // Most active first: grace (pull requests, reviews, issues), then ada.
    expect(asked(s.server.requests)).toEqual([['grace', 'ada'], ['cloudbees']]);
    expect(await queryDb(s.db, PROFILES)).toEqual([
      { login: 'ada', kind: 'User', company_raw: '@cloudbees', company: 'cloudbees', name: null },
      { login: 'cloudbees', kind: 'Organization', company_raw: null, company: null, name: 'CloudBees, Inc.' },
      { login: 'grace', kind: 'User', company_raw: 'Red Hat, Inc.', company: 'Red Hat', name: null },
    ]);
    expect(summary.profiles).toMatchObject({ ok: true, read: 3, missing: 0, left: 0 });
    expect(s.lines).toContain('GitHub profiles: 3 read; each is read again after 30 days');
    // 1 point per 100 profiles.
    expect(s.server.stats.byOperation.Profiles).toEqual({ requests: 2, points: 2 });
  });

  it('asks nothing again within github.profileRefreshDays, and everything after it', async () => {
    const s = await setup('refresh', { world: profileWorld(), github: '  profileRefreshDays: 30\n' });
    await s.run();
    const [first] = await queryDb(s.db, "SELECT strftime(read_at, '%Y-%m-%dT%H:%M:%SZ') AS at FROM github_profiles WHERE login = 'ada'");
    s.server.resetStats();
    await s.run();
    expect(asked(s.server.requests)).toEqual([]);
    s.advance(29 * DAY_MS);
    await s.run();
    expect(asked(s.server.requests)).toEqual([]);
    s.world.fixture.user('ada', { company: 'Globex' });
    s.advance(2 * DAY_MS);
    await s.run();
    // ada names no organisation any more: cloudbees is not asked again.
    expect(asked(s.server.requests)).toEqual([['grace', 'ada']]);
    const [again] = await queryDb(s.db, "SELECT company, strftime(read_at, '%Y-%m-%dT%H:%M:%SZ') AS at FROM github_profiles WHERE login = 'ada'");
    expect(again?.company).toBe('Globex');
    expect(Date.parse(String(again?.at)) - Date.parse(String(first?.at))).toBeGreaterThanOrEqual(31 * DAY_MS);
    // --full reads every profile again, fresh or not.
    s.server.resetStats();
    await s.run({ full: true });
    expect(asked(s.server.requests)).toEqual([['grace', 'ada']]);
  });

  it('reads new logins at the next run, at most github.profilesPerRun a run, most active first', async () => {
    const s = await setup('bounded', { world: profileWorld(), github: '  profilesPerRun: 1\n' });
    const first = await s.run();
    expect(first.profiles).toMatchObject({ ok: true, read: 1, left: 1 });
    expect(s.lines).toContain('GitHub profiles: 1 read, 1 left for later runs (github.profilesPerRun: 1); each is read again after 30 days');
    await s.run();
    await s.run();
    // grace has the most contributions, then ada; the organisation ada names comes last.
    expect(asked(s.server.requests)).toEqual([['grace'], ['ada'], ['cloudbees']]);
    const fx = s.world.fixture;
    fx.advance(3600);
    fx.addIssue('acme/widgets', { author: fx.user('newcomer', { company: 'Initech' }) });
    s.server.resetStats();
    await s.run();
    expect(asked(s.server.requests)).toEqual([['newcomer']]);
  });

  it('stores a login that is no account (renamed or deleted) as missing, and reads none with profilesPerRun: 0', async () => {
    const world = profileWorld();
    const gone: FxUser = { ...world.fixture.user('grace'), login: 'renamed-away' } as FxUser;
    world.fixture.addIssue('acme/widgets', { author: gone });
    const s = await setup('missing', { world });
    const summary = await s.run();
    expect(summary.profiles).toMatchObject({ ok: true, read: 4, missing: 1 });
    expect(await queryDb(s.db, "SELECT kind, company FROM github_profiles WHERE login = 'renamed-away'")).toEqual([{ kind: 'missing', company: null }]);
    const off = await setup('off', { world: profileWorld(), github: '  profilesPerRun: 0\n' });
    const none = await off.run();
    expect(none.profiles).toBeUndefined();
    expect(asked(off.server.requests)).toEqual([]);
  });

  it('a failure keeps the batches read, fails the run, and the next run goes on', async () => {
    const s = await setup('failure', { world: profileWorld() });
    s.server.failNext({ kind: 'raw', status: 401, contentType: 'application/json', body: '{"message":"Bad credentials"}', operation: 'Profiles', skip: 1 });
    const summary = await s.run();
    expect(summary.reposFailed).toBe(1);
    expect(summary.errors).toEqual([expect.stringMatching(/^GitHub profiles: failed: Profiles for users and organisations: GitHub rejected the token .*\(2 read and kept; the next run goes on\)$/)]);
    s.server.resetStats();
    const next = await s.run();
    expect(next.reposFailed).toBe(0);
    expect(asked(s.server.requests)).toEqual([['cloudbees']]);
  });

  it('gives people the company of their profile for all time, marked github profile with when it was read', async () => {
    const s = await setup('resolve', { world: profileWorld() });
    await s.run();
    const config = await loadConfig(`${s.work}/cdstats.yaml`, silentLog);
    const db = await openWithPeople(config, silentLog);
    try {
      const rows = await db.all(
        "SELECT p.logins[1] AS login, a.company, a.source, a.from_date, a.until_date, a.read_at IS NOT NULL AS dated FROM affiliations a JOIN people p USING (person_id) ORDER BY login",
      );
      expect(rows).toEqual([
        { login: 'ada', company: 'CloudBees', source: 'github profile', from_date: null, until_date: null, dated: true },
        { login: 'grace', company: 'Red Hat', source: 'github profile', from_date: null, until_date: null, dated: true },
      ]);
      const companies = await db.all("SELECT DISTINCT company FROM contributions WHERE kind = 'pr_opened' AND NOT is_bot ORDER BY 1");
      expect(companies).toEqual([{ company: 'CloudBees' }, { company: 'Red Hat' }]);
    } finally {
      db.close();
    }
  });
});
