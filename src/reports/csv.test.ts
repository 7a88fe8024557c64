import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

describe('CSV writer', () => {
  it('quotes as RFC 4180 says and round-trips through a CSV parser', () => {
    const rows = [
      ['plain', 'with, comma', 'with "quotes"', 'two\r\nlines', 'one\nline feed'],
      [1, -2.5, true, null, undefined],
    ];
    const text = toCsv(['a', 'b', 'c', 'd', 'e'], rows);
    expect(text).toBe(
      'a,b,c,d,e\r\nplain,"with, comma","with ""quotes""","two\r\nlines","one\nline feed"\r\n1,-2.5,true,,\r\n',
    );
    const parsed = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' }).data;
    expect(parsed[1]).toEqual(rows[0]);
  });

  it('defuses text a spreadsheet would run as a formula, not numbers', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('G42 - Abu Dhabi')).toBe('G42 - Abu Dhabi');
  });
});
