/**
 * `npm run bench -- avatars`: seconds per 512-px photo for the avatar pipeline after the face network is loaded
 * (model load timed separately). Photos: the public-domain astronaut portrait plus synthetic 512-px variants of it
 * (different poses, colours and edits). Steps timed: analysis (detection, mesh, iris, embedding, attributes,
 * classifiers) and rendering (avatar + 16 stickers as SVG and 512-px PNG). Target: <= 1 s per photo in total.
 * No peer: the Allo system was never released. Writes bench/results/avatars.json when run directly.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadFaceModel } from "../src/avatars/face-model.js";
import { readImage } from "../src/avatars/image.js";
import { resolveClassifiers } from "../src/avatars/make.js";
import { renderPack } from "../src/avatars/pack.js";
import { analyseImage } from "../src/avatars/pipeline.js";
import type { AvatarSpec } from "../src/avatars/spec.js";
import { ASTRONAUT_TRUTH, prepareBase, syntheticSet } from "../src/avatars/synthetic.js";
import { resolveDataset } from "../src/data/registry.js";
import { writeJsonAtomic } from "../src/util/fs.js";

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return {
    n: s.length,
    meanS: s.reduce((a, b) => a + b, 0) / s.length / 1000,
    medianS: q(0.5) / 1000,
    p90S: q(0.9) / 1000,
    maxS: s[s.length - 1] / 1000,
  };
}

/** Runs the avatars benchmark. */
export async function run(): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const model = await loadFaceModel();
  const loadWallMs = performance.now() - t0;
  const classifiers = resolveClassifiers();
  const photo = join(await resolveDataset("faces", { required: ["astronaut.png"] }), "astronaut.png");
  const { image } = await readImage(photo);
  const base = await prepareBase(image, model, ASTRONAUT_TRUTH);
  const variants = await syntheticSet(base, { n: 9, seed: 123, size: 512 });
  const photos = [image, ...variants.map((v) => v.image)];
  await analyseImage(image, model, { classifiers }); // warm-up (first call compiles kernels for this input size)
  const analyse: number[] = [];
  const render: number[] = [];
  const total: number[] = [];
  let failed = 0;
  for (let rep = 0; rep < 2; rep++)
    for (const p of photos) {
      const a0 = performance.now();
      let spec: AvatarSpec;
      try {
        spec = (await analyseImage(p, model, { classifiers })).spec;
      } catch {
        failed++;
        continue;
      }
      const a1 = performance.now();
      renderPack(spec, 512);
      const a2 = performance.now();
      analyse.push(a1 - a0);
      render.push(a2 - a1);
      total.push(a2 - a0);
    }
  const result = {
    note: "seconds per 512-px photo after model load; 2-core machine shared with other jobs (timings are noisy)",
    modelLoad: { firstLoadMs: model.loadMs, wallMs: loadWallMs, backend: model.backend, network: model.name },
    photos: photos.length,
    repeats: 2,
    noFace: failed,
    analyse: stats(analyse),
    renderPack16: stats(render),
    total: stats(total),
    targetS: 1,
    meetsTarget: stats(total).medianS <= 1,
  };
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // Run directly (without bench/run.ts).
  const r = await run();
  writeJsonAtomic("bench/results/avatars.json", r);
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
