/** `sltk der --ref REF.rttm --hyp HYP.rttm [--uem FILE] [--collar 0.25] [--skip-overlap]`: diarization error rate. */
import type { Command } from "commander";
import { readRttm, readUem } from "../data/rttm.js";
import { diarizationErrorFiles } from "../metrics/der.js";
import { action, emit, numberOption, withCommonOptions } from "./common.js";

/** Registers `sltk der`. */
export function register(program: Command): void {
  withCommonOptions(
    program
      .command("der")
      .description(
        "diarization error rate of a hypothesis RTTM against a reference RTTM (md-eval conventions)",
      )
      .requiredOption("--ref <file>", "reference RTTM")
      .requiredOption("--hyp <file>", "hypothesis RTTM")
      .option("--uem <file>", "scored regions (UEM)")
      .option(
        "--collar <seconds>",
        "no-score zone in seconds on EACH side of every reference boundary (md-eval -c; pyannote's collar = 2x this)",
        numberOption("--collar"),
        0,
      )
      .option("--skip-overlap", "ignore regions where the reference has overlapping speakers"),
    { out: false },
  ).action(
    action(
      (opts: {
        ref: string;
        hyp: string;
        uem?: string;
        collar: number;
        skipOverlap?: boolean;
        json?: boolean;
      }) => {
        const r = diarizationErrorFiles(readRttm(opts.ref), readRttm(opts.hyp), {
          uem: opts.uem ? readUem(opts.uem) : undefined,
          collar: opts.collar,
          skipOverlap: opts.skipOverlap,
        });
        const warn = (what: string, fs: string[]) => {
          if (fs.length)
            process.stderr.write(
              `sltk der: ${fs.length} file(s) ${what}: ${fs.slice(0, 5).join(", ")}${fs.length > 5 ? ", ..." : ""}\n`,
            );
        };
        warn("only in the hypothesis (scored as false alarm)", r.hypOnly);
        warn("without hypothesis turns (scored as missed)", r.refOnly);
        const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
        const line = (name: string, d: typeof r.total) =>
          `${name.padEnd(16)} DER ${pct(d.der).padStart(8)}  missed ${d.missed.toFixed(2)} s  false alarm ${d.falseAlarm.toFixed(2)} s  confusion ${d.confusion.toFixed(2)} s  of ${d.total.toFixed(2)} s`;
        emit(
          {
            collarPerSide: opts.collar,
            skipOverlap: Boolean(opts.skipOverlap),
            total: r.total,
            files: r.files,
            hypOnly: r.hypOnly,
            refOnly: r.refOnly,
          },
          opts,
          () => [...Object.entries(r.files).map(([f, d]) => line(f, d)), line("TOTAL", r.total)].join("\n"),
        );
      },
    ),
  );
}
