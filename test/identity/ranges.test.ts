import { describe, expect, it } from 'vitest';
import type { AffiliationLine } from '../../src/identity/gitdm.js';
import { resolvePeriods } from '../../src/identity/ranges.js';

const FILE = 'dev.txt';

function aff(company: string | null, from: string | null, until: string | null, line: number): AffiliationLine {
  return { company, from, until, file: FILE, line };
}

describe('resolvePeriods', () => {
  it('reads a typical gitdm block as consecutive periods', () => {
    const lines = [aff('Acme', null, '2016-05-01', 2), aff('Globex', '2016-05-01', '2019-01-01', 3), aff('Initech', '2019-01-01', null, 4)];
    expect(resolvePeriods(lines, 'alice')).toEqual({
      periods: [
        { company: 'Acme', from: null, until: '2016-05-01', file: FILE, line: 2 },
        { company: 'Globex', from: '2016-05-01', until: '2019-01-01', file: FILE, line: 3 },
        { company: 'Initech', from: '2019-01-01', until: null, file: FILE, line: 4 },
      ],
      conflicts: [],
    });
  });

  it('chains until-only and dateless lines onto the previous until', () => {
    const lines = [aff('Acme', null, '2016-01-01', 2), aff('Globex', null, '2018-01-01', 3), aff(null, null, null, 4)];
    expect(resolvePeriods(lines, 'bob')).toEqual({
      periods: [
        { company: 'Acme', from: null, until: '2016-01-01', file: FILE, line: 2 },
        { company: 'Globex', from: '2016-01-01', until: '2018-01-01', file: FILE, line: 3 },
        { company: null, from: '2018-01-01', until: null, file: FILE, line: 4 },
      ],
      conflicts: [],
    });
  });

  it('lets the later line win an overlap and names both lines in one conflict', () => {
    const first = aff('Acme', '2015-01-01', '2018-01-01', 2);
    const second = aff('Globex', '2017-01-01', '2019-01-01', 3);
    expect(resolvePeriods([first, second], 'carol')).toEqual({
      periods: [
        { company: 'Acme', from: '2015-01-01', until: '2017-01-01', file: FILE, line: 2 },
        { company: 'Globex', from: '2017-01-01', until: '2019-01-01', file: FILE, line: 3 },
      ],
      conflicts: [
        {
          person: 'carol',
          first,
          second,
          message: 'carol: "Globex from 2017-01-01 until 2019-01-01" at dev.txt:3 overlaps "Acme from 2015-01-01 until 2018-01-01" at dev.txt:2 from 2017-01-01 until 2018-01-01; the later line wins those days',
        },
      ],
    });
  });

  it('splits an earlier line around a later one inside it', () => {
    const always = aff('Acme', null, null, 2);
    const stint = aff('Globex', '2016-01-01', '2017-01-01', 3);
    const { periods, conflicts } = resolvePeriods([always, stint], 'dave');
    expect(periods).toEqual([
      { company: 'Acme', from: null, until: '2016-01-01', file: FILE, line: 2 },
      { company: 'Globex', from: '2016-01-01', until: '2017-01-01', file: FILE, line: 3 },
      { company: 'Acme', from: '2017-01-01', until: null, file: FILE, line: 2 },
    ]);
    expect(conflicts.map((c) => [c.first.line, c.second.line])).toEqual([[2, 3]]);
  });

  it('gives one conflict per pair of lines, however many pieces the overlap falls into', () => {
    const lines = [aff('Acme', null, null, 2), aff('Globex', '2016-01-01', '2017-01-01', 3), aff('Initech', '2015-01-01', '2018-01-01', 4)];
    const { periods, conflicts } = resolvePeriods(lines, 'erin');
    expect(periods).toEqual([
      { company: 'Acme', from: null, until: '2015-01-01', file: FILE, line: 2 },
      { company: 'Initech', from: '2015-01-01', until: '2018-01-01', file: FILE, line: 4 },
      { company: 'Acme', from: '2018-01-01', until: null, file: FILE, line: 2 },
    ]);
    expect(conflicts.map((c) => [c.first.line, c.second.line])).toEqual([
      [2, 3],
      [2, 4],
      [3, 4],
    ]);
    expect(conflicts[1]?.message).toBe('erin: "Initech from 2015-01-01 until 2018-01-01" at dev.txt:4 overlaps "Acme" at dev.txt:2 from 2015-01-01 until 2018-01-01; the later line wins those days');
  });

  it('starts a line since ever when the previous until is not before its own (out of order)', () => {
    const lines = [aff('Acme', null, '2018-01-01', 2), aff('Globex', null, '2016-01-01', 3)];
    const { periods, conflicts } = resolvePeriods(lines, 'frank');
    expect(periods).toEqual([
      { company: 'Globex', from: null, until: '2016-01-01', file: FILE, line: 3 },
      { company: 'Acme', from: '2016-01-01', until: '2018-01-01', file: FILE, line: 2 },
    ]);
    expect(conflicts.map((c) => c.message)).toEqual(['frank: "Globex until 2016-01-01" at dev.txt:3 overlaps "Acme until 2018-01-01" at dev.txt:2 since ever until 2016-01-01; the later line wins those days']);
  });

  it('starts a until-only line since ever after a line that runs on', () => {
    const { periods, conflicts } = resolvePeriods([aff(null, null, null, 2), aff('Acme', null, '2016-01-01', 3)], 'gina');
    expect(periods).toEqual([
      { company: 'Acme', from: null, until: '2016-01-01', file: FILE, line: 3 },
      { company: null, from: '2016-01-01', until: null, file: FILE, line: 2 },
    ]);
    expect(conflicts).toHaveLength(1);
  });

  it('merges adjacent periods of the same company, keeping the earliest file:line', () => {
    const lines = [aff('Acme', null, '2016-01-01', 2), aff('Acme', '2016-01-01', '2018-01-01', 3), aff(null, null, '2019-01-01', 4), aff(null, '2019-01-01', null, 5)];
    expect(resolvePeriods(lines, 'hank').periods).toEqual([
      { company: 'Acme', from: null, until: '2018-01-01', file: FILE, line: 2 },
      { company: null, from: '2018-01-01', until: null, file: FILE, line: 4 },
    ]);
  });

  it('leaves gaps uncovered and does not merge across them', () => {
    const lines = [aff('Acme', null, '2016-01-01', 2), aff('Acme', '2017-01-01', null, 3)];
    expect(resolvePeriods(lines, 'ivy')).toEqual({
      periods: [
        { company: 'Acme', from: null, until: '2016-01-01', file: FILE, line: 2 },
        { company: 'Acme', from: '2017-01-01', until: null, file: FILE, line: 3 },
      ],
      conflicts: [],
    });
  });

  it('reports an overlap of two lines naming the same company, and merges the result', () => {
    const { periods, conflicts } = resolvePeriods([aff('Acme', '2015-01-01', null, 2), aff('Acme', '2016-01-01', '2017-01-01', 3)], 'jack');
    expect(periods).toEqual([{ company: 'Acme', from: '2015-01-01', until: null, file: FILE, line: 2 }]);
    expect(conflicts.map((c) => c.message)).toEqual([
      'jack: "Acme from 2016-01-01 until 2017-01-01" at dev.txt:3 overlaps "Acme from 2015-01-01" at dev.txt:2 from 2016-01-01 until 2017-01-01 (both name the same company); the later line wins those days',
    ]);
  });

  it('returns nothing for no lines', () => {
    expect(resolvePeriods([], 'kim')).toEqual({ periods: [], conflicts: [] });
  });
});
