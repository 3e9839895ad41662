/**
 * Data set registry: name -> files (sha256, size), license, canonical address. Resolution order for a data set's
 * folder: an explicit path, `$SLTK_DATA/<name>`, the user cache `~/.cache/sltk/<name>`, then a download from the
 * canonical address (sha256-checked) when the machine is online. Offline and missing, the error names the file and
 * where to get it.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { InputError } from "../util/errors.js";
import { writeFileAtomic } from "../util/fs.js";
import manifest from "./manifest.json" with { type: "json" };

/** One file of a data set. */
export interface DataFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** A registered data set. */
export interface DatasetInfo {
  name: string;
  description: string;
  license: string;
  /** Human-readable source (paper, repository). */
  source: string;
  /** Base address for downloads: `<baseUrl>/<file path>` (absent when files must be fetched by hand). */
  baseUrl?: string;
  /** Where a user gets the data by hand. */
  homepage: string;
  /** True for data that may not be used commercially. */
  nonCommercial?: boolean;
  files: DataFile[];
}

const files = manifest as Record<string, DataFile[]>;

const INFO: Omit<DatasetInfo, "files">[] = [
  {
    name: "fairness/adult",
    description:
      "UCI Adult census income (32,561 train + 16,281 test rows); label >50K; sensitive attributes sex, race",
    license: "CC BY 4.0",
    source: "UCI Machine Learning Repository (Becker & Kohavi 1996)",
    baseUrl: "https://archive.ics.uci.edu/ml/machine-learning-databases/adult",
    homepage: "https://archive.ics.uci.edu/dataset/2/adult",
  },
  {
    name: "fairness/fico",
    description:
      "FICO TransRisk score CDFs, default rates and group totals by race (Hardt, Price, Srebro 2016)",
    license: "US government work (Federal Reserve report to Congress, 2007)",
    source: "fairmlbook code/creditscore/data",
    baseUrl: "https://raw.githubusercontent.com/fairmlbook/fairmlbook.github.io/master/code/creditscore/data",
    homepage: "https://github.com/fairmlbook/fairmlbook.github.io/tree/master/code/creditscore/data",
  },
  {
    name: "images/fashion-mnist",
    description: "Fashion-MNIST: 60,000 train + 10,000 test 28x28 grayscale images, 10 classes (IDX, gzip)",
    license: "MIT",
    source: "Zalando Research (Xiao, Rasul, Vollgraf 2017)",
    baseUrl: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com",
    homepage: "https://github.com/zalandoresearch/fashion-mnist",
  },
  {
    name: "molecules/odor",
    description:
      "Odorant molecules: curated GoodScents+Leffingwell (4,983 x 138 descriptors), Leffingwell with official splits, Keller 2016 ratings",
    license:
      "research / non-commercial use only (Leffingwell CC BY-NC 4.0; GoodScents terms); Keller 2016 open access",
    source: "OpenPOM curation (ARY2260/openpom) and pyrfume-data",
    homepage: "https://github.com/ARY2260/openpom and https://github.com/pyrfume/pyrfume-data",
    nonCommercial: true,
  },
  {
    name: "speech/ami-debug",
    description:
      "14 x 30 s AMI meeting clips (16 kHz mono WAV) with RTTM speaker turns and UEM scored regions",
    license: "CC BY 4.0 (AMI corpus); fixture files MIT (pyannote-audio)",
    source: "AMI meeting corpus, as in pyannote-audio's test fixtures",
    homepage: "https://github.com/pyannote/pyannote-audio/tree/develop/tests/data",
  },
  {
    name: "speech/librispeech-clips",
    description:
      "351 LibriSpeech FLAC clips: test-other 10 speakers x 10 clips, train-clean-100 251 speakers x 1 clip",
    license: "CC BY 4.0",
    source: "LibriSpeech (OpenSLR 12), as shipped in resemble-ai/Resemblyzer audio_data",
    homepage: "https://github.com/resemble-ai/Resemblyzer/tree/master/audio_data",
  },
  {
    name: "faces",
    description: "astronaut.png: 512x512 RGB portrait (NASA, Eileen Collins)",
    license: "public domain",
    source: "scikit-image sample data",
    baseUrl: "https://raw.githubusercontent.com/scikit-image/scikit-image/main/skimage/data",
    homepage: "https://github.com/scikit-image/scikit-image/tree/main/skimage/data",
  },
];

/** Every registered data set. */
export const datasets: DatasetInfo[] = INFO.map((i) => ({ ...i, files: files[i.name] ?? [] }));

