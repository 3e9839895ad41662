/**
 * `npm run bench -- engine`: jax-js (1 and 2 threads) beside PyTorch CPU (Debian python3-torch, OpenBLAS) on the same
 * workloads in the same invocation: GEMM 512/1024, MLP train step (batch 256, 784-256-256-10, Adam), causal
 * transformer train step (2 layers, d_model 128, 4 heads, T 128, batch 16, vocab 64, Adam). Reports ratios.
 */
import { spawnSync } from "node:child_process";

function runJson(cmd: string, args: string[], env: Record<string, string>): Record<string, any> {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr.slice(-500)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

/** Runs the engine benchmark. */
export async function run(): Promise<Record<string, unknown>> {
  const js1 = runJson(process.execPath, ["--import", "tsx", "bench/engine-workloads.ts"], {
    SLTK_THREADS: "1",
  });
  const js2 = runJson(process.execPath, ["--import", "tsx", "bench/engine-workloads.ts"], {
    SLTK_THREADS: "2",
  });
  let torch: Record<string, any> | null = null;
  let torchError: string | null = null;
  try {
    torch = runJson("/usr/bin/python3", ["bench/reference/engine.py"], {
      OPENBLAS_NUM_THREADS: "2",
      OMP_NUM_THREADS: "1",
    });
  } catch (e) {
    torchError = (e as Error).message;
  }
  const best = (k: "mlp" | "transformer") => Math.min(js1[k].msPerStep, js2[k].msPerStep);
  const ratios = torch
    ? {
        mlp: best("mlp") / torch.mlp.msPerStep,
        transformer: best("transformer") / torch.transformer.msPerStep,
        gemm1024: torch.gemm[1].gflops / Math.max(js1.gemm[1].gflops, js2.gemm[1].gflops),
      }
    : null;
  return {
    note: "ms per step (median); ratio = best jax-js time / PyTorch time (target <= 2)",
    jaxjs_1thread: js1,
    jaxjs_2threads: js2,
    pytorch: torch,
    pytorchError: torchError,
    ratios,
  };
}
