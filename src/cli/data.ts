/** `sltk data list | path NAME | verify [NAME]`: the data set registry from the command line. */
import { join } from "node:path";
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

function size(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} KB`;
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
        bytes: d.files.reduce((s, f) => s + f.bytes, 0),
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
              `${r.name.padEnd(26)} ${String(r.files).padStart(3)} files ${size(r.bytes).padStart(8)}  ${r.license}${r.nonCommercial ? " [non-commercial]" : ""}\n${"".padEnd(26)} ${r.found ? `found in ${r.found}` : `missing (get it from ${r.homepage})`}`,
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
                ? `${r.name}: size or sha256 mismatch in ${r.mismatched.map((f) => join(r.dir ?? "", f)).join(", ")}`
                : r.missing.length
                  ? `${r.name}: ${r.ok} ok, ${r.missing.length} missing (${r.dir ?? "not found"})`
                  : `${r.name}: ${r.ok} files ok (${r.dir})`,
            )
            .join("\n"),
        );
        // A bad file fails; so do missing files of a data set named on the command line.
        if (results.some((r) => r.mismatched.length || (name && r.missing.length))) process.exitCode = 1;
      }),
    );
}