/** Looks up a data set by name (`fashion-mnist` also finds `images/fashion-mnist`). */
export function datasetInfo(name: string): DatasetInfo {
  const d = datasets.find((x) => x.name === name) ?? datasets.find((x) => x.name.split("/").pop() === name);
  if (!d)
    throw new InputError(`unknown data set '${name}'; known: ${datasets.map((x) => x.name).join(", ")}`);
  return d;
}

/** The folders searched for a data set, in order. */
export function candidateDirs(name: string, explicit?: string): string[] {
  const out: string[] = [];
  if (explicit) out.push(resolve(explicit));
  if (process.env.SLTK_DATA) out.push(resolve(process.env.SLTK_DATA, name));
  out.push(join(cacheRoot(), name));
  return out;
}

/** The user cache folder (`$SLTK_CACHE` or `~/.cache/sltk`). */
export function cacheRoot(): string {
  return process.env.SLTK_CACHE ?? join(homedir(), ".cache", "sltk");
}

/** Finds a file on disk, accepting either Unicode normalisation of its name (NFC or NFD). */
export function existingPath(dir: string, rel: string): string | null {
  for (const form of [rel, rel.normalize("NFC"), rel.normalize("NFD")]) {
    const p = join(dir, form);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * Returns the folder that holds data set `name` (with `required` files present), downloading into the cache when
 * allowed and possible. Throws an {@link InputError} naming the missing file and where to get it.
 */
export async function resolveDataset(
  name: string,
  opts: { path?: string; required?: string[]; download?: boolean } = {},
): Promise<string> {
  const info = datasetInfo(name);
  const required = opts.required ?? info.files.map((f) => f.path);
  for (const dir of candidateDirs(info.name, opts.path)) {
    if (required.every((r) => existingPath(dir, r) !== null)) return dir;
  }
  if (opts.path) {
    const missing = required.find((r) => existingPath(resolve(opts.path!), r) === null);
    throw new InputError(`data set ${info.name}: missing ${missing}`, resolve(opts.path));
  }
  const allowDownload = opts.download ?? process.env.SLTK_OFFLINE !== "1";
  const target = join(cacheRoot(), info.name);
  if (allowDownload && info.baseUrl) {
    let current = required[0];
    try {
      for (const r of required) {
        if (existingPath(target, r)) continue;
        current = r;
        const f = info.files.find((x) => x.path === r);
        await downloadFile(`${info.baseUrl}/${r}`, join(target, r), f?.sha256);
      }
      return target;
    } catch (e) {
      throw new InputError(
        `data set ${info.name}: ${current} not found locally and download failed (${(e as Error).message}); get it from ${info.homepage} and set SLTK_DATA or pass --data`,
      );
    }
  }
  const dirs = candidateDirs(info.name);
  const missing = required.find((r) => dirs.every((d) => existingPath(d, r) === null)) ?? required[0] ?? "?";
  throw new InputError(
    `data set ${info.name}: file ${missing} not found in ${candidateDirs(info.name).join(", ")}; get it from ${info.homepage} (license: ${info.license}) and set SLTK_DATA=<folder holding ${info.name}/> or pass --data`,
  );
}

/** Downloads a URL to a path atomically, checking its sha256 when given. */
export async function downloadFile(url: string, dest: string, sha256?: string): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  const buf = new Uint8Array(await res.arrayBuffer());
  if (sha256) {
    const got = createHash("sha256").update(buf).digest("hex");
    if (got !== sha256) throw new Error(`sha256 mismatch for ${url}: expected ${sha256}, got ${got}`);
  }
  writeFileAtomic(dest, buf);
}

/** Result of verifying one data set on disk. */
export interface VerifyResult {
  name: string;
  dir: string | null;
  ok: number;
  missing: string[];
  mismatched: string[];
}

/** Checks every file of a data set against its size and sha256. */
export function verifyDataset(name: string, explicit?: string): VerifyResult {
  const info = datasetInfo(name);
  const dir = candidateDirs(info.name, explicit).find((d) => existsSync(d)) ?? null;
  const res: VerifyResult = { name: info.name, dir, ok: 0, missing: [], mismatched: [] };
  for (const f of info.files) {
    const p = dir ? existingPath(dir, f.path) : null;
    if (!p) {
      res.missing.push(f.path);
      continue;
    }
    if (statSync(p).size !== f.bytes) {
      res.mismatched.push(f.path);
      continue;
    }
    const h = createHash("sha256").update(readFileSync(p)).digest("hex");
    if (h === f.sha256) res.ok++;
    else res.mismatched.push(f.path);
  }
  return res;
}
