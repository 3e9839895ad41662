import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  decodeSafetensors,
  encodeSafetensors,
  initEngine,
  loadModelWeights,
  mlp,
  readModelConfig,
  saveModel,
  toHost,
} from "../../src/engine/index.js";
import { InputError } from "../../src/util/errors.js";
import { Rng } from "../../src/util/rng.js";

await initEngine();

test("safetensors layout: 8-byte little-endian header length, aligned JSON header, raw data", () => {
  const bytes = encodeSafetensors(
    new Map([
      ["a", { shape: [2], data: new Float32Array([1.5, -2]) }],
      ["b", { shape: [1, 1], data: new Int32Array([7]) }],
    ]),
    { note: "x" },
  );
  const hlen = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  assert.equal((8 + hlen) % 8, 0);
  const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + hlen)).toString());
  assert.deepEqual(header.a, { dtype: "F32", shape: [2], data_offsets: [0, 8] });
  assert.deepEqual(header.b, { dtype: "I32", shape: [1, 1], data_offsets: [8, 12] });
  assert.equal(header.__metadata__.note, "x");
  const back = decodeSafetensors(bytes);
  assert.deepEqual(Array.from(back.tensors.get("a")!.data), [1.5, -2]);
  assert.deepEqual(Array.from(back.tensors.get("b")!.data), [7]);
  assert.throws(() => decodeSafetensors(bytes.subarray(0, 12), "f.safetensors"), /f\.safetensors/);
});

test("a saved model loads back bit-exactly; a different architecture is refused with the mismatches named", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-ckpt-"));
  const params = mlp.init(new Rng(1), [3, 5, 2]);
  await saveModel(dir, { params, config: { sizes: [3, 5, 2] } });
  assert.deepEqual(readModelConfig(dir), { sizes: [3, 5, 2] });
  const loaded = loadModelWeights(dir, { params: mlp.init(new Rng(2), [3, 5, 2]) });
  assert.deepEqual(
    Array.from(await toHost(loaded.params.layers[0].w.ref)),
    Array.from(await toHost(params.layers[0].w.ref)),
  );
  assert.throws(
    () => loadModelWeights(dir, { params: mlp.init(new Rng(2), [3, 6, 2]) }),
    (e: Error) =>
      e instanceof InputError &&
      /params\.layers\.0\.w has shape \[3,5\], the model expects \[3,6\]/.test(e.message),
  );
  assert.throws(
    () => loadModelWeights(dir, { params: mlp.init(new Rng(2), [3, 5, 5, 2]) }),
    (e: Error) => /missing params\.layers\.2\.w/.test(e.message),
  );
  const file = join(dir, "model.safetensors");
  writeFileSync(file, readFileSync(file).subarray(0, 40));
  assert.throws(() => loadModelWeights(dir, { params: mlp.init(new Rng(2), [3, 5, 2]) }), InputError);
});
