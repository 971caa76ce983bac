import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailmapLookup, parseMailmap } from '../../src/identity/mailmap.js';
import { TestRepo, tempDir } from '../helpers/git.js';

/** Every form of gitmailmap(5), and two entries for one email with different commit names. */
const MAILMAP = `Simple Name <simple@x.org>
<proper-only@x.org> <email-only@x.org>
Both Name <both@x.org> <both-old@x.org>
Proper One <one@x.org> Commit One <shared@x.org>
Proper Two <two@x.org> commit two <SHARED@x.org>
Shared Person <shared@x.org>
<qualified@x.org> Only Qualified <lonely@x.org>
Name First <first@x.org>
<later@x.org> <first@x.org>
`;

/** (name, email) written on commits, and by hand what git makes of them. */
const CASES: [string, string, string][] = [
  ['Whoever', 'simple@x.org', 'Simple Name <simple@x.org>'],
  ['Whoever', 'email-only@x.org', 'Whoever <proper-only@x.org>'],
  ['Whoever', 'Both-Old@X.org', 'Both Name <both@x.org>'],
  ['Commit One', 'shared@x.org', 'Proper One <one@x.org>'],
  ['COMMIT ONE', 'shared@x.org', 'Proper One <one@x.org>'],
  ['Commit Two', 'shared@x.org', 'Proper Two <two@x.org>'],
  ['Someone Else', 'shared@x.org', 'Shared Person <shared@x.org>'],
  ['Only Qualified', 'lonely@x.org', 'Only Qualified <qualified@x.org>'],
  ['Another', 'lonely@x.org', 'Another <lonely@x.org>'],
  ['Whoever', 'first@x.org', 'Name First <later@x.org>'],
  ['Whoever', 'unmapped@x.org', 'Whoever <unmapped@x.org>'],
];

let dir: string;
let cleanup: () => Promise<void>;
let repo: TestRepo;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  repo = await TestRepo.create(path.join(dir, 'repo'));
  await repo.commit({ files: { '.mailmap': MAILMAP } });
});
afterAll(() => cleanup());

/** What cdstats makes of a (name, email), written as git check-mailmap writes it. */
function ours(name: string, email: string): string {
  const mapped = mailmapLookup(parseMailmap(MAILMAP, '.mailmap').entries)(name, email);
  return `${mapped?.name ?? name} <${mapped?.email ?? email}>`;
}

describe('mailmap lookup', () => {
  it('maps as git check-mailmap does, for every form and for names qualifying a shared email', async () => {
    for (const [name, email, expected] of CASES) {
      const git = (await repo.git(['check-mailmap', `${name} <${email}>`])).trim();
      // Emails compare without case: git keeps an unmapped one as written, cdstats lower-cases them.
      expect(git.toLowerCase(), `git: ${name} <${email}>`).toBe(expected.toLowerCase());
      expect(ours(name, email).toLowerCase(), `cdstats: ${name} <${email}>`).toBe(expected.toLowerCase());
    }
  });

  it('says when an entry qualified by the commit name decided', () => {
    const lookup = mailmapLookup(parseMailmap(MAILMAP, '.mailmap').entries);
    expect(lookup('commit one', 'shared@x.org')).toEqual({ name: 'Proper One', email: 'one@x.org', byName: true });
    expect(lookup('Someone Else', 'shared@x.org')).toEqual({ name: 'Shared Person', email: null, byName: false });
    expect(lookup('Another', 'lonely@x.org')).toBeNull();
  });
});
