import { describe, expect, it } from 'vitest';
import { repoGroupOf } from '../../src/config/groups.js';
import { formatProblem, parseConfig } from '../../src/config/parse.js';

const FILE = 'cd/cdstats.yaml';

/** Three projects of two repositories or an owner each, then what the test adds. */
function config(extra: string, projectExtra = ''): string {
  return `title: CD Foundation
projects:
  - name: Jenkins
    repos:
      - github: jenkinsci/jenkins
      - github: jenkinsci/remoting
${projectExtra}
  - name: Tekton
    repos:
      - github: tektoncd/pipeline
      - github: tektoncd/cli
  - name: Helm
    repos:
      - github: helm/helm
${extra}`;
}

const problems = (text: string) => parseConfig(text, FILE, '/').errors.map(formatProblem);

describe('groups', () => {
  it('reads groups of projects, a project in several, in the order written', () => {
    const { config: c, errors } = parseConfig(config('groups:\n  CD Foundation: [Jenkins, Tekton]\n  CNCF graduated:\n    - Helm\n  Everything CI: [Tekton, Jenkins, Helm]\n'), FILE, '/');
    expect(errors).toEqual([]);
    expect(c.groups.map(({ name, projects }) => ({ name, projects }))).toEqual([
      { name: 'CD Foundation', projects: ['Jenkins', 'Tekton'] },
      { name: 'CNCF graduated', projects: ['Helm'] },
      { name: 'Everything CI', projects: ['Tekton', 'Jenkins', 'Helm'] },
    ]);
    expect(c.groups[1]?.origin).toEqual({ file: FILE, line: 17 });
  });

  it('names an unknown project by file:line with the one meant, and the projects there are', () => {
    expect(problems(config('groups:\n  CD Foundation:\n    - Jenkins\n    - Tekon\n    - Spinnaker\n'))).toEqual([
      'cd/cdstats.yaml:18: unknown project "Tekon" in group "CD Foundation": did you mean `Tekton`? (projects: Jenkins, Tekton, Helm)',
      'cd/cdstats.yaml:19: unknown project "Spinnaker" in group "CD Foundation" (projects: Jenkins, Tekton, Helm)',
    ]);
  });

  it('refuses a group named like a project or `all`, an empty group, a project listed twice, and groups that are not a mapping', () => {
    expect(problems(config('groups:\n  Helm: [Helm]\n  All: [Jenkins]\n  Empty: []\n  Twice: [Helm, Helm]\n'))).toEqual([
      'cd/cdstats.yaml:16: group "Helm" has the name of the project defined at line 12; a group needs a name of its own, as figures of both are shown side by side',
      'cd/cdstats.yaml:17: group name "All" is reserved: `--group all` is every project of the config',
      'cd/cdstats.yaml:18: group "Empty" must be a non-empty list of project names, such as `[Jenkins, Tekton]`',
      'cd/cdstats.yaml:19: project "Helm" is listed twice in group "Twice"',
    ]);
    expect(problems(config('groups: [Helm]\n'))).toEqual(['cd/cdstats.yaml:15: `groups` must be a mapping of group name to project names, such as `CD Foundation: [Jenkins, Tekton]`']);
  });

  it('refuses a project named all, which --project all and --group all stand for', () => {
    expect(problems('projects:\n  - name: ALL\n    repos: [{ github: a/b }]\n')).toEqual(['cd/cdstats.yaml:2: project name "ALL" is reserved: `--project all` and `--group all` mean every project']);
  });

  it('a misspelt key near groups is an unknown key with the one meant', () => {
    expect(problems(config('group:\n  X: [Helm]\n'))[0]).toBe(
      'cd/cdstats.yaml:15: unknown key `group` in the top level: did you mean `groups`? (known: title, database, mirrors, reports, github, git, identity, bots, projects, groups)',
    );
  });
});

describe('maturity and joined', () => {
  it('keeps known maturities lower-cased, free text as written, and a calendar day', () => {
    const { config: c, errors, warnings } = parseConfig(
      'projects:\n  - name: A\n    maturity: Graduated\n    joined: 2019-03-12\n    repos: [{ github: a/a }]\n  - name: B\n    maturity: Emeritus project\n    repos: [{ github: b/b }]\n  - name: C\n    repos: [{ github: c/c }]\n',
      FILE,
      '/',
    );
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(c.projects.map(({ name, maturity, joined }) => ({ name, maturity, joined }))).toEqual([
      { name: 'A', maturity: 'graduated', joined: '2019-03-12' },
      { name: 'B', maturity: 'Emeritus project', joined: undefined },
      { name: 'C', maturity: undefined, joined: undefined },
    ]);
  });

  it('warns of free text one typo from a known maturity', () => {
    const { errors, warnings } = parseConfig('projects:\n  - name: A\n    maturity: incubatng\n    repos: [{ github: a/a }]\n', FILE, '/');
    expect(errors).toEqual([]);
    expect(warnings.map(formatProblem)).toEqual(['cd/cdstats.yaml:3: maturity "incubatng" is kept as free text: did you mean `incubating`? (known: sandbox, incubating, graduated)']);
  });

  it('refuses a joined that is not a real day written YYYY-MM-DD', () => {
    const project = (joined: string) => `projects:\n  - name: A\n    joined: ${joined}\n    repos: [{ github: a/a }]\n`;
    expect(problems(project('2023-02-29'))).toEqual(['cd/cdstats.yaml:3: `joined` must be a day written YYYY-MM-DD, such as 2019-03-12 (not "2023-02-29")']);
    expect(problems(project('2019-3-12'))).toEqual(['cd/cdstats.yaml:3: `joined` must be a day written YYYY-MM-DD, such as 2019-03-12 (not "2019-3-12")']);
    expect(problems(project('2019-03-12T00:00:00Z'))).toHaveLength(1);
    expect(problems(project('2019'))).toEqual(['cd/cdstats.yaml:3: `joined` must be a day written YYYY-MM-DD, such as 2019-03-12']);
    expect(problems(project('"2024-02-29"'))).toEqual([]);
  });
});

