/**
 * The pretrained face network: @vladmandic/human (BlazeFace detector, 478-point face mesh with irises, FaceRes
 * 1024-d embedding) on TF.js's WASM backend, loaded offline from the model files inside the npm package.
 * Only the face models are enabled (no body, hand, object, segmentation, gesture). Nothing is fetched from the
 * network: model paths are `file://` URLs and the WASM binary is read from the local tfjs-backend-wasm folder.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { RgbImage } from "./image.js";

/** One face found by the network, in image pixel coordinates. */
export interface DetectedFace {
  /** Bounding box `[x, y, width, height]`. */
  box: [number, number, number, number];
  /** Detection confidence 0..1. */
  score: number;
  /** 478 mesh points `[x, y, z]` (468 face points + 10 iris points); z is relative depth in pixel units. */
  mesh: [number, number, number][];
  /** Named landmark groups (MediaPipe face-mesh topology): silhouette, lips, eyes, brows, irises, cheeks. */
  annotations: Record<string, [number, number, number][]>;
  /** FaceRes embedding (1024 values) of the aligned face crop. */
  embedding: Float32Array;
  /** Head rotation in radians. */
  rotation: { roll: number; yaw: number; pitch: number };
  /** Age estimate of the FaceRes head (years); shown for information, not used for the avatar. */
  age: number | null;
}

/** A loaded face network. */
export interface FaceModel {
  /** Finds faces in an RGB image; largest first is not guaranteed (see `pickFace`). */
  detect(img: RgbImage): Promise<DetectedFace[]>;
  /** Milliseconds the first load took. */
  loadMs: number;
  /** The TF.js backend in use (`wasm`). */
  backend: string;
  /** Package and version of the network. */
  name: string;
}

type AnyHuman = {
  load(): Promise<void>;
  detect(input: unknown): Promise<{ face: any[]; error?: string | null }>;
  tf: any;
  version: string;
};

const require = createRequire(import.meta.url);

/** Folders of the packages the network needs (human's `exports` map has no `./package.json`, so go via main). */
function packagePaths(): { humanDir: string; wasmDir: string } {
  const humanDir = join(dirname(require.resolve("@vladmandic/human")), "..");
  const wasmDir = dirname(require.resolve("@tensorflow/tfjs-backend-wasm"));
  return { humanDir, wasmDir };
}

/**
 * Runs `fn` with a `fetch` that also serves `file://` URLs from disk (Node's own fetch rejects that scheme; human
 * loads its model JSON and weights through fetch). Other URLs are refused while the shim is active, so that the
 * model load can never reach the network; the original fetch is restored afterwards.
 */
async function withLocalFetch<T>(fn: () => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  const local = (async (url: string | URL | Request) => {
    const u = typeof url === "string" ? url : url instanceof URL ? url.href : url.url;
    if (!u.startsWith("file://"))
      throw new Error(`sltk avatars: network access refused while loading models (${u})`);
    const body = readFileSync(fileURLToPath(u));
    const type = u.endsWith(".json") ? "application/json" : "application/octet-stream";
    return new Response(body, { status: 200, headers: { "content-type": type } });
  }) as typeof fetch;
  globalThis.fetch = local;
  try {
    return await fn();
  } finally {
    globalThis.fetch = original;
  }
}

/** Human's configuration: faces only, WASM backend, local files, no frame caching (each call is a new photo). */
export function humanConfig(humanDir: string, wasmDir: string): Record<string, unknown> {
  return {
    backend: "wasm",
    wasmPath: `${wasmDir}/`,
    wasmPlatformFetch: false,
    modelBasePath: `${pathToFileURL(join(humanDir, "models")).href}/`,
    debug: false,
    async: true,
    warmup: "none",
    cacheModels: false,
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: {
        rotation: true,
        maxDetected: 20,
        minConfidence: 0.5,
        minSize: 0,
        return: false,
        skipFrames: 0,
      },
      mesh: { enabled: true },
      attention: { enabled: false },
      iris: { enabled: true, skipFrames: 0 },
      description: { enabled: true, skipFrames: 0 },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      gear: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    gesture: { enabled: false },
  };
}

function toFace(f: any, width: number, height: number): DetectedFace {
  // `mesh` is rounded to whole pixels; `meshRaw` keeps the sub-pixel position (normalised by the image size).
  const raw = (f.meshRaw ?? []) as number[][];
  const mesh = ((f.mesh ?? []) as number[][]).map((p, i): [number, number, number] =>
    raw[i] ? [raw[i][0] * width, raw[i][1] * height, p[2]] : [p[0], p[1], p[2]],
  );
  const ann: Record<string, [number, number, number][]> = {};
  for (const [k, v] of Object.entries(f.annotations ?? {})) ann[k] = v as [number, number, number][];
  const angle = f.rotation?.angle ?? { roll: 0, yaw: 0, pitch: 0 };
  return {
    box: [f.box[0], f.box[1], f.box[2], f.box[3]],
    score: Number(f.score ?? f.faceScore ?? 0),
    mesh,
    annotations: ann,
    embedding: Float32Array.from(f.embedding ?? []),
    rotation: { roll: Number(angle.roll) || 0, yaw: Number(angle.yaw) || 0, pitch: Number(angle.pitch) || 0 },
    age: typeof f.age === "number" ? f.age : null,
  };
}

let loading: Promise<FaceModel> | null = null;

/** Loads the face network once per process (later calls return the same model). */
export function loadFaceModel(): Promise<FaceModel> {
  loading ??= load().catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}

async function load(): Promise<FaceModel> {
  const t0 = performance.now();
  const { humanDir, wasmDir } = packagePaths();
  const mod = require(join(humanDir, "dist", "human.node-wasm.js"));
  const human: AnyHuman = new mod.Human(humanConfig(humanDir, wasmDir));
  // The Emscripten runtime of tfjs-backend-wasm installs process handlers that re-throw any unhandled rejection
  // (printing its whole source); remove the handlers it adds so that the host's error handling stays in charge.
  const before = {
    uncaughtException: process.listeners("uncaughtException"),
    unhandledRejection: process.listeners("unhandledRejection"),
  };
  await withLocalFetch(async () => {
    await human.load();
    // The first inference compiles the WASM kernels; run it on a small grey frame while the shim is active.
    const t = human.tf.zeros([64, 64, 3], "int32");
    try {
      await human.detect(t);
    } finally {
      t.dispose();
    }
  });
  for (const l of process.listeners("uncaughtException"))
    if (!before.uncaughtException.includes(l)) process.removeListener("uncaughtException", l);
  for (const l of process.listeners("unhandledRejection"))
    if (!before.unhandledRejection.includes(l)) process.removeListener("unhandledRejection", l);
  const loadMs = performance.now() - t0;
  const backend = String(human.tf.getBackend());
  return {
    loadMs,
    backend,
    name: `@vladmandic/human ${human.version} (blazeface + facemesh + iris + faceres)`,
    async detect(img: RgbImage): Promise<DetectedFace[]> {
      const t = human.tf.tensor3d(img.data, [img.height, img.width, 3], "int32");
      try {
        const res = await human.detect(t);
        if (res.error) throw new Error(`face network: ${res.error}`);
        return res.face
          .filter((f) => Array.isArray(f.mesh) && f.mesh.length >= 468)
          .map((f) => toFace(f, img.width, img.height));
      } finally {
        t.dispose();
      }
    },
  };
}
