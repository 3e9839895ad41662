import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { loadClassifiers, predictLearned, saveClassifiers } from "../../src/avatars/classifiers.js";
import { loadFaceModel } from "../../src/avatars/face-model.js";
import { LabelStore } from "../../src/avatars/labels-db.js";
import { analyseItems } from "../../src/avatars/train.js";
import { runSyntheticExperiment } from "../../src/avatars/train-synthetic.js";

test("synthetic photos -> simulated raters -> SQLite labels -> consensus -> features -> cross-validated classifiers", {
  skip: !process.env.SLTK_DATA,
}, async () => {
  const model = await loadFaceModel();
  const dir = mkdtempSync(join(tmpdir(), "sltk-avatar-syn-"));
  const db = join(dir, "labels.sqlite");
  const r = await runSyntheticExperiment(model, {
    n: 24,
    seed: 7,
    raters: 3,
    db,
    imagesOut: join(dir, "images"),
  });
  assert.equal(r.items.length, 24);
  assert.ok(r.skipped.length <= 2, `skipped ${r.skipped}`);
  // The labels are in the database, with agreement statistics.
  const store = new LabelStore(db);
  assert.equal(store.items().length, 24);
  const ag = store.agreement("glasses");
  assert.equal(ag.raters, 3);
  assert.ok(ag.kappa.kappa > 0.3, `kappa ${ag.kappa.kappa}`);
  store.close();
  // Every learned attribute gets a classifier whose CV accuracy beats always guessing the majority class.
  for (const s of r.summaries) {
    assert.ok((s.labelAccuracy ?? 0) > 0.8, `${s.attribute} consensus accuracy ${s.labelAccuracy}`);
    const best = Math.max(...Object.values(s.cv).map((c) => c!.accuracy));
    const majority = Object.values(s.cv)[0]!.majorityBaseline;
    assert.ok(best > majority + 0.2, `${s.attribute}: best CV ${best} vs majority ${majority}`);
  }
  assert.ok(r.measured.hairColour.accuracy > 0.7, `hair colour accuracy ${r.measured.hairColour.accuracy}`);
  // `sltk avatar train --db` reads the registered photos from disk: the same analysis as in memory.
  const store2 = new LabelStore(db);
  const fromDisk = await analyseItems(store2.items().slice(0, 4), model);
  assert.equal(fromDisk.analyses.size + fromDisk.skipped.length, 4);
  for (const id of fromDisk.analyses.keys()) assert.ok(existsSync(store2.item(id)!.path));
  store2.close();
  // The classifier file round-trips and predicts.
  const file = join(dir, "classifiers.json");
  saveClassifiers(file, r.file);
  const loaded = loadClassifiers(file);
  assert.deepEqual(Object.keys(loaded.classifiers).sort(), ["facialHair", "glasses", "hairLength"]);
});

test("classifier files are validated", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sltk-avatar-cls-"));
  const file = join(dir, "bad.json");
  saveClassifiers(file, {
    format: "sltk-avatar-classifiers",
    version: 1,
    featureDims: { embedding: 3, regions: 1 },
    classifiers: {},
  } as never);
  assert.throws(() => loadClassifiers(file), /feature dimensions .* do not match/);
  assert.throws(() => loadClassifiers(join(dir, "none.json")), /none\.json: classifier file not found/);
  assert.equal(typeof predictLearned, "function");
});
