/** The systems `sltk demo` runs, in report order. Each system adds its entry here. */
import { avatarsDemo } from "../avatars/demo.js";
import { demo as dtGamesDemo } from "../decision/demo.js";
import { mgdtDemo } from "../decision/mgdt/demo.js";
import { fairnessDemo } from "../fairness/demo.js";
import type { DemoEntry } from "../report/types.js";

/** All registered demos. */
export const demos: DemoEntry[] = [dtGamesDemo, mgdtDemo, avatarsDemo, fairnessDemo];
