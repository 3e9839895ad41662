"""PyTorch CPU reference for bench/engine: float32 GEMM, the MLP and the small causal transformer train steps.

Same shapes and optimiser as bench/engine-workloads.ts (PyTorch's own initialisation; losses are not compared).
Run with OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=1 (the best setting on 2 cores). Prints one JSON line.
"""
import json
import math
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)


def gemm(n, reps):
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    for _ in range(3):
        a @ b
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        a @ b
        times.append((time.perf_counter() - t) * 1000)
    ms = statistics.median(times)
    return {"n": n, "ms": ms, "gflops": 2 * n**3 / ms / 1e6}


def time_steps(step, warmup, reps):
    t = time.perf_counter()
    first = step()
    first_ms = (time.perf_counter() - t) * 1000
    for _ in range(warmup - 1):
        step()
    times = []
    last = first
    for _ in range(reps):
        t = time.perf_counter()
        last = step()
        times.append((time.perf_counter() - t) * 1000)
    return {"msPerStep": statistics.median(times), "firstStepMs": first_ms, "firstLoss": first, "lastLoss": last, "steps": warmup + reps}


def mlp_step():
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.rand(256, 784)
    y = torch.randint(0, 10, (256,))

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    return time_steps(step, 10, 40)


class Block(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.h = h
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.fc = nn.Linear(d, 4 * d)
        self.proj = nn.Linear(4 * d, d)

    def forward(self, x, mask):
        B, T, D = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(B, T, 3, self.h, D // self.h).permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-1, -2)) / math.sqrt(D // self.h) + mask
        y = (att.softmax(-1) @ v).transpose(1, 2).reshape(B, T, D)
        x = x + self.out(y)
        return x + self.proj(F.gelu(self.fc(self.ln2(x)), approximate="tanh"))


class GPT(nn.Module):
    def __init__(self, V=64, D=128, H=4, T=128, L=2):
        super().__init__()
        self.tok = nn.Embedding(V, D)
        self.pos = nn.Parameter(torch.randn(T, D) * 0.02)
        self.blocks = nn.ModuleList([Block(D, H) for _ in range(L)])
        self.lnf = nn.LayerNorm(D)
        self.head = nn.Linear(D, V, bias=False)
        self.register_buffer("mask", torch.triu(torch.full((T, T), -1e9), 1))

    def forward(self, x):
        h = self.tok(x) + self.pos
        for b in self.blocks:
            h = b(h, self.mask)
        return self.head(self.lnf(h))


def transformer_step():
    model = GPT()
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randint(0, 64, (16, 128))
    y = torch.randint(0, 64, (16, 128))

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x).reshape(-1, 64), y.reshape(-1))
        loss.backward()
        opt.step()
        return loss.item()

    r = time_steps(step, 3, 12)
    r["params"] = params
    return r


result = {
    "torch": torch.__version__,
    "gemm": [gemm(512, 20), gemm(1024, 6)],
    "mlp": mlp_step(),
    "transformer": transformer_step(),
    "rssMB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000),
}
print(json.dumps(result))
