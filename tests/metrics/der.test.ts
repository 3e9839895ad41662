import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRttm } from "../../src/data/rttm.js";
import { diarizationError, diarizationErrorFiles, type Turn } from "../../src/metrics/index.js";
import { Rng } from "../../src/util/rng.js";

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

test("DER agrees with a brute-force frame count over every speaker mapping (random overlapping turns)", () => {
  const rng = new Rng(11);
  const turns = (names: string[], n: number) =>
    Array.from({ length: n }, () => {
      const a = rng.int(200);
      return T(names[rng.int(names.length)], a / 10, (a + 1 + rng.int(40)) / 10);
    });
  const perms = (xs: number[], k: number): number[][] =>
    k === 0
      ? [[]]
      : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)], k - 1).map((p) => [x, ...p]));
  for (let trial = 0; trial < 30; trial++) {
    const ref = turns(["A", "B", "C"], 1 + rng.int(8));
    const hyp = turns(["x", "y"], rng.int(8));
    const collar = trial % 3 === 0 ? 0.2 : 0;
    const skip = trial % 4 === 1;
    const r = diarizationError(ref, hyp, { collar, skipOverlap: skip });
    // Brute force on a 0.01 s grid (all boundaries are multiples of 0.1 s, collar of 0.1 s).
    const rs = [...new Set(ref.map((t) => t.speaker))];
    const hs = [...new Set(hyp.map((t) => t.speaker))];
    const all = [...ref, ...hyp];
    const lo = Math.round(100 * Math.min(...all.map((t) => t.onset)));
    const hi = Math.round(100 * Math.max(...all.map((t) => t.offset)));
    const frames: { r: number[]; h: number[] }[] = [];
    for (let f = lo; f < hi; f++) {
      const t = (f + 0.5) / 100;
      if (ref.some((u) => Math.abs(t - u.onset) < collar || Math.abs(t - u.offset) < collar)) continue;
      const on = (ts: Turn[], names: string[]) =>
        names.flatMap((s, i) => (ts.some((u) => u.speaker === s && u.onset <= t && t < u.offset) ? [i] : []));
      const fr = { r: on(ref, rs), h: on(hyp, hs) };
      if (skip && fr.r.length > 1) continue;
      frames.push(fr);
    }
    let total = 0;
    let base = 0;
    for (const f of frames) {
      total += f.r.length;
      base += Math.max(f.r.length, f.h.length); // errors if nothing were correct
    }
    let best = 0;
    const k = Math.min(rs.length, hs.length);
    for (const rp of perms(
      rs.map((_, i) => i),
      k,
    ))
      for (const hp of perms(
        hs.map((_, i) => i),
        k,
      )) {
        let correct = 0;
        for (const f of frames)
          for (let j = 0; j < k; j++) if (f.r.includes(rp[j]) && f.h.includes(hp[j])) correct++;
        best = Math.max(best, correct);
      }
    near(r.total, total / 100, 1e-9);
    near(r.missed + r.falseAlarm + r.confusion, (base - best) / 100, 1e-9);
  }
});

test("DER edge cases: hypothesis-only files, no reference speech, bad turns", () => {
  const ref = parseRttm("SPEAKER f1 1 0 10 <NA> <NA> A <NA> <NA>\n", "ref.rttm");
  const hyp = parseRttm(
    "SPEAKER f1 1 0 10 <NA> <NA> x <NA> <NA>\nSPEAKER f9 1 0 2 <NA> <NA> y <NA> <NA>\n",
    "h",
  );
  const r = diarizationErrorFiles(ref, hyp);
  assert.deepEqual(r.hypOnly, ["f9"]);
  assert.deepEqual(r.refOnly, []);
  near(r.files.f9.der, 1); // no reference speech, some error -> 1 (pyannote's convention)
  near(r.total.falseAlarm, 2);
  near(r.total.der, 0.2);
  near(diarizationError([], []).der, 0);
  near(diarizationErrorFiles([], hyp.slice(1)).total.der, 1);
  assert.throws(() => diarizationError([T("A", 2, 1)], []), /ends \(1\) before it starts \(2\)/);
  assert.throws(() => diarizationError([T("A", 0, 1)], [], { collar: -0.1 }), /collar/);
});
