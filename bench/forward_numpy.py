"""Baseline for `engram bench forward`: the same LLaMA forward pass in float32 numpy.

Reads the model folder the bench wrote (config.json, model.safetensors without Engram layers), runs
prefill of the given token ids, and prints one JSON line with the median seconds of the forward pass
and of a square single-precision matmul. Set OPENBLAS_NUM_THREADS before starting Python: OpenBLAS
reads it only at load time.
"""
import argparse
import json
import struct
import sys
import time

import numpy as np


def load_safetensors(path):
    with open(path, "rb") as f:
        header_len = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(header_len))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            sys.exit(f"{path}: tensor {name} is {entry['dtype']}; this baseline reads F32 only")
        begin, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype=np.float32).reshape(entry["shape"])
    return tensors


def rms_norm(x, weight, eps):
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + eps) * weight


def silu(x):
    return x / (1.0 + np.exp(-x))


def forward(cfg, w, ids):
    d, heads, kv_heads = cfg["hidden_size"], cfg["num_heads"], cfg["num_kv_heads"]
    head_dim, eps, t = d // heads, np.float32(cfg["rms_norm_eps"]), len(ids)
    inv_freq = cfg["rope_theta"] ** (-np.arange(0, head_dim, 2, dtype=np.float64) / head_dim)
    angles = np.arange(t)[:, None] * inv_freq[None, :]
    cos = np.cos(np.concatenate([angles, angles], -1)).astype(np.float32)[:, None, :]
    sin = np.sin(np.concatenate([angles, angles], -1)).astype(np.float32)[:, None, :]
    half = head_dim // 2
    mask = np.triu(np.full((t, t), -np.inf, dtype=np.float32), 1)

    def rope(x):
        return x * cos + np.concatenate([-x[..., half:], x[..., :half]], -1) * sin

    h = w["model.embed_tokens.weight"][ids]
    for layer in range(cfg["num_layers"]):
        p = f"model.layers.{layer}."
        x = rms_norm(h, w[p + "input_layernorm.weight"], eps)
        q = rope((x @ w[p + "self_attn.q_proj.weight"].T).reshape(t, heads, head_dim))
        k = rope((x @ w[p + "self_attn.k_proj.weight"].T).reshape(t, kv_heads, head_dim))
        v = (x @ w[p + "self_attn.v_proj.weight"].T).reshape(t, kv_heads, head_dim)
        group = heads // kv_heads
        k, v = np.repeat(k, group, 1), np.repeat(v, group, 1)
        # Batched matmul, not einsum: np.einsum without optimize=True skips BLAS and would slow the baseline.
        q, k, v = q.transpose(1, 0, 2), k.transpose(1, 0, 2), v.transpose(1, 0, 2)
        scores = q @ k.transpose(0, 2, 1) / np.float32(np.sqrt(head_dim)) + mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        attended = (scores @ v).transpose(1, 0, 2).reshape(t, d)
        h = h + attended @ w[p + "self_attn.o_proj.weight"].T
        x = rms_norm(h, w[p + "post_attention_layernorm.weight"], eps)
        gate = silu(x @ w[p + "mlp.gate_proj.weight"].T) * (x @ w[p + "mlp.up_proj.weight"].T)
        h = h + gate @ w[p + "mlp.down_proj.weight"].T
    return rms_norm(h, w["model.norm.weight"], eps) @ w["lm_head.weight"].T


def median_seconds(warmup, rounds, fn):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("model", help="model folder written by engram bench forward")
    parser.add_argument("--ids", required=True, help="comma-separated token ids")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--matmul-size", type=int, default=1024)
    args = parser.parse_args()

    cfg = json.load(open(f"{args.model}/config.json"))
    weights = load_safetensors(f"{args.model}/model.safetensors")
    ids = np.array([int(i) for i in args.ids.split(",")])
    logits = forward(cfg, weights, ids)
    forward_s = median_seconds(args.warmup, args.rounds, lambda: forward(cfg, weights, ids))

    n = args.matmul_size
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    matmul_s = median_seconds(args.warmup, args.rounds, lambda: a @ b.T)
    print(json.dumps({"forward_s": forward_s, "matmul_s": matmul_s, "matmul_n": n,
                      "last_logits": [float(v) for v in logits[-1, :4]]}))


if __name__ == "__main__":
    main()
