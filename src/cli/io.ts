import { readFileSync } from 'node:fs';
import { InputError } from '../domain/errors.js';

/** Exit codes of spec/contracts.md: 0 success, 2 bad input, 1 internal error. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/** A failure whose report the command has already printed: the CLI exits 1 and adds nothing. */
export class ReportedFailure extends Error {}

/** Reads a JSON document from a file or, for "-", standard input; errors name the file. */
export function readJsonInput(file: string): unknown {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw InputError.single('unreadable_file', [file], why);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw InputError.single(
      'invalid_json',
      [file === '-' ? '(stdin)' : file],
      `is not valid JSON: ${(error as Error).message}`,
    );
  }
}

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};
