import { describe, expect, it } from 'vitest';
import { createProgress, renderBar } from '../../src/collect/progress.js';

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
    progress.begin('org/repo issues', 9);
    progress.done('org/repo issues');
    progress.end('org/repo', 'org/repo: 4 new commits');
    progress.stop();
    expect(screen.endsWith('org/repo: 4 new commits\n')).toBe(true);
  });
});
