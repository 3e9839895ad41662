/**
 * Arrays and parameter trees. Re-exports the jax-js namespaces the systems use, and moves data between host typed
 * arrays and the device. Ownership rule of jax-js: an op consumes its array arguments; keep one alive with `.ref`.
 * Inside jit-compiled functions extra `.ref`s cost nothing (tracers own no memory), so model code may use `x.ref`
 * for every reuse; outside jit, the engine's helpers (trainer, predictor) manage ownership.
 */
import "./threads.js";
import { numpy as np, tree } from "@jax-js/jax";

export {
  grad,
  jit,
  lax,
  nn as jnn,
  numpy as np,
  random as jrandom,
  tree,
  valueAndGrad,
  vjp,
} from "@jax-js/jax";

/** A jax-js array (device tensor or tracer). */
export type Arr = np.Array;

/**
 * A parameter tree: nested plain objects and arrays with device arrays at the leaves (undefined members are
 * skipped). Typed loosely as `object` so that model-specific interfaces are trees without index signatures.
 */
export type Tree = object;

/** A typed array that can become a device array. */
export type HostData = Float32Array | Int32Array | Uint32Array | Uint8Array;

/** A tensor on the host: flat data plus shape. */
export interface HostTensor {
  shape: number[];
  data: HostData;
}

function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Uploads host data as a device array of `shape` (float32 for Float32Array, int32, uint32; uint8 -> float32). */
export function fromHost(data: HostData | number[], shape: number[]): Arr {
  const n = product(shape);
  if (data.length !== n)
    throw new RangeError(`fromHost: ${data.length} values do not fill shape [${shape.join(", ")}]`);
  if (Array.isArray(data)) return np.array(Float32Array.from(data), { shape });
  if (data instanceof Uint8Array) return np.array(Float32Array.from(data), { shape });
  if (data instanceof Uint32Array) return np.array(data, { shape, dtype: np.uint32 });
  return np.array(data, { shape });
}

/** Uploads a {@link HostTensor}. */
export function upload(t: HostTensor): Arr {
  return fromHost(t.data, t.shape);
}

/** Reads an array back to the host as float32 (asynchronously: safe with worker threads). Consumes `x`. */
export async function toHost(x: Arr): Promise<Float32Array> {
  const d = await x.data();
  if (d instanceof Float32Array) return d;
  return Float32Array.from(d as ArrayLike<number>);
}

/** Reads an int32 array back to the host. Consumes `x`. */
export async function toHostInt(x: Arr): Promise<Int32Array> {
  const d = await x.data();
  if (d instanceof Int32Array) return d;
  return Int32Array.from(d as ArrayLike<number>);
}

/** Reads a one-element array as a number. Consumes `x`. */
export async function toNumber(x: Arr): Promise<number> {
  const d = await x.data();
  return Number((d as ArrayLike<number>)[0]);
}

/** The leaves of a tree with dotted path names, in a stable (insertion) order. */
export function namedLeaves(t: Tree | undefined, prefix = ""): [string, Arr][] {
  if (t === undefined || t === null) return [];
  if (Array.isArray(t)) return t.flatMap((c, i) => namedLeaves(c, prefix ? `${prefix}.${i}` : String(i)));
  if (isArr(t)) return [[prefix, t]];
  return Object.entries(t).flatMap(([k, c]) =>
    namedLeaves(c as Tree | undefined, prefix ? `${prefix}.${k}` : k),
  );
}

/** True for a jax-js array (or tracer) leaf. */
export function isArr(x: unknown): x is Arr {
  return typeof x === "object" && x !== null && "aval" in x && "dispose" in x;
}

/** Number of scalar parameters in a tree. */
export function countParams(t: Tree): number {
  return namedLeaves(t).reduce((s, [, a]) => s + product(a.shape), 0);
}

/** Adds a reference to every leaf (keeps the tree alive across a consuming call). */
export function refTree<T extends Tree>(t: T): T {
  return tree.ref(t as never) as T;
}

/** Releases every leaf of a tree. */
export function disposeTree(t: Tree | null | undefined): void {
  if (t) tree.dispose(t as never);
}

/** Maps leaves (with their dotted names) to a new tree of the same structure. */
export function mapTree<T extends Tree>(t: T, fn: (x: Arr, name: string) => Arr, prefix = ""): T {
  if (Array.isArray(t)) return t.map((c, i) => mapTree(c, fn, prefix ? `${prefix}.${i}` : String(i))) as T;
  if (isArr(t)) return fn(t, prefix) as T;
  const out: Record<string, unknown> = {};
  for (const [k, c] of Object.entries(t))
    out[k] = c === undefined ? undefined : mapTree(c as Tree, fn, prefix ? `${prefix}.${k}` : k);
  return out as T;
}

/** Downloads every leaf: name -> host tensor. Does not consume the tree. */
export async function treeToHost(t: Tree): Promise<Map<string, HostTensor>> {
  const out = new Map<string, HostTensor>();
  for (const [name, a] of namedLeaves(t)) out.set(name, { shape: [...a.shape], data: await toHost(a.ref) });
  return out;
}

/** Rebuilds a tree shaped like `like` from host tensors by name (shapes are checked by the caller). */
export function treeFromHost<T extends Tree>(like: T, tensors: Map<string, HostTensor>): T {
  return mapTree(like, (_a, name) => {
    const t = tensors.get(name);
    if (!t) throw new Error(`missing tensor ${name}`);
    return upload(t);
  });
}