describe('repository groups', () => {
  it('reads repoGroups and group: on repositories; each repository gets one group', () => {
    const text = `projects:
  - name: Jenkins
    repos:
      - github: jenkinsci/jenkins
      - github: jenkinsci/remoting
      - github: jenkinsci/git-plugin
        group: plugins
      - github: jenkinsci/docs
    repoGroups:
      core: [jenkinsci/jenkins, jenkinsci/remoting]
      plugins: ["jenkinsci/*-plugin"]
`;
    const { config: c, errors } = parseConfig(text, FILE, '/');
    expect(errors).toEqual([]);
    const [jenkins] = c.projects;
    if (jenkins === undefined) throw new Error('no project');
    expect(jenkins.repoGroups.map(({ name, repos }) => ({ name, repos }))).toEqual([
      { name: 'core', repos: ['jenkinsci/jenkins', 'jenkinsci/remoting'] },
      { name: 'plugins', repos: ['jenkinsci/*-plugin'] },
    ]);
    expect(['jenkinsci/jenkins', 'jenkinsci/remoting', 'jenkinsci/git-plugin', 'jenkinsci/docs', 'jenkinsci/ldap-plugin'].map((r) => repoGroupOf(jenkins, r))).toEqual([
      'core',
      'core',
      'plugins',
      undefined,
      'plugins',
    ]);
  });

  it('gives an owner entry`s group: to every repository of that owner the collect lists', () => {
    const { config: c, errors } = parseConfig('projects:\n  - name: X\n    repos:\n      - github: jenkins-x/*\n        group: main\n      - github: other/tool\n', FILE, '/');
    expect(errors).toEqual([]);
    const [x] = c.projects;
    if (x === undefined) throw new Error('no project');
    expect([repoGroupOf(x, 'jenkins-x/jx'), repoGroupOf(x, 'other/tool')]).toEqual(['main', undefined]);
  });

  it('names unknown repositories (with the one meant, or the project they are in), a pattern matching nothing and a repository in two groups', () => {
    expect(
      problems(
        config(
          '',
          `    repoGroups:
      core: [jenkinsci/jenkns, tektoncd/cli, nowhere]
      plugins: ["jenkinsci/*-plugin"]
      remote: [jenkinsci/remoting]
      again: [jenkinsci/remoting]
      empty:
`,
        ),
      ),
    ).toEqual([
      'cd/cdstats.yaml:8: unknown repository "jenkinsci/jenkns" in repository group "core" of project "Jenkins": did you mean `jenkinsci/jenkins`? (its repositories: jenkinsci/jenkins, jenkinsci/remoting)',
      'cd/cdstats.yaml:8: unknown repository "tektoncd/cli" in repository group "core" of project "Jenkins" (it is a repository of project "Tekton") (its repositories: jenkinsci/jenkins, jenkinsci/remoting)',
      'cd/cdstats.yaml:8: unknown repository "nowhere" in repository group "core" of project "Jenkins" (its repositories: jenkinsci/jenkins, jenkinsci/remoting)',
      'cd/cdstats.yaml:9: pattern "jenkinsci/*-plugin" of repository group "plugins" matches none of the repositories of project "Jenkins" (jenkinsci/jenkins, jenkinsci/remoting)',
      'cd/cdstats.yaml:11: repository "jenkinsci/remoting" is already in repository group "remote" (line 10); a repository belongs to one group',
      'cd/cdstats.yaml:12: repository group "empty" must be a non-empty list of repository names or patterns such as `- "jenkinsci/*-plugin"`',
    ]);
  });

  it('accepts names and patterns an owner/* entry of the project may list, and a misspelt key there is named', () => {
    const text = 'projects:\n  - name: X\n    repos:\n      - github: jenkins-x/*\n    repoGroups:\n      core: [jenkins-x/jx, "jenkins-x/jx-*"]\n    repoGroup: {}\n';
    expect(problems(text)).toEqual([
      'cd/cdstats.yaml:7: unknown key `repoGroup` in a project: did you mean `repoGroups`? (known: name, repos, maturity, joined, repoGroups)',
    ]);
  });
});
