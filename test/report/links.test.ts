import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { configuredUrls } from '../../src/report/links.js';

describe('configuredUrls', () => {
  const { config, errors } = parseConfig(
    `projects:
  - name: A
    repos:
      - github: acme/tool
      - git: https://gitlab.example/group/lib.git
      - git: https://user:secret@gitlab.example/group/private.git
      - github: other-org/*
`,
    '/work/cdstats.yaml',
  );

  it('names the repositories of the config and those of its owners, nothing else', () => {
    expect(errors).toEqual([]);
    const linkable = configuredUrls(config);
    expect(['https://github.com/acme/tool.git', 'https://gitlab.example/group/lib.git', 'https://github.com/Other-Org/thing.git'].filter(linkable)).toHaveLength(3);
    for (const url of ['https://evil.example/login', 'https://github.com/acme/tool.git/../../evil', 'https://github.com/other-org/a/b.git', 'https://***@gitlab.example/group/private.git', 'https://github.com/acme/other.git']) {
      expect([url, linkable(url)]).toEqual([url, false]);
    }
  });
});
