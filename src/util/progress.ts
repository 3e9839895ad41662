/** Progress bars on stderr, shown only when stderr is a terminal (never in pipes, CI or `--json` output). */
import cliProgress from "cli-progress";

/** A progress reporter: `tick(n)` advances, `update(value, payload)` sets, `stop()` ends. */
export interface Progress {
  tick(n?: number, payload?: Record<string, unknown>): void;
  update(value: number, payload?: Record<string, unknown>): void;
  stop(): void;
}

const silent: Progress = { tick() {}, update() {}, stop() {} };

/** Starts a progress bar of `total` steps with a label, or a silent one when stderr is not a TTY. */
export function progressBar(label: string, total: number, opts: { enabled?: boolean } = {}): Progress {
  const enabled = opts.enabled ?? Boolean(process.stderr.isTTY);
  if (!enabled) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% {value}/{total} {eta_formatted} {info}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { info: "" });
  let value = 0;
  return {
    tick(n = 1, payload) {
      value += n;
      bar.update(value, payload ?? {});
    },
    update(v, payload) {
      value = v;
      bar.update(v, payload ?? {});
    },
    stop() {
      bar.stop();
    },
  };
}

/** Logs a line to stderr (stdout is kept for results and `--json`). */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
