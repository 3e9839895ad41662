/** Test helpers for engine tests: host reads and closeness checks. */
import assert from "node:assert/strict";
import { type Arr, toHost } from "../../src/engine/index.js";

/** Reads an array to a plain number list (consumes it). */
export async function vals(x: Arr): Promise<number[]> {
  return Array.from(await toHost(x));
}

/** Asserts two number lists are element-wise within `tol` (absolute + relative). */
export function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5, msg = ""): void {
  assert.equal(actual.length, expected.length, `${msg} length`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    assert.ok(Math.abs(a - e) <= tol * (1 + Math.abs(e)), `${msg} [${i}]: ${a} vs ${e}`);
  }
}
