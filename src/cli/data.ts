/** `sltk data list | path NAME | verify [NAME]`: the data set registry from the command line. */
import type { Command } from "commander";
import {
  candidateDirs,
  datasetInfo,
  datasets,
  existingPath,
  resolveDataset,
  verifyDataset,
} from "../data/registry.js";
import { action, emit, withCommonOptions } from "./common.js";

function located(name: string): string | null {
  const info = datasetInfo(name);
  return (
    candidateDirs(info.name).find((d) => info.files.every((f) => existingPath(d, f.path) !== null)) ?? null
  );
}

/** Registers the `data` command group. */
export function register(program: Command): void {
  const data = program.command("data").description("data sets: list, locate, verify checksums");
  withCommonOptions(
    data.command("list").description("list registered data sets, their licenses and where they are found"),
    { out: false },
  ).action(
    action((opts: { json?: boolean }) => {
      const rows = datasets.map((d) => ({
        name: d.name,
        files: d.files.length,
        megabytes: Math.round(d.files.reduce((s, f) => s + f.bytes, 0) / 1e5) / 10,
        license: d.license,
        nonCommercial: Boolean(d.nonCommercial),
        found: located(d.name),
        homepage: d.homepage,
      }));
      emit(rows, opts, () =>
        rows
          .map(
            (r) =>
              `${r.name.padEnd(26)} ${String(r.megabytes).padStart(6)} MB  ${r.found ? "found" : "missing"}  ${r.license}${r.nonCommercial ? " [non-commercial]" : ""}`,
          )
          .join("\n"),
      );
    }),
  );
  withCommonOptions(
    data
      .command("path")
      .argument("<name>", "data set name")
      .description("print the folder that holds a data set"),
    { out: false },
  )
    .option("--data <dir>", "explicit folder")
    .action(
      action(async (name: string, opts: { json?: boolean; data?: string }) => {
        const dir = await resolveDataset(name, { path: opts.data, download: false });
        emit({ name: datasetInfo(name).name, path: dir }, opts, dir);
      }),
    );
  withCommonOptions(
    data
      .command("verify")
      .argument("[name]", "data set name (default: all)")
      .description("check every file's size and sha256"),
    {
      out: false,
    },
  )
    .option("--data <dir>", "explicit folder (with a name)")
    .action(
      action((name: string | undefined, opts: { json?: boolean; data?: string }) => {
        const results = (name ? [datasetInfo(name)] : datasets).map((d) =>
          verifyDataset(d.name, name ? opts.data : undefined),
        );
        emit(results, opts, () =>
          results
            .map((r) =>
              r.mismatched.length
                ? `${r.name}: BAD ${r.mismatched.join(", ")}`
                : r.missing.length
                  ? `${r.name}: ${r.ok} ok, ${r.missing.length} missing (${r.dir ?? "not found"})`
                  : `${r.name}: ${r.ok} files ok (${r.dir})`,
            )
            .join("\n"),
        );
        if (results.some((r) => r.mismatched.length)) process.exitCode = 1;
      }),
    );
}
