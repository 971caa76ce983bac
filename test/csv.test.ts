import { describe, expect, it } from 'vitest';
import { formatCsv } from '../src/csv.js';

describe('formatCsv', () => {
  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    expect(formatCsv([['a,b', 'say "hi"', 'two\nlines', 'cr\rhere', 'plain']], '\n')).toBe('"a,b","say ""hi""","two\nlines","cr\rhere",plain\n');
  });

  it('ends every record, the header included, with the line end asked for', () => {
    expect(formatCsv([['h'], ['x'], ['y']], '\r\n')).toBe('h\r\nx\r\ny\r\n');
    expect(formatCsv([['h']], '\n')).toBe('h\n');
  });

  it('writes null as an empty field, booleans as true and false', () => {
    expect(formatCsv([[null, 'x', null, true, false]], '\n')).toBe(',x,,true,false\n');
  });

  it('keeps text a spreadsheet would run as a formula from running', () => {
    const hostile = ['=HYPERLINK("http://x","y")', '+1+2', '-1+2', '@SUM(A1)', '\t=1', '\r=1'];
    expect(formatCsv([hostile], '\n')).toBe('"\'=HYPERLINK(""http://x"",""y"")",\'+1+2,\'-1+2,\'@SUM(A1),\'\t=1,"\'\r=1"\n');
    // Only at the start: inside the text these characters are harmless.
    expect(formatCsv([['a=b', 'x-y', 'me@example.org']], '\n')).toBe('a=b,x-y,me@example.org\n');
  });

  it('leaves numbers as numbers, negative ones included', () => {
    expect(formatCsv([[-2, -0.5, 0, 1e21, 3.25]], '\n')).toBe('-2,-0.5,0,1e+21,3.25\n');
  });
});
