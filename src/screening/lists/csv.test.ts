import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.js';
import { parseCsv } from './csv.js';

const fields = (text: string) => parseCsv(text, 'test.csv').map((record) => record.fields);

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    expect(fields('a,b,c\n"x, y","say ""hi""","two\nlines"\n')).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
    ]);
  });

  it('drops a byte-order mark, accepts CRLF and a missing final line break, skips blank lines', () => {
    expect(fields('\ufeffa,b\r\n1,2\r\n\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fields('a,,c,\n')).toEqual([['a', '', 'c', '']]);
  });

  it('records the line each record starts on, counting line breaks inside quotes', () => {
    const records = parseCsv('h\n"one\ntwo"\nthree\n', 'test.csv');
    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('names the file, line and column of a quote never closed', () => {
    const error = inputError(() => parseCsv('a,b\n1,"open\n2,3\n', 'list.csv'));
    expect(error.issues[0]).toMatchObject({ code: 'invalid_csv', path: ['list.csv'] });
    expect(error.message).toContain('line 2, column 3: quoted field is never closed');
  });

  it('names the place of text right after a closing quote', () => {
    const error = inputError(() => parseCsv('a,b\n"x"y,2\n', 'list.csv'));
    expect(error.message).toContain('line 2, column 4');
  });
});
