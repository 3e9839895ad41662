/** Dropout and a stream of PRNG keys for use inside jit-compiled functions. */
import { type Arr, jrandom, np } from "../tensor.js";

/** Splits a PRNG key on demand: each `next()` returns a fresh key (traced; use inside jit). */
export class KeyStream {
  private key: Arr;
  constructor(key: Arr) {
    this.key = key;
  }
  /** A new key. */
  next(): Arr {
    const [carry, sub] = jrandom.split(this.key, 2) as unknown as Arr[];
    this.key = carry;
    return sub;
  }
}

/** Inverted dropout: zeroes each element with probability `rate` and scales the rest by 1/(1-rate). */
export function dropout(x: Arr, rate: number, key: Arr | null): Arr {
  if (!key || rate <= 0) return x;
  if (rate >= 1) return np.zerosLike(x);
  const keep = jrandom.bernoulli(key, 1 - rate, x.shape);
  return np.where(keep, x.mul(1 / (1 - rate)), 0);
}
