/**
 * `npm run bench -- metrics`: AUROC and average precision on 1,000,000 scores (a third of them tied), beside the same
 * AUROC statistic in NumPy (bench/reference/metrics.py; scikit-learn is not installed here), and DER of a 1-hour
 * synthetic four-speaker conversation scored against a hypothesis cut into 0.4 s segments, as a diarizer emits.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { auroc, averagePrecision } from "../src/metrics/classification.js";
import { diarizationError, type Turn } from "../src/metrics/der.js";
import { hungarian } from "../src/metrics/hungarian.js";
import { Rng } from "../src/util/rng.js";

const here = dirname(fileURLToPath(import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function time<T>(repeats: number, fn: () => T): { ms: number[]; medianMs: number; value: T } {
  const ms: number[] = [];
  let value!: T;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    value = fn();
    ms.push(Math.round((performance.now() - t0) * 10) / 10);
  }
  return { ms, medianMs: median(ms), value };
}

/** 1M scores: labels 30% positive, scores = label + noise, every third score rounded to 2 decimals (ties). */
function scoreWorkload(n: number) {
  const rng = new Rng(1);
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = rng.bernoulli(0.3) ? 1 : 0;
    const s = labels[i] + rng.normal();
    scores[i] = i % 3 === 0 ? Math.round(s * 100) / 100 : s;
  }
  return { scores, labels };
}

/** An hour of conversation: 4 speakers, turns of 0.5-8 s, 10% overlapped; the hypothesis in 0.4 s segments. */
function conversation(seconds: number) {
  const rng = new Rng(2);
  const ref: Turn[] = [];
  let t = 0;
  let spk = 0;
  while (t < seconds) {
    const d = 0.5 + rng.next() * 7.5;
    ref.push({ speaker: `S${spk}`, onset: t, offset: Math.min(seconds, t + d) });
    if (rng.bernoulli(0.1))
      ref.push({ speaker: `S${(spk + 1) % 4}`, onset: t + d - 0.6, offset: t + d + 0.4 });
    t += d + rng.next() * 0.5;
    spk = (spk + 1 + rng.int(3)) % 4;
  }
  const hyp: Turn[] = [];
  for (const r of ref) {
    const on = r.onset + rng.normal(0, 0.1);
    const off = r.offset + rng.normal(0, 0.1);
    for (let a = on; a < off; a += 0.4) {
      const label = rng.bernoulli(0.08) ? rng.int(5) : Number(r.speaker.slice(1));
      hyp.push({ speaker: `h${label}`, onset: Math.max(0, a), offset: Math.min(off, a + 0.4) });
    }
  }
  return { ref, hyp };
}

function numpyPeer(scores: Float64Array, labels: Uint8Array, repeats: number): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), "sltk-bench-"));
  try {
    writeFileSync(join(dir, "s.bin"), new Uint8Array(scores.buffer));
    writeFileSync(join(dir, "y.bin"), labels);
    const r = spawnSync(
      "/usr/bin/python3",
      [join(here, "reference/metrics.py"), join(dir, "s.bin"), join(dir, "y.bin"), String(repeats)],
      { encoding: "utf8", env: { ...process.env, OPENBLAS_NUM_THREADS: "2", OMP_NUM_THREADS: "1" } },
    );
    if (r.status !== 0) return { error: r.stderr.trim().split("\n").pop() };
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the benchmark. */
export async function run(): Promise<Record<string, unknown>> {
  const n = 1_000_000;
  const repeats = 5;
  const { scores, labels } = scoreWorkload(n);
  const a = time(repeats, () => auroc(scores, labels));
  const ap = time(repeats, () => averagePrecision(scores, labels));
  const peer = numpyPeer(scores, labels, repeats);
  const { ref, hyp } = conversation(3600);
  const der = time(3, () => diarizationError(ref, hyp, { collar: 0.25 }));
  const rng = new Rng(3);
  const cost = Float64Array.from({ length: 300 * 300 }, () => rng.next());
  const hung = time(3, () => hungarian(cost, 300, 300).cost);
  return {
    note: "median of repeats; timings on a shared 2-core machine are noisy (load in machine.loadBefore/After)",
    auroc: { n, value: a.value, ms: a.ms, medianMs: a.medianMs },
    averagePrecision: { n, value: ap.value, ms: ap.ms, medianMs: ap.medianMs },
    numpyAuroc: peer,
    aurocRatioToNumpy:
      typeof peer.medianMs === "number" ? Math.round((a.medianMs / peer.medianMs) * 100) / 100 : null,
    der: {
      seconds: 3600,
      referenceTurns: ref.length,
      hypothesisSegments: hyp.length,
      collarPerSide: 0.25,
      value: der.value.der,
      ms: der.ms,
      medianMs: der.medianMs,
    },
    hungarian300: { ms: hung.ms, medianMs: hung.medianMs },
  };
}
