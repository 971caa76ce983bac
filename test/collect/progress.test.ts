import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgress, renderBar } from '../../src/collect/progress.js';
import { collect } from '../../src/collect/run.js';
import { loadConfig } from '../../src/config/load.js';
import { silentLog } from '../../src/log.js';
import { TestRepo, tempDir, writeConfig } from '../helpers/git.js';

/** The screen's text without the escapes that move the cursor up and clear (a redraw). */
const withoutRedraws = (screen: string): string => screen.replaceAll('\x1b[J', '').replace(new RegExp(String.raw`\x1b\[\d+A`, 'g'), '');

describe('renderBar', () => {
  it('fills in proportion and caps at 100%', () => {
    expect(renderBar(0, 10, 10)).toBe('[----------]   0%');
    expect(renderBar(5, 10, 10)).toBe('[#####-----]  50%');
    expect(renderBar(12, 10, 10)).toBe('[##########] 100%');
    expect(renderBar(0, 0, 4)).toBe('[####] 100%');
  });
});

describe('createProgress', () => {
  it('prints one plain line per repository when not on a terminal', () => {
    const lines: string[] = [];
    const progress = createProgress({ info: (l) => lines.push(l), warn: () => {}, tty: false });
    progress.begin('a', 10);
    progress.advance('a', 10);
    progress.end('a', 'a: 10 new commits');
    progress.stop();
    expect(lines).toEqual(['a: 10 new commits']);
  });

  it('draws bars on a terminal and leaves the final lines', () => {
    let screen = '';
    const stream = { columns: 80, write: (s: string) => ((screen += s), true) } as unknown as NodeJS.WriteStream;
    const progress = createProgress({ info: () => {}, warn: () => {}, tty: true }, stream);
    progress.begin('org/repo', 4);
    progress.advance('org/repo', 2);
    progress.begin('other', 1);
    progress.end('other', 'other: 1 new commit');
    expect(screen).toContain('other: 1 new commit\n');
    expect(screen).toMatch(/org\/repo +\[#{10}-{10}\] {2}50% 2\/4\n/);
    expect(withoutRedraws(screen).split('\n').every((line) => line.length < 80)).toBe(true);
    progress.begin('org/repo issues', 9);
    progress.done('org/repo issues');
    progress.end('org/repo', 'org/repo: 4 new commits');
    progress.stop();
    expect(screen.endsWith('org/repo: 4 new commits\n')).toBe(true);
  });

  it('says what a repository is doing before its first commits are read', () => {
    let screen = '';
    const stream = { columns: 80, write: (s: string) => ((screen += s), true) } as unknown as NodeJS.WriteStream;
    const progress = createProgress({ info: () => {}, warn: () => {}, tty: true }, stream);
    progress.phase('kubernetes/kubernetes', 'listing history');
    expect(screen).toMatch(/kubernetes\/kubernetes +listing history…\n$/);
    progress.begin('kubernetes/kubernetes', 5971, 'reading commits');
    progress.phase('kubernetes/kubernetes', 'storing');
    expect(screen).toMatch(/kubernetes\/kubernetes +storing…\n$/);
    progress.stop();
  });
});

describe('a collect on a terminal', () => {
  it('shows each repository\'s phase: cloning, listing history, reading commits, storing', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const repo = await TestRepo.create(path.join(dir, 'upstream'));
      await repo.commit({ message: 'one' });
      const file = await writeConfig(path.join(dir, 'work'), `projects:\n  - name: P\n    repos:\n      - git: file://${repo.dir}\n        name: remote\n`);
      let screen = '';
      const stderr = { columns: 100, write: (s: string) => ((screen += s), true) };
      await collect(await loadConfig(file, silentLog), { projects: [], wait: 0, log: { ...silentLog, tty: true }, stderr });
      const lines = withoutRedraws(screen);
      const phases = [...lines.matchAll(/^remote +([a-z ]+)(?:…| \[)/gm)].map((m) => m[1]);
      expect(phases.filter((p, i) => p !== phases[i - 1])).toEqual(['cloning', 'listing history', 'reading commits', 'storing']);
    } finally {
      await cleanup();
    }
  });
});
