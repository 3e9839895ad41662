import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { datasetInfo, datasets, resolveDataset } from "../../src/data/registry.js";
import { InputError } from "../../src/util/errors.js";

test("every data set has a license, a homepage and files with checksums", () => {
  assert.ok(datasets.length >= 7);
  for (const d of datasets) {
    assert.ok(d.license.length > 0, d.name);
    assert.ok(d.homepage.startsWith("http"), d.name);
    assert.ok(d.files.length > 0, d.name);
    for (const f of d.files) assert.match(f.sha256, /^[0-9a-f]{64}$/);
  }
  assert.equal(datasetInfo("fashion-mnist").name, "images/fashion-mnist");
  assert.equal(datasetInfo("molecules/odor").nonCommercial, true);
});

test("unknown names and missing offline data give a clear input error", async () => {
  assert.throws(() => datasetInfo("nope"), InputError);
  const empty = mkdtempSync(join(tmpdir(), "sltk-data-"));
  const saved = { data: process.env.SLTK_DATA, cache: process.env.SLTK_CACHE };
  process.env.SLTK_DATA = empty;
  process.env.SLTK_CACHE = empty;
  try {
    await assert.rejects(resolveDataset("fairness/fico", { download: false }), (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, /transrisk|totals/);
      assert.match(e.message, /github\.com/);
      return true;
    });
  } finally {
    process.env.SLTK_DATA = saved.data;
    process.env.SLTK_CACHE = saved.cache;
  }
});

test("the shared data resolves through SLTK_DATA when present", {
  skip: !process.env.SLTK_DATA,
}, async () => {
  const dir = await resolveDataset("fairness/fico", { download: false });
  assert.match(dir, /fairness[/\\]fico$/);
});
