/**
 * `npm run bench -- <name> [<name> ...]`: runs `bench/<name>.bench.ts` (each exports `run()`) and writes its result
 * to `bench/results/<name>.json`. Without names, runs every benchmark in this folder.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeJsonAtomic } from "../src/util/fs.js";

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.replace(/\.bench\.ts$/, ""))
  .sort();
const names = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const n of names)
  if (!available.includes(n)) {
    process.stderr.write(`sltk bench: no benchmark '${n}'; available: ${available.join(", ")}\n`);
    process.exit(2);
  }
for (const name of names.length ? names : available) {
  const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as {
    run: () => Promise<Record<string, unknown>>;
  };
  const t0 = performance.now();
  const result = await mod.run();
  const out = {
    benchmark: name,
    date: new Date().toISOString(),
    node: process.version,
    seconds: (performance.now() - t0) / 1000,
    ...result,
  };
  writeJsonAtomic(join(here, "results", `${name}.json`), out);
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}
