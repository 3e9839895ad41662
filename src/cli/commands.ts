/** Every command group of the CLI. Each system adds its `register` here. */
import type { Command } from "commander";
import { register as registerAvatar } from "./avatar.js";
import { register as registerData } from "./data.js";
import { register as registerDemo } from "./demo.js";
import { register as registerDer } from "./der.js";
import { register as registerDt } from "./dt.js";
import { register as registerFairness } from "./fairness.js";

/** Registers all commands on the program. */
export function registerAll(program: Command): void {
  registerDemo(program);
  registerData(program);
  registerDer(program);
  registerDt(program);
  registerAvatar(program);
  registerFairness(program);
}
