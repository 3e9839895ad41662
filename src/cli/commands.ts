/**
 * Every command group of the CLI, loaded lazily: `sltk <group> ...` imports only that group's module (system code,
 * models and chart libraries are not loaded for other commands); `sltk --help` loads them all. Each system adds
 * one line here.
 */
import type { Command } from "commander";

type Group = () => Promise<{ register: (program: Command) => unknown }[]>;

/** Command group name -> the modules that register it. */
export const GROUPS: Record<string, Group> = {
  demo: async () => [await import("./demo.js")],
  data: async () => [await import("./data.js")],
  der: async () => [await import("./der.js")],
  dt: async () => [await import("./dt.js"), await import("./dt-model.js")],
  avatar: async () => [await import("./avatar.js")],
  fairness: async () => [await import("./fairness.js")],
};

/** Registers the groups that `argv` needs (the named one, or all for help and unknown commands). */
export async function registerFor(program: Command, argv: string[]): Promise<void> {
  const first = argv.slice(2).find((a) => !a.startsWith("-"));
  const names = first && GROUPS[first] ? [first] : Object.keys(GROUPS);
  for (const name of names) for (const mod of await GROUPS[name]()) mod.register(program);
}

/** Registers every command group. */
export async function registerAll(program: Command): Promise<void> {
  for (const name of Object.keys(GROUPS)) for (const mod of await GROUPS[name]()) mod.register(program);
}
