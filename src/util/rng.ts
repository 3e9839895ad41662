/**
 * Seeded pseudo-random numbers for plain TypeScript code (shuffles, splits, augmentation, games, sampling).
 * xoshiro128** seeded through splitmix32: fast, 2^128 - 1 period, same stream on every platform.
 */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Hashes a string label into a 32-bit integer (FNV-1a), for deriving named sub-streams. */
export function hashString(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A seeded generator. Same seed, same stream. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    const sm = splitmix32((Math.floor(seed) >>> 0) ^ Math.floor(seed / 2 ** 32));
    this.s0 = sm();
    this.s1 = sm();
    this.s2 = sm();
    this.s3 = sm();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A float in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A float in [lo, hi). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /** An integer in [0, n), unbiased. */
  int(n: number): number {
    if (!(n > 0)) throw new RangeError(`Rng.int: n must be positive, got ${n}`);
    if (n <= 2 ** 32) {
      const limit = 2 ** 32 - (2 ** 32 % n);
      let x = this.nextU32();
      while (x >= limit) x = this.nextU32();
      return x % n;
    }
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** A standard normal draw (Box-Muller, the spare value cached). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles an array in place (Fisher-Yates) and returns it. */
  shuffle<T>(a: T[] | Int32Array | Uint32Array | Float32Array | Float64Array): typeof a {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    this.shuffle(p);
    return p;
  }

  /** Samples an index from unnormalised non-negative weights. */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** An independent generator derived from this one's seed material and a label (does not advance this one). */
  fork(label: string | number): Rng {
    const h = typeof label === "number" ? label >>> 0 : hashString(label);
    const child = new Rng(0);
    child.s0 = (this.s0 ^ h) >>> 0;
    child.s1 = (this.s1 ^ Math.imul(h, 0x9e3779b1)) >>> 0;
    child.s2 = (this.s2 ^ 0x85ebca6b) >>> 0;
    child.s3 = (this.s3 ^ rotl(h, 13)) >>> 0;
    if ((child.s0 | child.s1 | child.s2 | child.s3) === 0) child.s0 = 1;
    // Warm up so that nearby labels give unrelated streams.
    for (let i = 0; i < 8; i++) child.nextU32();
    return child;
  }

  /** The generator's state, for checkpoints. */
  getState(): [number, number, number, number] {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  /** Restores a state from {@link getState}. */
  setState(s: readonly number[]): void {
    [this.s0, this.s1, this.s2, this.s3] = s.map((v) => v >>> 0);
    this.spareNormal = null;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
