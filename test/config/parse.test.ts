import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseConfig } from '../../src/config/parse.js';
import { parseGitLocation } from '../../src/config/repo.js';

const FILE = '/srv/cd/cdstats.yaml';

describe('parseConfig', () => {
  it('normalises a multi-project config', () => {
    const { config, errors, warnings } = parseConfig(
      `title: CD Foundation
database: db/cd.duckdb
projects:
  - name: Tekton
    repos:
      - github: tektoncd/pipeline
      - github: tektoncd/cli
        clone: /srv/mirrors/cli.git
  - name: Other
    repos:
      - git: https://gitlab.com/group/repo.git
        branch: develop
      - git: ../work/some-repo
`,
      FILE,
    );
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(config.title).toBe('CD Foundation');
    expect(config.database).toBe('/srv/cd/db/cd.duckdb');
    expect(config.mirrors).toBe('/srv/cd/db/mirrors');
    expect(config.projects.map((p) => p.name)).toEqual(['Tekton', 'Other']);
    const repos = config.projects.flatMap((p) => p.repos).map(({ name, kind, url, local, branch }) => ({ name, kind, url, local, branch }));
    expect(repos).toEqual([
      { name: 'tektoncd/pipeline', kind: 'github', url: 'https://github.com/tektoncd/pipeline.git', local: false, branch: undefined },
      { name: 'tektoncd/cli', kind: 'github', url: '/srv/mirrors/cli.git', local: true, branch: undefined },
      { name: 'gitlab.com/group/repo', kind: 'git', url: 'https://gitlab.com/group/repo.git', local: false, branch: 'develop' },
      { name: 'some-repo', kind: 'git', url: '/srv/work/some-repo', local: true, branch: undefined },
    ]);
  });

  it('refuses transports that run commands or read file descriptors (ext::, fd::, other helpers)', () => {
    const { errors } = parseConfig(
      `title: x
projects:
  - name: A
    repos:
      - git: fd::17
      - git: ext::sh -c touch% /tmp/pwned
      - github: a/b
        clone: ext::sh -c true
      - git: gopher://example.org/repo.git
      - git: https://example.org/ok1.git
      - git: ssh://git@example.org/ok2.git
      - git: git@example.org:ok3.git
      - git: git://example.org/ok4.git
      - git: file:///srv/ok5.git
      - git: ../ok
`,
      FILE,
    );
    expect(errors.map(formatProblem)).toEqual([
      '/srv/cd/cdstats.yaml:5: "fd::17" uses the git transport "fd", which cdstats does not allow (https, http, ssh, git, file or a local path)',
      '/srv/cd/cdstats.yaml:6: "ext::sh -c touch% /tmp/pwned" uses the git transport "ext", which cdstats does not allow (https, http, ssh, git, file or a local path)',
      '/srv/cd/cdstats.yaml:8: "ext::sh -c true" uses the git transport "ext", which cdstats does not allow (https, http, ssh, git, file or a local path)',
      '/srv/cd/cdstats.yaml:9: "gopher://example.org/repo.git" uses the git transport "gopher", which cdstats does not allow (https, http, ssh, git, file or a local path)',
    ]);
  });

  it('reports every problem at once with its line', () => {
    const { errors, warnings } = parseConfig(
      `title: x
colour: blue
projects:
  - name: A
    repos:
      - github: not a name
      - git: ../a
        github: a/b
      - just-a-string
  - name: A
    repos: []
  - repos:
      - git: ../b
      - git: ../c/b
`,
      'cdstats.yaml',
    );
    expect(errors.map(formatProblem)).toEqual([
      'cdstats.yaml:2: unknown key `colour` in the top level (known: title, database, mirrors, reports, github, git, identity, bots, projects, groups)',
      'cdstats.yaml:6: "not a name" is not a GitHub repository name of the form owner/name (or owner/* for all of them)',
      'cdstats.yaml:7: a repository needs exactly one of `github: owner/name` or `git: URL-or-path`',
      'cdstats.yaml:9: a repository must be a mapping such as `- github: just-a-string` or `- git: just-a-string`',
      'cdstats.yaml:10: project "A" is already defined at line 4',
      'cdstats.yaml:11: project "A" needs a non-empty `repos` list',
      'cdstats.yaml:12: `name` is required',
      'cdstats.yaml:14: repository name "b" is already used at line 13; give one of them a distinct `name:`',
    ]);
    expect(warnings).toEqual([]);
  });

  it('rejects an unknown key at any depth, naming the one probably meant', () => {
    const { errors, warnings } = parseConfig(
      `titel: x
projects:
  - name: A
    repos:
      - git: ../a
        branh: main
github:
  tokenenv: T
identity:
  people:
    - emails: [a@b.example]
      affiliation: [Initech]
`,
      'cdstats.yaml',
    );
    expect(errors.map(formatProblem)).toEqual([
      'cdstats.yaml:1: unknown key `titel` in the top level: did you mean `title`? (known: title, database, mirrors, reports, github, git, identity, bots, projects, groups)',
      'cdstats.yaml:8: unknown key `tokenenv` in `github`: did you mean `tokenEnv`? (known: tokenEnv, graphqlUrl, concurrency, timeoutSeconds, repoDeadlineMinutes, profileRefreshDays, profilesPerRun)',
      'cdstats.yaml:12: unknown key `affiliation` in a person: did you mean `affiliations`? (known: name, emails, logins, affiliations)',
      'cdstats.yaml:6: unknown key `branh` in a repository: did you mean `branch`? (known: github, git, clone, branch, name, exclude, group)',
    ]);
    expect(warnings).toEqual([]);
  });

  it('reports YAML syntax errors with their line', () => {
    const { errors } = parseConfig('projects:\n  - name: [unclosed\n', 'c.yaml');
    expect(errors[0]?.origin.line).toBeGreaterThanOrEqual(2);
  });

  it('requires projects', () => {
    expect(parseConfig('title: only\n', 'c.yaml').errors.map(formatProblem)).toEqual([
      'c.yaml:1: `projects` must be a non-empty list of `- name: … repos: […]`',
    ]);
  });

  it('names git: folders called repo by their parent, and still refuses a real clash', () => {
    const { config, errors } = parseConfig('projects:\n  - name: A\n    repos:\n      - git: /m/helm+helm/repo\n      - git: /m/helm+charts/repo\n      - git: /n/helm+helm/repo\n', 'c.yaml');
    expect(config.projects[0]?.repos.map((r) => r.name)).toEqual(['helm+helm', 'helm+charts', 'helm+helm']);
    expect(errors.map(formatProblem)).toEqual(['c.yaml:6: repository name "helm+helm" is already used at line 4; give one of them a distinct `name:`']);
  });

  it('says which git: or clone: value is not a URL, at its line', () => {
    const { errors } = parseConfig(
      'projects:\n  - name: A\n    repos:\n      - git: "http://[::1/x.git"\n      - github: a/b\n        clone: "https://user:secret@exa mple.org/x.git"\n      - git: https://example.org/ok.git\n',
      'c.yaml',
    );
    expect(errors.map(formatProblem)).toEqual([
      'c.yaml:4: `git:` "http://[::1/x.git" is not a valid URL',
      'c.yaml:6: `clone:` "https://***@exa mple.org/x.git" is not a valid URL',
    ]);
  });

  it('rejects a repository listed in two projects', () => {
    const { errors } = parseConfig('projects:\n  - name: A\n    repos:\n      - github: a/b\n  - name: B\n    repos:\n      - github: a/b\n        name: other\n', 'c.yaml');
    expect(errors.map(formatProblem)).toEqual(['c.yaml:7: repository https://github.com/a/b.git is already listed at line 4; a repository belongs to one project']);
  });
});

