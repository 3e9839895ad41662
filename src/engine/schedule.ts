/** Learning-rate schedules: plain functions of the step, evaluated on the host and fed to the jitted step. */

/** A learning-rate schedule: step (0-based) -> learning rate. */
export type Schedule = (step: number) => number;

/** A constant learning rate. */
export function constantSchedule(lr: number): Schedule {
  return () => lr;
}

/** Linear warm-up from 0 to `lr` over `warmup` steps, then cosine decay to `lr * finalFraction` at `total`. */
export function warmupCosine(lr: number, warmup: number, total: number, finalFraction = 0): Schedule {
  return (step) => {
    if (warmup > 0 && step < warmup) return (lr * (step + 1)) / warmup;
    const t = Math.min(1, (step - warmup) / Math.max(1, total - warmup));
    return lr * (finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * t)));
  };
}

/** Linear warm-up, then linear decay to `lr * finalFraction` at `total` (constant after). */
export function warmupLinear(lr: number, warmup: number, total: number, finalFraction = 0): Schedule {
  return (step) => {
    if (warmup > 0 && step < warmup) return (lr * (step + 1)) / warmup;
    const t = Math.min(1, (step - warmup) / Math.max(1, total - warmup));
    return lr * (1 - (1 - finalFraction) * t);
  };
}

/** Linear warm-up, then constant. */
export function warmupConstant(lr: number, warmup: number): Schedule {
  return (step) => (warmup > 0 && step < warmup ? (lr * (step + 1)) / warmup : lr);
}

/** Multiplies the rate by `factor` at each boundary step (staircase). */
export function piecewiseSchedule(lr: number, boundaries: number[], factor: number): Schedule {
  return (step) => lr * factor ** boundaries.filter((b) => step >= b).length;
}

/** Exponential staircase decay: lr * rate^floor(step / every). */
export function exponentialSchedule(lr: number, every: number, rate: number): Schedule {
  return (step) => lr * rate ** Math.floor(step / every);
}
