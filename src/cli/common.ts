/** Shared CLI conventions: common options, JSON output, error handling and exit codes (0 ok, 1 internal, 2 input). */
import type { Command } from "commander";
import { InputError } from "../util/errors.js";

/** The options every command takes. */
export interface CommonOptions {
  seed: number;
  json?: boolean;
  out?: string;
}

/** Parses an integer option value or fails with a usage error that names the option. */
export function intOption(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new InputError(`expected an integer, got '${v}'`, name);
    return n;
  };
}

/** Parses a number option value or fails with a usage error that names the option. */
export function numberOption(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n)) throw new InputError(`expected a number, got '${v}'`, name);
    return n;
  };
}

/** Parses a value that must be one of `choices`. */
export function choiceOption<T extends string>(name: string, choices: readonly T[]) {
  return (v: string): T => {
    if (!(choices as readonly string[]).includes(v))
      throw new InputError(`expected one of ${choices.join(", ")}, got '${v}'`, name);
    return v as T;
  };
}

/** Adds `--seed`, `--json` and `--out` to a command. */
export function withCommonOptions(cmd: Command, opts: { out?: boolean } = {}): Command {
  cmd
    .option("--seed <n>", "random seed", intOption("--seed"), 0)
    .option("--json", "machine-readable result on stdout");
  if (opts.out !== false) cmd.option("--out <dir>", "folder for artifacts");
  return cmd;
}

/** Writes a command's result: JSON on stdout with `--json`, otherwise the human text (if any). */
export function emit(result: unknown, opts: { json?: boolean }, human?: string | (() => string)): void {
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (human !== undefined) process.stdout.write(`${typeof human === "function" ? human() : human}\n`);
}

/** Maps an error to its one-line message and exit code. */
export function exitCodeFor(e: unknown): { code: number; message: string } {
  if (e instanceof InputError) return { code: 2, message: e.message };
  const err = e as { code?: string; message?: string; exitCode?: number };
  if (err?.code === "ENOENT" || err?.code === "EISDIR" || err?.code === "EACCES")
    return { code: 2, message: String(err.message).split("\n")[0] };
  if (typeof err?.code === "string" && err.code.startsWith("commander."))
    return { code: err.exitCode === 0 ? 0 : 2, message: "" };
  return { code: 1, message: `internal error: ${String(err?.message ?? e).split("\n")[0]}` };
}

/** Wraps a command action: runs it, maps errors to a one-line message on stderr and the exit code. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<void> | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      const { code, message } = exitCodeFor(e);
      if (message) process.stderr.write(`sltk: ${message}\n`);
      if (process.env.SLTK_DEBUG && code === 1) process.stderr.write(`${(e as Error).stack}\n`);
      process.exitCode = code;
    }
  };
}
