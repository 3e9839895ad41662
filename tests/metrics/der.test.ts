import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRttm } from "../../src/data/rttm.js";
import { diarizationError, diarizationErrorFiles, type Turn } from "../../src/metrics/index.js";

const near = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
const T = (speaker: string, onset: number, offset: number): Turn => ({ speaker, onset, offset });

test("DER: the pyannote-metrics case (16/31) with its breakdown and mapping", () => {
  const ref = [T("A", 0, 10), T("B", 12, 20), T("A", 24, 27), T("C", 30, 40)];
  const hyp = [T("a", 2, 13), T("d", 13, 14), T("b", 14, 20), T("c", 22, 38), T("d", 38, 40)];
  const r = diarizationError(ref, hyp);
  near(r.der, 0.5161290322580645);
  near(r.total, 31);
  near(r.confusion, 7);
  near(r.falseAlarm, 7);
  near(r.missed, 2);
  near(r.correct, 22);
  assert.deepEqual(r.mapping, { A: "a", B: "b", C: "c" });
  const ov = [T("A", 0, 13), T("B", 12, 20), T("A", 24, 27), T("C", 30, 40)];
  near(diarizationError(ov, hyp).total, 34);
  near(diarizationError(ov, hyp, { skipOverlap: true }).total, 32);
  // pyannote's collar=1 (total) is 0.5 per side here
  near(diarizationError([T("A", 0, 10)], [], { collar: 0.5 }).total, 9);
});

test("DER: the SimpleDER cases", () => {
  near(
    diarizationError(
      [T("A", 0, 1), T("B", 1, 1.5), T("A", 1.6, 2.1)],
      [T("1", 0, 0.8), T("2", 0.8, 1.4), T("3", 1.5, 1.8), T("1", 1.8, 2.0)],
    ).der,
    0.35,
  );
  near(diarizationError([T("A", 0, 1)], []).der, 1);
  near(diarizationError([T("A", 0, 1)], [T("B", 1, 2)]).der, 2);
  near(diarizationError([T("A", 0, 1)], [T("B", 0, 0.5)]).der, 0.5);
  near(diarizationError([T("A", 0, 1), T("B", 0, 1)], [T("1", 0, 1)]).der, 0.5);
  near(diarizationError([T("A", 0, 10), T("A", 20, 21)], [T("1", 0, 10), T("2", 20, 21)]).der, 1 / 11);
  near(diarizationError([T("A", 0, 1), T("B", 0, 1), T("C", 0, 1)], [T("1", 0, 1), T("2", 0, 1)]).der, 1 / 3);
  near(diarizationError([T("A", 0, 1)], [T("1", 0, 1.2)], { collar: 0.1 }).der, 0.125);
});

test("DER over RTTM files sums the parts; UEM limits the scored region", () => {
  const ref = parseRttm(
    "SPEAKER f1 1 0 10 <NA> <NA> A <NA> <NA>\nSPEAKER f2 1 0 4 <NA> <NA> B <NA> <NA>\n",
    "ref.rttm",
  );
  const hyp = parseRttm(
    "SPEAKER f1 1 0 5 <NA> <NA> x <NA> <NA>\nSPEAKER f2 1 0 4 <NA> <NA> y <NA> <NA>\n",
    "hyp.rttm",
  );
  const r = diarizationErrorFiles(ref, hyp);
  near(r.files.f1.der, 0.5);
  near(r.files.f2.der, 0);
  near(r.total.der, 5 / 14);
  const u = diarizationErrorFiles(ref, hyp, {
    uem: [
      { file: "f1", channel: "1", onset: 0, offset: 5 },
      { file: "f2", channel: "1", onset: 0, offset: 4 },
    ],
  });
  near(u.total.der, 0);
});
