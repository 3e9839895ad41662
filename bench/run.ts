/**
 * `npm run bench -- <name> [...]`: runs `bench/<name>.bench.ts` (its exported `run()`) and writes the result to
 * `bench/results/<name>.json`. Without a name it lists the benchmarks.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeJsonAtomic } from "../src/util/fs.js";

const here = dirname(fileURLToPath(import.meta.url));
const names = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .map((f) => f.replace(/\.bench\.ts$/, ""));
const wanted = process.argv.slice(2);
if (!wanted.length) {
  process.stdout.write(`benchmarks: ${names.join(", ")}\nusage: npm run bench -- <name>\n`);
} else {
  for (const name of wanted) {
    if (!names.includes(name)) {
      process.stderr.write(`sltk bench: unknown benchmark '${name}'; known: ${names.join(", ")}\n`);
      process.exitCode = 2;
      continue;
    }
    const mod = (await import(`./${name}.bench.ts`)) as { run: () => Promise<Record<string, unknown>> };
    const t0 = Date.now();
    const result = await mod.run();
    const out = join(here, "results", `${name}.json`);
    writeJsonAtomic(out, {
      name,
      date: new Date().toISOString(),
      seconds: (Date.now() - t0) / 1000,
      ...result,
    });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n${name}: wrote ${out}\n`);
  }
}