describe('identity.gitdm', () => {
  const parse = (gitdm: string) => parseConfig(`projects:\n  - name: A\n    repos:\n      - git: ../a\nidentity:\n  gitdm:\n${gitdm}`, FILE);

  it('takes files, repositories by URL, path or GitHub name, and options', () => {
    const { config, errors } = parse(`    - people/developers_affiliations.txt
    - people/email-map
    - https://github.com/cncf/gitdm.git
    - ../gitdm
    - github: cncf/gitdm
      branch: master
      affiliations: ["developers_affiliations*.txt", "extra/*.txt"]
      emailMap: false
      companyNames: src/company-names-mapping
    - file: people/map.txt
      format: email-map
`);
    expect(errors).toEqual([]);
    const sources = config.identity.gitdm.map((s) => (s.kind === 'file' ? { file: s.path, format: s.format, line: s.origin.line } : { url: s.repo.url, local: s.repo.local, gitDir: s.gitDir.replace(/-[0-9a-f]{12}\.git$/, '-HASH.git'), branch: s.repo.branch, affiliations: s.affiliations, emailMap: s.emailMap, companyNames: s.companyNames, line: s.origin.line }));
    expect(sources).toEqual([
      { file: '/srv/cd/people/developers_affiliations.txt', format: undefined, line: 7 },
      { file: '/srv/cd/people/email-map', format: undefined, line: 8 },
      { url: 'https://github.com/cncf/gitdm.git', local: false, gitDir: '/srv/cd/data/mirrors/gitdm-github.com_cncf_gitdm-HASH.git', branch: undefined, affiliations: ['developers_affiliations*.txt'], emailMap: 'src/cncf-config/email-map', companyNames: null, line: 9 },
      // A local path is a file until it is found to be a folder (then a repository read in place).
      { file: '/srv/gitdm', format: undefined, line: 10 },
      { url: 'https://github.com/cncf/gitdm.git', local: false, gitDir: '/srv/cd/data/mirrors/gitdm-github.com_cncf_gitdm-HASH.git', branch: 'master', affiliations: ['developers_affiliations*.txt', 'extra/*.txt'], emailMap: null, companyNames: 'src/company-names-mapping', line: 11 },
      { file: '/srv/cd/people/map.txt', format: 'email-map', line: 16 },
    ]);
  });

  it('reports what does not read, with its line', () => {
    const { errors } = parse(`    - ext::sh -c true
    - git: https://example.org/gitdm.git
      file: people.txt
    - file: people.txt
      branch: main
      format: csv
    - git: ./gitdm
      format: email-map
      emailMap: 3
      brnch: main
    - github: cncf/*
    - 42
`);
    expect(errors.map(formatProblem)).toEqual([
      '/srv/cd/cdstats.yaml:7: "ext::sh -c true" uses the git transport "ext", which cdstats does not allow (https, http, ssh, git, file or a local path)',
      '/srv/cd/cdstats.yaml:8: a gitdm source needs exactly one of `file: PATH`, `git: URL-or-path` or `github: owner/name`',
      '/srv/cd/cdstats.yaml:11: `branch:` applies to a repository (`git:` or `github:`), not to `file:`',
      '/srv/cd/cdstats.yaml:12: `format` must be one of affiliations, email-map, company-names',
      '/srv/cd/cdstats.yaml:16: unknown key `brnch` in a gitdm source: did you mean `branch`? (known: file, format, git, github, branch, affiliations, emailMap, companyNames)',
      '/srv/cd/cdstats.yaml:14: `format:` applies to `file:`; a repository has `affiliations:`, `emailMap:` and `companyNames:`',
      '/srv/cd/cdstats.yaml:15: `emailMap` is a path inside the repository (default src/cncf-config/email-map), or `false` to read none',
      '/srv/cd/cdstats.yaml:17: a gitdm source is one repository, not `owner/*`',
      '/srv/cd/cdstats.yaml:18: each `identity.gitdm` entry is a file path, a repository URL or path, or a mapping with `file:`, `git:` or `github:`',
    ]);
  });
});

describe('parseGitLocation', () => {
  it.each([
    ['https://gitlab.com/group/sub/repo.git', false, 'gitlab.com/group/sub/repo'],
    ['git@codeberg.org:owner/repo.git', false, 'codeberg.org/owner/repo'],
    ['file:///srv/git/repo.git', false, 'repo'],
    ['../mirror/repo.git', true, 'repo'],
    ['/abs/path/tool', true, 'tool'],
    // A folder named like every mirror's (`repo`, `repo.git`, `.git`) is named by its parent.
    ['/x/helm+helm/repo', true, 'helm+helm'],
    ['/x/helm+charts/repo.git', true, 'helm+charts'],
    ['/x/tool/.git', true, 'tool'],
    ['/x/tool/repo/.git', true, 'tool'],
    ['file:///x/helm+helm/repo', false, 'helm+helm'],
    ['/repo', true, 'repo'],
  ])('%s', (value, local, name) => {
    const location = parseGitLocation(value, '/base/dir');
    expect(location.local).toBe(local);
    expect(location.name).toBe(name);
    if (local) expect(location.url).toBe(path.resolve('/base/dir', value));
  });
});
