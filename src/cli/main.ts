/** The `sltk` command line: `sltk <system> <verb> [options]`. */
import { Command, CommanderError } from "commander";
import { registerAll, registerFor } from "./commands.js";
import { exitCodeFor } from "./common.js";

/** Builds the program with the commands `argv` needs registered (all of them without `argv`). */
export async function buildProgram(argv?: string[]): Promise<Command> {
  const program = new Command();
  program
    .name("sltk")
    .description("Seven systems from Google Research's supervised-learning work, in TypeScript")
    .version("0.1.0")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  if (argv) await registerFor(program, argv);
  else await registerAll(program);
  return program;
}

/** Runs the CLI with `argv` (as in process.argv). */
export async function main(argv: string[]): Promise<void> {
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    const { code, message } = exitCodeFor(e);
    if (message) process.stderr.write(`sltk: ${message}\n`);
    process.exitCode = code;
  }
}
