import { describe, expect, it } from 'vitest';
import { canonicalCompany, companyFromDomain, emailDomain, FREE_MAIL_DOMAINS, INDEPENDENT, isNotCompany } from '../../src/identity/companies.js';

describe('emailDomain', () => {
  it('returns the lower-cased domain after the last @', () => {
    expect(emailDomain('Jane@Acme.COM')).toBe('acme.com');
    expect(emailDomain('"a@b"@c.org')).toBe('c.org');
    expect(emailDomain(' jane@acme.com. ')).toBe('acme.com');
  });

  it('returns null without a domain', () => {
    expect(emailDomain('jane')).toBeNull();
    expect(emailDomain('jane@')).toBeNull();
    expect(emailDomain('jane@acme com')).toBeNull();
  });
});

describe('FREE_MAIL_DOMAINS', () => {
  it('holds the usual free-mail, noreply and placeholder domains, lower-cased', () => {
    for (const domain of ['gmail.com', 'googlemail.com', 'hotmail.com', 'outlook.com', 'yahoo.co.jp', 'qq.com', '163.com', 'proton.me', 'users.noreply.github.com', 'localhost', 'example.com']) {
      expect(FREE_MAIL_DOMAINS.has(domain), domain).toBe(true);
    }
    expect(FREE_MAIL_DOMAINS.has('github.com')).toBe(false);
    expect(FREE_MAIL_DOMAINS.size).toBeGreaterThanOrEqual(40);
    expect([...FREE_MAIL_DOMAINS].filter((d) => d !== d.toLowerCase() || d.trim() !== d)).toEqual([]);
  });
});

describe('companyFromDomain', () => {
  const domains = new Map([
    ['acme.com', 'Acme'],
    ['Research.Acme.com', 'Acme Research'],
    ['gmail.com', 'Google'],
    ['github.com', 'GitHub'],
  ]);

  it('maps a domain and its subdomains, the most specific entry winning', () => {
    expect(companyFromDomain('jane@acme.com', domains)).toBe('Acme');
    expect(companyFromDomain('jane@eng.ACME.com', domains)).toBe('Acme');
    expect(companyFromDomain('jane@lab.research.acme.com', domains)).toBe('Acme Research');
    expect(companyFromDomain('jane@github.com', domains)).toBe('GitHub');
  });

  it('matches whole labels only', () => {
    expect(companyFromDomain('jane@notacme.com', domains)).toBeNull();
    expect(companyFromDomain('jane@acme.com.evil.org', domains)).toBeNull();
  });

  it('never takes a company from free mail, noreply or machine names, even when mapped', () => {
    expect(companyFromDomain('jane@gmail.com', domains)).toBeNull();
    expect(companyFromDomain('12345+jane@users.noreply.github.com', domains)).toBeNull();
    expect(companyFromDomain('jane@mail.yahoo.co.jp', domains)).toBeNull();
    expect(companyFromDomain('jane@janes-mbp.local', domains)).toBeNull();
    expect(companyFromDomain('jane@laptop.(none)', domains)).toBeNull();
  });

  it('returns null for unmapped domains and non-emails', () => {
    expect(companyFromDomain('jane@initech.com', domains)).toBeNull();
    expect(companyFromDomain('jane', domains)).toBeNull();
  });
});

describe('canonicalCompany', () => {
  const aliases = new Map([
    ['Heptio', 'VMware Inc.'],
    ['vmware inc.', 'VMware'],
    ['GOOGLE LLC', 'Google'],
    ['Solo', 'Independent'],
  ]);

  it('applies aliases without case, following chains', () => {
    expect(canonicalCompany('heptio', aliases)).toBe('VMware');
    expect(canonicalCompany('VMware Inc.', aliases)).toBe('VMware');
    expect(canonicalCompany('  Google   LLC ', aliases)).toBe('Google');
  });

  it('keeps names without an alias, with spaces normalised', () => {
    expect(canonicalCompany(' Initech  Corp ', aliases)).toBe('Initech Corp');
  });

  it('maps Unknown and the like to null (nobody knows), Independent to Independent (known: no company), also through an alias', () => {
    for (const name of ['Unknown', '(Unknown)', 'NotFound', '(Not Found)', '?', '']) {
      expect(canonicalCompany(name, aliases), name).toBeNull();
    }
    for (const name of ['Independent', 'independent', '(Independent)', ' INDEPENDENT ', 'Self-employed']) {
      expect(canonicalCompany(name, aliases), name).toBe(INDEPENDENT);
    }
    expect(canonicalCompany(null, aliases)).toBeNull();
    expect(canonicalCompany('Solo', aliases)).toBe('Independent');
    expect(canonicalCompany('Nobody', new Map([['Nobody', 'NotFound']]))).toBeNull();
  });

  it('stops on an alias cycle', () => {
    expect(canonicalCompany('A', new Map([['A', 'B'], ['b', 'A']]))).toBe('A');
  });

  it('sees entries added to a map after it was first used', () => {
    const map = new Map<string, string>();
    expect(canonicalCompany('Pivotal', map)).toBe('Pivotal');
    map.set('pivotal', 'VMware');
    expect(canonicalCompany('Pivotal', map)).toBe('VMware');
  });
});

describe('isNotCompany', () => {
  it('is true only for the placeholders', () => {
    expect(isNotCompany(' ( unknown ) ')).toBe(true);
    expect(isNotCompany('Unknown Worlds Entertainment')).toBe(false);
    expect(isNotCompany('Independent Software Inc.')).toBe(false);
  });
});
