import { InputError } from '../../domain/errors.js';

/** One CSV record and the line (1-based) where it starts, for error messages. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

/**
 * RFC 4180: fields separated by commas, records by CRLF or LF; a field in double quotes may
 * hold commas, line breaks and doubled quotes. A leading byte-order mark is dropped and a
 * final line break is optional. Blank lines are skipped. A quote opened and never closed, or
 * text right after a closing quote, is an input error naming the file, line and column.
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  let fields: string[] = [];
  let recordLine = line;
  let field = '';
  const n = text.length;
  const fail = (at: number, message: string): never => {
    throw InputError.single('invalid_csv', [file], `line ${line}, column ${at - lineStart + 1}: ${message}`);
  };
  const endRecord = () => {
    fields.push(field);
    field = '';
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      const openedLine = line;
      const openedColumn = i - lineStart + 1;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === '\n') {
          line++;
          lineStart = i + 1;
        }
        field += c;
        i++;
      }
      if (!closed) {
        throw InputError.single(
          'invalid_csv',
          [file],
          `line ${openedLine}, column ${openedColumn}: quoted field is never closed`,
        );
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        fail(
          i,
          `unexpected ${JSON.stringify(next)} after a closing quote (a quote inside a field must be doubled)`,
        );
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      lineStart = i;
      recordLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Header names (trimmed, lower-cased) to column positions; a duplicated header is an error. */
export function headerIndex(header: CsvRecord, file: string): Map<string, number> {
  const index = new Map<string, number>();
  header.fields.forEach((name, column) => {
    const key = name.trim().toLowerCase();
    if (key === '') return;
    if (index.has(key)) {
      throw InputError.single(
        'invalid_csv',
        [file],
        `line ${header.line}, column ${column + 1}: header "${key}" appears twice`,
      );
    }
    index.set(key, column);
  });
  return index;
}

/** Decodes UTF-8 bytes; invalid sequences become U+FFFD rather than failing the import. */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
