import { describe, expect, it } from 'vitest';
import { DEFAULT_BOT_PATTERNS, isBot, isWebFlow, type BotRules } from '../../src/identity/bots.js';

const NONE: BotRules = { include: [], exclude: [] };

describe('DEFAULT_BOT_PATTERNS', () => {
  it("carries devstats' patterns, without duplicates, lower-cased, and without web-flow", () => {
    for (const pattern of ['k8s-*', '*-bot', '*-robot', 'bot-*', 'codecov-*', '*-ci*bot', 'dependabot', 'travis*bot', '*-testing']) {
      expect(DEFAULT_BOT_PATTERNS, pattern).toContain(pattern);
    }
    expect(DEFAULT_BOT_PATTERNS).not.toContain('web-flow');
    expect(new Set(DEFAULT_BOT_PATTERNS).size).toBe(DEFAULT_BOT_PATTERNS.length);
    expect(DEFAULT_BOT_PATTERNS.filter((p) => p !== p.toLowerCase())).toEqual([]);
  });
});

describe('isBot', () => {
  it('recognises the [bot] suffix on logins, names and noreply emails', () => {
    expect(isBot({ login: 'some-app[bot]' }, NONE)).toBe(true);
    expect(isBot({ name: 'Some-App[BOT]' }, NONE)).toBe(true);
    expect(isBot({ email: '49699333+someapp[bot]@users.noreply.github.com' }, NONE)).toBe(true);
    expect(isBot({ login: 'some-app' }, NONE)).toBe(false);
  });

  it('trusts GitHub typing an actor as Bot', () => {
    expect(isBot({ login: 'acme-helper', githubBot: true }, NONE)).toBe(true);
    expect(isBot({ login: 'acme-helper', githubBot: false }, NONE)).toBe(false);
  });

  it('matches the default patterns against logins, single-word names and email local parts', () => {
    for (const login of ['dependabot', 'renovate-bot', 'k8s-ci-robot', 'k8s-triage-robot', 'codecov-commenter', 'github-actions', 'mergify', 'Copilot', 'copilot-swe-agent', 'devin-ai-integration', 'istio-testing', 'jenkins-x', 'cncf-ci', 'pre-commit-ci']) {
      expect(isBot({ login }, NONE), login).toBe(true);
    }
    expect(isBot({ name: 'renovate-bot' }, NONE)).toBe(true);
    expect(isBot({ name: 'Jane', email: 'deploy-bot@acme.com' }, NONE)).toBe(true);
    expect(isBot({ name: 'Copilot', email: '198982749+Copilot@users.noreply.github.com' }, NONE)).toBe(true);
    expect(isBot({ name: 'GitHub Action', email: 'action@github.com' }, NONE)).toBe(true);
  });

  it('takes a full name ending in the word Bot for a bot, and no other full name', () => {
    expect(isBot({ name: 'Spinnaker Bot', email: '87720302+spinnakerbot2@users.noreply.github.com' }, NONE)).toBe(true);
    expect(isBot({ name: 'Jenkins X robot' }, NONE)).toBe(true);
    expect(isBot({ name: 'Volodymyr Sobotovych' }, NONE)).toBe(false);
    expect(isBot({ name: 'Abbot Costello' }, NONE)).toBe(false);
  });

  it('reads the login out of a GitHub noreply address', () => {
    expect(isBot({ email: '198982749+Copilot@users.noreply.github.com' }, NONE)).toBe(true);
    expect(isBot({ email: '12345+k8s-infra@users.noreply.github.com' }, NONE)).toBe(true);
    expect(isBot({ email: '12345+copilot@example.com' }, NONE)).toBe(false);
  });

  it('recognises AI coding agents by the email of their commits and trailers', () => {
    expect(isBot({ name: 'Claude Opus 4.6 (1M context)', email: 'noreply@anthropic.com' }, NONE)).toBe(true);
    expect(isBot({ name: 'Cursor Agent', email: 'cursoragent@cursor.com' }, NONE)).toBe(true);
    expect(isBot({ name: 'aider (openai/gpt-4o)', email: 'noreply@aider.chat' }, NONE)).toBe(true);
    expect(isBot({ name: 'Codex', email: 'noreply@openai.com' }, NONE)).toBe(true);
  });

  it('does not take ordinary people for bots', () => {
    for (const login of ['abbot', 'botanist', 'Talbot', 'robotham', 'cibotta', 'jenkins', 'claude']) {
      expect(isBot({ login }, NONE), login).toBe(false);
    }
    for (const name of ['Talbot', 'Abbot', 'Botanist', 'Jane Talbot', 'Marc Cibot', 'Sam Jenkins', 'Claude Monet', 'Ana K8s-Fan']) {
      expect(isBot({ name }, NONE), name).toBe(false);
    }
    expect(isBot({ name: 'Claude', email: 'claude@example.org' }, NONE)).toBe(false);
    expect(isBot({ name: 'Jane Talbot', email: 'talbot@abbot.org' }, NONE)).toBe(false);
    expect(isBot({}, NONE)).toBe(false);
  });

  it('adds include patterns, with * and ?', () => {
    const rules: BotRules = { include: ['*-automation-svc', 'ci-runner-?', '*@bots.acme.com'], exclude: [] };
    expect(isBot({ login: 'deploy-automation-svc' }, NONE)).toBe(false);
    expect(isBot({ login: 'deploy-automation-svc' }, rules)).toBe(true);
    expect(isBot({ login: 'ci-runner-7' }, rules)).toBe(true);
    expect(isBot({ login: 'ci-runner-17' }, rules)).toBe(false);
    expect(isBot({ name: 'Deployer', email: 'Deploy@Bots.Acme.com' }, rules)).toBe(true);
    expect(isBot({ name: 'Deployer', email: 'deploy@acme.com' }, rules)).toBe(false);
  });

  it('lets exclude patterns win over everything', () => {
    expect(isBot({ login: 'k8s-reviewer-human' }, NONE)).toBe(true);
    expect(isBot({ login: 'k8s-reviewer-human' }, { include: [], exclude: ['k8s-reviewer-human'] })).toBe(false);
    expect(isBot({ login: 'Copilot', githubBot: true }, { include: [], exclude: ['copilot*'] })).toBe(false);
    expect(isBot({ login: 'helper[bot]' }, { include: ['helper*'], exclude: ['helper?bot?'] })).toBe(false);
  });

  it('does not call the web-flow committer a bot', () => {
    expect(isBot({ name: 'GitHub', email: 'noreply@github.com' }, NONE)).toBe(false);
    expect(isBot({ login: 'web-flow' }, NONE)).toBe(false);
  });
});

describe('isWebFlow', () => {
  it("recognises GitHub's web committer on github.com and on GitHub Enterprise Server", () => {
    expect(isWebFlow('GitHub', 'noreply@github.com')).toBe(true);
    expect(isWebFlow(null, ' NoReply@GitHub.com ')).toBe(true);
    expect(isWebFlow('GitHub Enterprise', 'noreply@ghe.acme.com')).toBe(true);
    expect(isWebFlow('github', 'noreply@git.acme.com')).toBe(true);
  });

  it('never decides on the name alone', () => {
    expect(isWebFlow('GitHub', null)).toBe(false);
    expect(isWebFlow('GitHub', 'ops@acme.com')).toBe(false);
    expect(isWebFlow('Jane Doe', 'noreply@ghe.acme.com')).toBe(false);
    expect(isWebFlow('Jane Doe', 'jane@github.com')).toBe(false);
    expect(isWebFlow(null, null)).toBe(false);
  });
});
