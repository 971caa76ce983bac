import { describe, expect, it } from 'vitest';
import { companyKey, parseProfileCompany, profileCompanies, profileFor, stripLegalForm, type StoredProfile } from '../../src/identity/profiles.js';

describe('parseProfileCompany', () => {
  // What people write in the company field of their GitHub profile, and what cdstats reads in it.
  it.each([
    ['@cloudbees', 'cloudbees', 'cloudbees'],
    ['  @CloudBees ', 'CloudBees', 'cloudbees'],
    ['CloudBees, Inc.', 'CloudBees', null],
    ['Red Hat, Inc.', 'Red Hat', null],
    ['Red Hat Inc', 'Red Hat', null],
    ['Google LLC', 'Google', null],
    ['Acme L.L.C.', 'Acme', null],
    ['Foo Co., Ltd.', 'Foo', null],
    ['Tata Consultancy Services Limited', 'Tata Consultancy Services', null],
    ['SUSE Software Solutions Germany GmbH', 'SUSE Software Solutions Germany', null],
    ['Microsoft Corporation', 'Microsoft', null],
    ['Oracle Corp.', 'Oracle', null],
    ['Siemens AG', 'Siemens', null],
    ['Booz Allen & Co.', 'Booz Allen', null],
    ['AT&T', 'AT&T', null],
    ['"Netflix"', 'Netflix', null],
    ['IBM   Research', 'IBM Research', null],
    ['@redhat, @ibm', 'redhat', 'redhat'],
    ['@redhat @ibm', 'redhat', 'redhat'],
    ['@microsoft Research', 'microsoft Research', null],
    ['Google / Alphabet', 'Google', null],
    ['Acme | ex-Initech', 'Acme', null],
    ['Google (ex-Microsoft)', 'Google', null],
    ['CloudBees (@cloudbees)', 'CloudBees', null],
    ['https://www.cloudbees.com/', 'cloudbees.com', null],
    ['www.example.io', 'example.io', null],
    ['Booking.com', 'Booking.com', null],
    ['Zalando SE', 'Zalando', null],
    ['freelance, @acme', 'acme', 'acme'],
  ])('%j → %j', (raw, company, handle) => {
    expect(parseProfileCompany(raw)).toEqual({ company, handle });
  });

  it.each([null, undefined, '', '   ', '-', '--', 'none', 'None', 'N/A', 'n/a', 'NA', 'Freelance', 'freelancer', 'Independent', '(Independent)', 'self', 'Self-employed', 'self employed', 'Student', 'Unknown', '?', '@', '.', 'Private', 'Retired', 'Inc.', 'Inc., Ltd.'])(
    '%j names no company',
    (raw) => {
      expect(parseProfileCompany(raw)).toBeNull();
    },
  );

  it('strips legal forms repeatedly, never down to nothing', () => {
    expect(stripLegalForm('Acme Holdings Co., Ltd.')).toBe('Acme Holdings');
    expect(stripLegalForm('Ltd.')).toBe('Ltd');
    expect(stripLegalForm('Open Source')).toBe('Open Source');
  });

  it('keys spellings of one company together', () => {
    expect(companyKey('Red Hat')).toBe(companyKey('redhat'));
    expect(companyKey('Telefónica')).toBe(companyKey('telefonica'));
    expect(companyKey('VMware')).not.toBe(companyKey('VMware Tanzu'));
  });
});

describe('profileCompanies', () => {
  const at = '2025-03-01T00:00:00Z';
  const user = (login: string, companyRaw: string | null, readAt = at): StoredProfile => ({ login, kind: 'User', name: null, companyRaw, readAt });
  const org = (login: string, name: string | null): StoredProfile => ({ login, kind: 'Organization', name, companyRaw: null, readAt: at });

  it('uses an organisation display name, known spellings, aliases, the domain map and the commonest spelling', () => {
    const profiles = [
      user('ada', '@cloudbees'),
      org('cloudbees', 'CloudBees, Inc.'),
      user('bob', '@redhat'),
      user('cy', 'heptio'),
      user('di', 'https://www.initech.example/'),
      user('ed', 'globex'),
      user('fay', 'Globex'),
      user('gus', 'Globex'),
      user('hal2', 'GLOBEX'),
      user('hal', 'globex'),
      user('ivy', 'Freelance'),
      user('jo', 'pivotal software, inc.'),
      org('empty', null),
      user('kim', '@empty'),
    ];
    const companies = profileCompanies(profiles, ['Red Hat', null], new Map([['Heptio', 'VMware'], ['Pivotal Software', 'VMware']]), new Map([['initech.example', 'Initech']]));
    expect(Object.fromEntries([...companies].map(([login, a]) => [login, a.company]))).toEqual({
      ada: 'CloudBees',
      bob: 'Red Hat',
      cy: 'VMware',
      di: 'Initech',
      ed: 'Globex',
      fay: 'Globex',
      gus: 'Globex',
      hal: 'Globex',
      hal2: 'Globex',
      jo: 'VMware',
      kim: 'empty',
    });
  });

  it('takes the commonest capitalised spelling, ties alphabetically, and an alias to Independent is no company', () => {
    const companies = profileCompanies([user('a', 'globex'), user('b', 'Globex'), user('c', 'Globex'), user('d', 'GloBex'), user('e', 'solo')], [], new Map([['solo', 'Independent']]), new Map());
    expect([...companies.values()].map((a) => a.company)).toEqual(['Globex', 'Globex', 'Globex', 'Globex']);
    expect(companies.has('e')).toBe(false);
  });

  it('gives a person the profile read last among their logins', () => {
    const companies = profileCompanies([user('old', 'Initech', '2024-01-01T00:00:00Z'), user('new', 'Globex', '2025-01-01T00:00:00Z')], [], new Map(), new Map());
    expect(profileFor(['old', 'new'], companies)).toEqual({ company: 'Globex', readAt: '2025-01-01T00:00:00Z' });
    expect(profileFor(['nobody'], companies)).toBeUndefined();
  });
});
