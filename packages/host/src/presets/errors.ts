// The one error every preset boundary throws (parse, file, share link), with issues that name the
// field, so a UI can say exactly what is wrong and tests can assert it.

/** One problem, at a field path such as `session.tracks[2].gainDb` ('' for the document itself). */
export interface PresetIssue {
  path: string;
  message: string;
}

/**
 * What kind of failure, for UIs that word messages themselves:
 * - `too-large`: text over 1 MiB, or an object that would serialise to more;
 * - `too-deep`: nesting deeper than {@link MAX_NESTING_DEPTH};
 * - `invalid-json`: text that is not JSON;
 * - `not-plain-data`: functions, class instances, non-finite numbers and other non-JSON values;
 * - `not-a-preset`: JSON, but not a Lathe preset (no `format: "lathe-preset"`);
 * - `newer-version`: written by a newer Lathe than this one;
 * - `invalid`: a Lathe preset with wrong fields or broken references;
 * - `link-missing`, `link-version`, `link-corrupt`, `link-too-large`: share-link failures.
 */
export type PresetErrorCode =
  | 'too-large'
  | 'too-deep'
  | 'invalid-json'
  | 'not-plain-data'
  | 'not-a-preset'
  | 'newer-version'
  | 'invalid'
  | 'link-missing'
  | 'link-version'
  | 'link-corrupt'
  | 'link-too-large';

/** Deepest nesting of arrays and objects a preset may have (a session slot's state sits at about 8). */
export const MAX_NESTING_DEPTH = 64;

// Enough for a UI line; the full list stays in `issues`.
const ISSUES_IN_MESSAGE = 5;

/** A preset (text, file, link or object) that cannot be read. Nothing has been changed by it. */
export class PresetError extends Error {
  override name = 'PresetError';
  readonly code: PresetErrorCode;
  readonly issues: readonly PresetIssue[];

  /** `summary`, when given, is the message's first line (e.g. "This link's preset is invalid:"). */
  constructor(code: PresetErrorCode, issues: readonly PresetIssue[], summary?: string) {
    super(summary ? `${summary}\n${formatIssues(issues)}` : formatIssues(issues));
    this.code = code;
    this.issues = issues;
  }

  /** An error with a single issue. */
  static at(code: PresetErrorCode, path: string, message: string): PresetError {
    return new PresetError(code, [{ path, message }]);
  }
}

function formatIssues(issues: readonly PresetIssue[]): string {
  const lines = issues.slice(0, ISSUES_IN_MESSAGE).map(formatIssue);
  const more = issues.length - ISSUES_IN_MESSAGE;
  if (more > 0) lines.push(`… and ${more} more problem${more === 1 ? '' : 's'}`);
  return lines.join('\n');
}

/** `path: message`, or the message alone for the document itself. */
export function formatIssue(issue: PresetIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['session', 'tracks', 2, 'gainDb']` → `session.tracks[2].gainDb`; odd keys are quoted: `state["a b"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** A value as an error message quotes it: `"loud"`, `12`, `null`, `an object`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return 'a BigInt';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      return 'an object';
  }
}
