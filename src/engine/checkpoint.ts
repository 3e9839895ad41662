/**
 * Model files: parameters (and non-trainable state) in safetensors plus a JSON config, written atomically.
 * Loading checks names and shapes against the model being loaded into and says exactly what does not match.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../util/errors.js";
import { writeJsonAtomic } from "../util/fs.js";
import { readSafetensors, writeSafetensors } from "./safetensors.js";
import { type HostTensor, mapTree, namedLeaves, type Tree, treeToHost, upload } from "./tensor.js";

/** Downloads trees under name prefixes ("params.", "state.", ...) into one tensor map. */
export async function treesToTensors(
  trees: Record<string, Tree | undefined>,
): Promise<Map<string, HostTensor>> {
  const out = new Map<string, HostTensor>();
  for (const [prefix, t] of Object.entries(trees)) {
    if (!t) continue;
    for (const [name, h] of await treeToHost(t)) out.set(`${prefix}.${name}`, h);
  }
  return out;
}

/** Lists what differs between a model's tree and stored tensors under `prefix`: missing, unexpected, wrong shape. */
export function diffTensors(like: Tree, tensors: Map<string, HostTensor>, prefix: string): string[] {
  const problems: string[] = [];
  const expected = new Set<string>();
  for (const [name, a] of namedLeaves(like)) {
    const key = `${prefix}.${name}`;
    expected.add(key);
    const t = tensors.get(key);
    if (!t) problems.push(`missing ${key} [${a.shape}]`);
    else if (t.shape.length !== a.shape.length || t.shape.some((d, i) => d !== a.shape[i]))
      problems.push(`${key} has shape [${t.shape}], the model expects [${a.shape}]`);
  }
  for (const key of tensors.keys())
    if (key.startsWith(`${prefix}.`) && !expected.has(key)) problems.push(`unexpected ${key}`);
  return problems;
}

/** Builds a tree shaped like `like` from stored tensors under `prefix` (after {@link diffTensors} found nothing). */
export function tensorsToTree<T extends Tree>(like: T, tensors: Map<string, HostTensor>, prefix: string): T {
  return mapTree(like, (_a, name) => upload(tensors.get(`${prefix}.${name}`)!));
}

/** Saves a model: `<dir>/model.safetensors` (params, optional state) and `<dir>/config.json`. */
export async function saveModel(
  dir: string,
  model: { params: Tree; state?: Tree; config: unknown },
): Promise<void> {
  const tensors = await treesToTensors({ params: model.params, state: model.state });
  writeSafetensors(join(dir, "model.safetensors"), tensors, {
    format: "sltk",
    created: new Date().toISOString(),
  });
  writeJsonAtomic(join(dir, "config.json"), model.config);
}

/** Reads a model's config.json (to rebuild the architecture before loading weights). */
export function readModelConfig<C = unknown>(dir: string): C {
  const p = join(dir, "config.json");
  if (!existsSync(p)) throw new InputError("no config.json: not a saved sltk model folder", dir);
  try {
    return JSON.parse(readFileSync(p, "utf8")) as C;
  } catch (e) {
    throw new InputError(`config.json is not valid JSON (${(e as Error).message})`, p);
  }
}

/**
 * Loads weights saved by {@link saveModel} into trees shaped like `like` (freshly initialised parameters,
 * which are released). Throws an {@link InputError} listing every mismatch.
 */
export function loadModelWeights<P extends Tree, S extends Tree = Tree>(
  dir: string,
  like: { params: P; state?: S },
): { params: P; state?: S } {
  const file = join(dir, "model.safetensors");
  if (!existsSync(file)) throw new InputError("no model.safetensors in the model folder", dir);
  const { tensors } = readSafetensors(file);
  const problems = [
    ...diffTensors(like.params, tensors, "params"),
    ...(like.state ? diffTensors(like.state, tensors, "state") : []),
  ];
  if (problems.length)
    throw new InputError(
      `weights do not match the model: ${problems.slice(0, 8).join("; ")}${problems.length > 8 ? `; and ${problems.length - 8} more` : ""}`,
      file,
    );
  const params = tensorsToTree(like.params, tensors, "params");
  const state = like.state ? tensorsToTree(like.state, tensors, "state") : undefined;
  for (const [, a] of namedLeaves(like.params)) a.dispose();
  if (like.state) for (const [, a] of namedLeaves(like.state)) a.dispose();
  return { params, state };
}
