/**
 * File names that differ only in Unicode normalisation (NFC `ñ` vs NFD `n` + combining tilde) name the same file to
 * a user but not to the file system. These helpers try the name as given, then its NFC and NFD forms.
 */
import { existsSync, openSync } from "node:fs";
import { InputError } from "../util/errors.js";

/** The first existing spelling of `path` (as given, NFC, NFD), or null. */
export function resolveUnicodePath(path: string): string | null {
  for (const p of [path, path.normalize("NFC"), path.normalize("NFD")]) if (existsSync(p)) return p;
  return null;
}

/** Opens a file for reading under any normalisation of its name; a missing file is an {@link InputError}. */
export function openUnicodePath(path: string): { fd: number; path: string } {
  const p = resolveUnicodePath(path) ?? path;
  try {
    return { fd: openSync(p, "r"), path: p };
  } catch (e) {
    throw new InputError(
      `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      path,
    );
  }
}
