"""Baseline for `engram bench train`: training steps of the same LLaMA-style model in PyTorch on the CPU.

The model matches the Java trainer: RMSNorm, rotary attention (rotate-half) with grouped-query heads,
SwiGLU MLP, untied output head, no biases; AdamW with weight decay on matrices only, gradient clipping at
1.0, float32. Token ids are uniform random, batch x (seq_len + 1) per step, seeded. Attention is written
out because torch 1.13 (Debian python3-torch) has no scaled_dot_product_attention. Prints one JSON line
with the median seconds per step over the measured steps and tokens per second.

Run with /usr/bin/python3 after installing libopenblas0-pthread: without it torch calls the reference BLAS.
"""
import argparse
import json
import math
import statistics
import time

import torch
import torch.nn.functional as F


class RMSNorm(torch.nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Layer(torch.nn.Module):
    def __init__(self, a):
        super().__init__()
        d, hd = a.hidden, a.hidden // a.heads
        self.heads, self.kv_heads, self.head_dim = a.heads, a.kv_heads, hd
        self.input_norm = RMSNorm(d, 1e-5)
        self.q = torch.nn.Linear(d, d, bias=False)
        self.k = torch.nn.Linear(d, a.kv_heads * hd, bias=False)
        self.v = torch.nn.Linear(d, a.kv_heads * hd, bias=False)
        self.o = torch.nn.Linear(d, d, bias=False)
        self.post_norm = RMSNorm(d, 1e-5)
        self.gate = torch.nn.Linear(d, a.intermediate, bias=False)
        self.up = torch.nn.Linear(d, a.intermediate, bias=False)
        self.down = torch.nn.Linear(a.intermediate, d, bias=False)

    def forward(self, h, cos, sin, mask):
        b, t, d = h.shape
        x = self.input_norm(h)
        q = self.q(x).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = self.k(x).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v(x).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        group = self.heads // self.kv_heads
        k = k.repeat_interleave(group, dim=1)
        v = v.repeat_interleave(group, dim=1)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(self.head_dim) + mask
        attended = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        h = h + self.o(attended)
        x = self.post_norm(h)
        return h + self.down(F.silu(self.gate(x)) * self.up(x))


class Model(torch.nn.Module):
    def __init__(self, a):
        super().__init__()
        self.embed = torch.nn.Embedding(a.vocab, a.hidden)
        self.layers = torch.nn.ModuleList(Layer(a) for _ in range(a.layers))
        self.norm = RMSNorm(a.hidden, 1e-5)
        self.head = torch.nn.Linear(a.hidden, a.vocab, bias=False)
        hd = a.hidden // a.heads
        inv = 10000.0 ** (-torch.arange(0, hd // 2, dtype=torch.float32) * 2 / hd)
        angles = torch.arange(a.seq_len, dtype=torch.float32)[:, None] * inv[None, :]
        angles = torch.cat((angles, angles), dim=-1)
        self.register_buffer("cos", angles.cos())
        self.register_buffer("sin", angles.sin())
        self.register_buffer("mask", torch.full((a.seq_len, a.seq_len), float("-inf")).triu(1))

    def forward(self, ids):
        h = self.embed(ids)
        for layer in self.layers:
            h = layer(h, self.cos, self.sin, self.mask)
        return self.head(self.norm(h))


def main():
    p = argparse.ArgumentParser(description=__doc__)
    for name, default in [("hidden", 256), ("layers", 4), ("heads", 8), ("kv-heads", 8), ("intermediate", 512),
                          ("vocab", 4096), ("seq-len", 256), ("batch", 8), ("threads", 2), ("warmup", 2),
                          ("steps", 5)]:
        p.add_argument("--" + name, type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = Model(a)
    decayed = [q for n, q in model.named_parameters() if q.dim() == 2]
    others = [q for n, q in model.named_parameters() if q.dim() != 2]
    optimizer = torch.optim.AdamW([{"params": decayed, "weight_decay": 0.1}, {"params": others, "weight_decay": 0.0}],
                                  lr=1e-3, betas=(0.9, 0.95), eps=1e-8)
    parameters = sum(q.numel() for q in model.parameters())
    times = []
    for step in range(a.warmup + a.steps):
        batch = torch.randint(0, a.vocab, (a.batch, a.seq_len + 1))
        start = time.perf_counter()
        logits = model(batch[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, a.vocab), batch[:, 1:].reshape(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        if step >= a.warmup:
            times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(json.dumps({"parameters": parameters, "threads": a.threads, "torch": torch.__version__,
                      "median_step_s": median, "tokens_per_s": a.batch * a.seq_len / median,
                      "loss": loss.item()}))


if __name__ == "__main__":
    main()
