/**
 * `npm run bench -- <name> [<name> ...]`: runs `bench/<name>.bench.ts` (each exports `run()`) and writes the result to
 * `bench/results/<name>.json` with the machine it ran on. Without names it lists the benchmarks.
 */
import { execSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeJsonAtomic } from "../src/util/fs.js";

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.replace(/\.bench\.ts$/, ""))
  .sort();
const names = process.argv.slice(2).filter((a) => !a.startsWith("-"));
if (!names.length) {
  process.stdout.write(`benchmarks: ${available.join(", ")}\nusage: npm run bench -- <name> [<name> ...]\n`);
}
for (const n of names)
  if (!available.includes(n)) {
    process.stderr.write(`sltk bench: no benchmark '${n}'; available: ${available.join(", ")}\n`);
    process.exit(2);
  }

function commit(): string | null {
  try {
    return execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

for (const name of names) {
  const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as {
    run: () => Promise<Record<string, unknown>>;
  };
  const machine = {
    node: process.version,
    cpu: cpus()[0]?.model ?? "?",
    cores: cpus().length,
    loadBefore: loadavg()[0],
  };
  const t0 = performance.now();
  const result = await mod.run();
  const out = {
    benchmark: name,
    date: new Date().toISOString(),
    commit: commit(),
    machine: { ...machine, loadAfter: loadavg()[0] },
    seconds: (performance.now() - t0) / 1000,
    ...result,
  };
  writeJsonAtomic(join(here, "results", `${name}.json`), out);
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n${name}: wrote bench/results/${name}.json\n`);
}
