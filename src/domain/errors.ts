/**
 * Errors are data (as in Zod): one readonly issue per problem, with the path of the field,
 * rendered separately as CLI stderr (exit 2) or an HTTP 400 body.
 */
export type FieldPath = readonly (string | number)[];

export interface InputIssue {
  readonly code: string;
  readonly path: FieldPath;
  readonly message: string;
}

/** Bad input: the caller can fix it. Never a stack trace for these. */
export class InputError extends Error {
  readonly issues: readonly InputIssue[];
  constructor(issues: readonly InputIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'InputError';
    this.issues = issues;
  }
  static single(code: string, path: FieldPath, message: string): InputError {
    return new InputError([{ code, path, message }]);
  }
}

/** Two applicable rules and no precedence between them: a defect in a framework, reported loudly. */
export class RuleConflictError extends Error {
  constructor(
    readonly first: { id: string; citation: string },
    readonly second: { id: string; citation: string },
  ) {
    super(
      `conflict: rules "${first.id}" (${first.citation}) and "${second.id}" (${second.citation}) both apply ` +
        'and neither has precedence over the other',
    );
    this.name = 'RuleConflictError';
  }
}

export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out || '(request)';
}

export function formatIssue(issue: InputIssue): string {
  return `${formatPath(issue.path)}: ${issue.message}`;
}
