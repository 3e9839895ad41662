import assert from "node:assert/strict";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { foldDiacritics, loadAmiDebug, loadRttmList, matchId } from "../../src/data/ami.js";

test("recording ids match exactly, up to NFC/NFD, then without diacritics", () => {
  assert.equal(foldDiacritics("trñ00"), "trn00");
  assert.deepEqual(matchId("trñ00", ["trn00", "trn01"]), { id: "trn00", by: "diacritics" });
  assert.deepEqual(matchId("trñ00".normalize("NFD"), ["trñ00"]), { id: "trñ00", by: "unicode" });
  assert.deepEqual(matchId("a", ["a", "á"]), { id: "a", by: "exact" });
  assert.equal(matchId("é", ["e", "è"]), null); // ambiguous after folding: no guess
  const dir = mkdtempSync(join(tmpdir(), "sltk-lst-"));
  writeFileSync(join(dir, "x.lst"), "café\n\nother\n");
  writeFileSync(join(dir, "x.rttm"), "SPEAKER cafe 1 0.5 1.0 <NA> <NA> S1 <NA> <NA>\n");
  writeFileSync(join(dir, "café.wav"), "");
  const recs = loadRttmList(dir, { list: "x.lst", rttm: "x.rttm" });
  assert.equal(recs.length, 2);
  assert.equal(recs[0].matchedBy, "diacritics");
  assert.equal(recs[0].turns.length, 1);
  assert.ok(recs[0].audio?.endsWith(".wav"));
  assert.deepEqual([recs[1].matchedBy, recs[1].turns.length, recs[1].audio], ["none", 0, null]);
});

test("AMI debug set: 10 train + 2 development recordings with turns, UEM and audio", {
  skip: !process.env.SLTK_DATA,
}, async () => {
  const train = await loadAmiDebug("train");
  assert.equal(train.length, 10);
  const t0 = train.find((r) => r.uri === "trñ00")!;
  assert.equal(t0.annotationId, "trn00");
  assert.equal(t0.matchedBy, "diacritics");
  assert.equal(t0.turns.length, 14);
  assert.deepEqual(t0.uem, [{ file: "trn00", channel: "NA", onset: 0, offset: 30 }]);
  assert.ok(train.every((r) => r.audio && existsSync(r.audio) && r.turns.length > 0 && r.uem.length === 1));
  const dev = await loadAmiDebug("development");
  assert.deepEqual(
    dev.map((r) => [r.uri, r.matchedBy]),
    [
      ["dev00", "exact"],
      ["dev01", "exact"],
    ],
  );
  assert.equal(
    dev.reduce((s, r) => s + r.turns.length, 0),
    17,
  );
});
