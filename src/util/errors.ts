/**
 * Errors that the CLI maps to exit codes: {@link InputError} (bad usage or bad input, exit 2) and everything
 * else (internal error, exit 1). Messages are one line and name what is wrong and where.
 */

/** Bad input or bad usage: a one-line message naming what and where (file, line, column). Exit code 2. */
export class InputError extends Error {
  /** Where the problem is, e.g. `data.csv:12:3` or `--constraint`. */
  readonly where?: string;
  constructor(message: string, where?: string) {
    super(where ? `${where}: ${message}` : message);
    this.name = "InputError";
    this.where = where;
  }
}

/** Throws an {@link InputError} unless `cond` holds. */
export function check(cond: unknown, message: string, where?: string): asserts cond {
  if (!cond) throw new InputError(message, where);
}

/** A file position for error messages: `file:line` or `file:line:column`. */
export function at(file: string, line?: number, column?: number | string): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}
