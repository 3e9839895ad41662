/**
 * `npm run bench -- <name> [...]`: runs bench/<name>.bench.ts (its exported `run()`) and writes the result to
 * bench/results/<name>.json. Without names, lists the benchmarks.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writeJsonAtomic } from "../src/util/fs.js";

const dir = join(process.cwd(), "bench");
const available = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.replace(/\.bench\.ts$/, ""));
const names = process.argv.slice(2);
if (names.length === 0) {
  process.stdout.write(`benchmarks: ${available.join(", ")}\nusage: npm run bench -- <name>\n`);
} else {
  for (const name of names) {
    if (!available.includes(name)) {
      process.stderr.write(`sltk bench: unknown benchmark '${name}' (known: ${available.join(", ")})\n`);
      process.exitCode = 2;
      continue;
    }
    const mod = await import(pathToFileURL(join(dir, `${name}.bench.ts`)).href);
    const t0 = performance.now();
    const result = await mod.run();
    const out = join(dir, "results", `${name}.json`);
    writeJsonAtomic(out, {
      name,
      date: new Date().toISOString(),
      seconds: (performance.now() - t0) / 1000,
      result,
    });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\nwrote ${out}\n`);
  }
}
