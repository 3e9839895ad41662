/** The systems `sltk demo` runs, in report order. Each system adds its entry here. */
import { fairnessDemo } from "../fairness/demo.js";
import type { DemoEntry } from "../report/types.js";

/** All registered demos. */
export const demos: DemoEntry[] = [fairnessDemo];
