import { csvParseRows } from 'd3';
import { describe, expect, it } from 'vitest';
import { CSV_EOL, csvCell, csvHeader, csvRow, guardFormula, quoteField } from '../../src/export/csvCell.js';

describe('csvCell', () => {
  it('leaves plain text unquoted', () => {
    expect(csvCell('model merging')).toBe('model merging');
  });

  it('quotes a field containing a comma', () => {
    expect(csvCell('retrieval, generation')).toBe('"retrieval, generation"');
  });

  it('quotes a field containing double quotes and doubles them', () => {
    expect(csvCell('the "soup" recipe')).toBe('"the ""soup"" recipe"');
  });

  it('quotes fields containing LF, CR or CRLF', () => {
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('a\rb')).toBe('"a\rb"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
  });

  it.each(['=SUM(A1)', '+1', '-2', '@x', '\tcmd', '\rcmd'])(
    'prefixes a quote to formula-like text %j',
    (text) => {
      const [[parsed]] = csvParseRows(csvCell(text));
      expect(parsed).toBe(`'${text}`);
    },
  );

  it('guards before quoting, so a guarded formula with a comma is still one field', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it('does not guard text that merely contains a trigger character later on', () => {
    expect(csvCell('A=B')).toBe('A=B');
    expect(csvCell('state-of-the-art')).toBe('state-of-the-art');
  });

  it.each([
    ['a;=cmd()', "a;'=cmd()"],
    ['x;+1', "x;'+1"],
    ['terms; -2; @user', "terms; '-2; '@user"],
    ['a;\t=cmd()', "a;\t'=cmd()"],
    ['title\n=cmd()', "title\n'=cmd()"],
    ['title\t@x', "title\t'@x"],
  ])('guards a part after ";", a tab or a line break that a semicolon-locale or TSV import would open as a formula: %j', (text, guarded) => {
    const [[parsed]] = csvParseRows(csvCell(text));
    expect(parsed).toBe(guarded);
    const semicolonCells = parsed.split(/[;\t\r\n]/).map((part) => part.trimStart());
    for (const part of semicolonCells) expect(part).not.toMatch(/^[=+\-@]/);
  });

  it('leaves semicolon-separated text that starts no formula as it is', () => {
    expect(csvCell('Bayesian optimization; surrogate models; state-of-the-art')).toBe('Bayesian optimization; surrogate models; state-of-the-art');
    expect(csvCell('cs.LG;cs.CL')).toBe('cs.LG;cs.CL');
  });

  it('guards a formula at the start and in a later part of the same text', () => {
    expect(guardFormula('=a;=b')).toBe("'=a;'=b");
  });

  it('removes control characters and bidi overrides from text that never passed ingest (labels pinned in a nightly config)', () => {
    expect(csvCell('Pinned\u001b[31m label\u0000\u202e')).toBe('Pinned[31m label');
    expect(csvCell('tab\tand\nbreak')).toBe('"tab\tand\nbreak"');
  });

  it('writes numbers as numbers, negative ones included, without the formula guard', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-0.1234567, 6)).toBe('-0.123457');
    expect(csvCell(0.5, 6)).toBe('0.500000');
  });

  it('does not write a negative zero when a tiny negative rounds away', () => {
    expect(csvCell(-0.0000004, 6)).toBe('0.000000');
    expect(csvCell(-0.4, 0)).toBe('0');
    expect(csvCell(-0.0000006, 6)).toBe('-0.000001');
  });

  it('writes an empty field for missing values and non-finite numbers', () => {
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN, 6)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('keeps an empty string empty', () => {
    expect(csvCell('')).toBe('');
  });
});

describe('guardFormula and quoteField', () => {
  it('guardFormula only touches the first character', () => {
    expect(guardFormula('@home')).toBe("'@home");
    expect(guardFormula('home@')).toBe('home@');
  });

  it('quoteField leaves a field alone when nothing requires quoting', () => {
    expect(quoteField("'=1")).toBe("'=1");
  });
});

describe('csvRow and csvHeader', () => {
  it('joins encoded cells with commas and ends the record with CRLF', () => {
    expect(CSV_EOL).toBe('\r\n');
    expect(csvRow(['a', '"b,c"', '3'])).toBe('a,"b,c",3\r\n');
  });

  it('encodes header names like any other text', () => {
    expect(csvHeader(['id', 'title'])).toBe('id,title\r\n');
  });

  it('round-trips hostile values through a standard CSV parser', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'line1\nline2', 'cr\r\nlf', '=SUM(A1)', '+1', '-2', '@x'];
    const text = csvRow(values.map((v) => csvCell(v))) + csvRow([csvCell(-2), csvCell(3.14159, 2)]);
    const rows = csvParseRows(text);
    expect(rows).toEqual([
      ['plain', 'a,b', 'say "hi"', 'line1\nline2', 'cr\r\nlf', "'=SUM(A1)", "'+1", "'-2", "'@x"],
      ['-2', '3.14'],
    ]);
  });
});
