/**
 * Parameter initialisers, computed on the host with the seeded {@link Rng} (deterministic on every platform) and
 * uploaded once. `fanIn`/`fanOut` follow the usual conventions for dense ([in, out]) and conv ([out, in, kh, kw]).
 */
import type { Rng } from "../util/rng.js";
import { type Arr, fromHost } from "./tensor.js";

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Zeros of a shape. */
export function zerosInit(shape: number[]): Arr {
  return fromHost(new Float32Array(size(shape)), shape);
}

/** A constant of a shape. */
export function constantInit(shape: number[], value: number): Arr {
  return fromHost(new Float32Array(size(shape)).fill(value), shape);
}

/** Normal(0, std). */
export function normalInit(rng: Rng, shape: number[], std: number): Arr {
  const d = new Float32Array(size(shape));
  for (let i = 0; i < d.length; i++) d[i] = rng.normal() * std;
  return fromHost(d, shape);
}

/** Truncated normal: Normal(0, std) redrawn outside +-2 std (as Haiku/Flax; std is not corrected unless asked). */
export function truncatedNormalInit(
  rng: Rng,
  shape: number[],
  std: number,
  opts: { correct?: boolean } = {},
): Arr {
  const s = opts.correct ? std / 0.8796256610342398 : std;
  const d = new Float32Array(size(shape));
  for (let i = 0; i < d.length; i++) {
    let z = rng.normal();
    while (Math.abs(z) > 2) z = rng.normal();
    d[i] = z * s;
  }
  return fromHost(d, shape);
}

/** Uniform(lo, hi). */
export function uniformInit(rng: Rng, shape: number[], lo: number, hi: number): Arr {
  const d = new Float32Array(size(shape));
  for (let i = 0; i < d.length; i++) d[i] = lo + (hi - lo) * rng.next();
  return fromHost(d, shape);
}

/** Fan-in and fan-out of a weight shape: dense [in, out]; conv [out, in, ...kernel]. */
export function fans(shape: number[]): [number, number] {
  if (shape.length === 2) return [shape[0], shape[1]];
  if (shape.length > 2) {
    const rf = size(shape.slice(2));
    return [shape[1] * rf, shape[0] * rf];
  }
  return [shape[0] ?? 1, shape[0] ?? 1];
}

/** Named weight initialisers. */
export type WeightInit = "he" | "glorot" | "lecun" | "torch" | { std: number } | { truncatedStd: number };

/**
 * Initialises a weight: `he` = Normal(0, sqrt(2/fanIn)); `glorot` = Uniform(+-sqrt(6/(fanIn+fanOut)));
 * `lecun` = truncated normal with variance 1/fanIn; `torch` = Uniform(+-1/sqrt(fanIn)) (PyTorch's Linear/GRU default).
 */
export function weightInit(rng: Rng, shape: number[], kind: WeightInit = "glorot"): Arr {
  const [fanIn, fanOut] = fans(shape);
  if (typeof kind === "object") {
    if ("std" in kind) return normalInit(rng, shape, kind.std);
    return truncatedNormalInit(rng, shape, kind.truncatedStd);
  }
  switch (kind) {
    case "he":
      return normalInit(rng, shape, Math.sqrt(2 / fanIn));
    case "glorot": {
      const a = Math.sqrt(6 / (fanIn + fanOut));
      return uniformInit(rng, shape, -a, a);
    }
    case "lecun":
      return truncatedNormalInit(rng, shape, Math.sqrt(1 / fanIn), { correct: true });
    case "torch": {
      const a = 1 / Math.sqrt(fanIn);
      return uniformInit(rng, shape, -a, a);
    }
  }
}
