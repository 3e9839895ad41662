/** `sltk demo`: runs every registered system end to end and writes runs/<timestamp>/report.html. */
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { buildReportHtml } from "../report/html.js";
import type { ReportSection } from "../report/types.js";
import { ensureDir, writeFileAtomic, writeJsonAtomic } from "../util/fs.js";
import { log } from "../util/progress.js";
import { action, emit, withCommonOptions } from "./common.js";
import { demos } from "./demo-registry.js";

function timestamp(d = new Date()): string {
  return d.toISOString().replace(/[:]/g, "-").replace(/\..*$/, "");
}

/** Runs the demos and writes the report; returns the report path. */
export async function runDemo(opts: {
  seed: number;
  out?: string;
  only?: string[];
  size?: "small" | "full";
}) {
  const outDir = resolve(opts.out ?? join("runs", timestamp()));
  ensureDir(outDir);
  const sections: ReportSection[] = [];
  const selected = opts.only?.length ? demos.filter((d) => opts.only!.includes(d.id)) : demos;
  for (const d of selected) {
    log(`demo: ${d.title} ...`);
    const t0 = performance.now();
    let section: ReportSection;
    try {
      section = await d.run({ seed: opts.seed, outDir, size: opts.size ?? "small", log });
    } catch (e) {
      section = {
        id: d.id,
        title: d.title,
        blocks: [],
        error: `failed: ${(e as Error).message.split("\n")[0]}`,
      };
      if (process.env.SLTK_DEBUG) log(String((e as Error).stack));
    }
    section.seconds ??= (performance.now() - t0) / 1000;
    log(
      `demo: ${d.title} done in ${section.seconds.toFixed(1)} s${section.error ? ` (${section.error})` : ""}`,
    );
    sections.push(section);
  }
  const html = await buildReportHtml(sections, {
    title: "sltk demo report",
    created: new Date().toISOString(),
    command: "sltk demo",
    seed: opts.seed,
  });
  const reportPath = join(outDir, "report.html");
  writeFileAtomic(reportPath, html);
  writeJsonAtomic(join(outDir, "summary.json"), {
    seed: opts.seed,
    sections: sections.map((s) => ({ id: s.id, title: s.title, seconds: s.seconds, error: s.error ?? null })),
  });
  return { report: reportPath, sections };
}

/** Registers `sltk demo`. */
export function register(program: Command): void {
  withCommonOptions(
    program
      .command("demo")
      .description("run every system end to end at a small size and write runs/<timestamp>/report.html")
      .option("--only <ids>", "comma-separated system ids to run")
      .option("--full", "full sizes (long)"),
  ).action(
    action(async (opts: { seed: number; json?: boolean; out?: string; only?: string; full?: boolean }) => {
      const r = await runDemo({
        seed: opts.seed,
        out: opts.out,
        only: opts.only?.split(",").filter(Boolean),
        size: opts.full ? "full" : "small",
      });
      const failed = r.sections.filter((s) => s.error);
      emit(
        {
          report: r.report,
          sections: r.sections.map((s) => ({ id: s.id, seconds: s.seconds, error: s.error ?? null })),
        },
        opts,
        `report: ${r.report}${failed.length ? `\n${failed.length} section(s) failed: ${failed.map((s) => s.id).join(", ")}` : ""}`,
      );
      if (failed.length) process.exitCode = 1;
    }),
  );
}
