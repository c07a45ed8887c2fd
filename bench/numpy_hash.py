#!/usr/bin/env python3
"""Times NumPy's vectorized Engram n-gram hashing for the paper's default shape.

Mirrors the Engram reference: per layer, shifted copies of the id array padded with the
pad id, an int64 multiply-XOR mix per order, and `mix % prime` per head. Single-threaded
(the work is elementwise; OpenBLAS is not involved). Prints the median of measured rounds.
"""
import argparse
import time

import numpy as np

LAYERS = [1, 15]
MAX_NGRAM = 3
HEADS = 8
TABLE_SIZE = 129_280 * 5
COMPRESSED_VOCAB = 98_627
PAD = 2


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def layer_setup():
    half_bound = max(1, (2**63 - 1) // COMPRESSED_VOCAB // 2)
    used, setup = set(), []
    for layer in LAYERS:
        rng = np.random.default_rng(0 + 10007 * layer)
        multipliers = rng.integers(0, half_bound, size=MAX_NGRAM, dtype=np.int64) * 2 + 1
        primes = []
        for _order in range(2, MAX_NGRAM + 1):
            start, heads = TABLE_SIZE - 1, []
            for _ in range(HEADS):
                candidate = start + 1
                while not is_prime(candidate) or candidate in used:
                    candidate += 1
                used.add(candidate)
                heads.append(candidate)
                start = candidate
            primes.append(heads)
        setup.append((multipliers, primes))
    return setup


def hash_layer(x, multipliers, primes, stack):
    """Hashes a (batch, T) id array; with `stack`, returns (batch, T, heads) as the reference does."""
    T = x.shape[1]
    shifts = [x] + [np.pad(x, ((0, 0), (k, 0)), constant_values=PAD)[:, :T] for k in range(1, MAX_NGRAM)]
    out = []
    for n in range(2, MAX_NGRAM + 1):
        mix = shifts[0] * multipliers[0]
        for k in range(1, n):
            mix = np.bitwise_xor(mix, shifts[k] * multipliers[k])
        for prime in primes[n - 2]:
            head = mix % prime
            out.append(head.astype(np.int64) if stack else head)
    return np.stack(out, axis=2) if stack else out


def time_rounds(x, setup, stack, warmup, rounds):
    times = []
    for i in range(warmup + rounds):
        start = time.perf_counter()
        for multipliers, primes in setup:
            hash_layer(x, multipliers, primes, stack)
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return float(np.median(times))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()

    x = np.random.default_rng(1).integers(0, COMPRESSED_VOCAB, size=(1, args.tokens), dtype=np.int64)
    setup = layer_setup()
    hashes = args.tokens * len(LAYERS) * (MAX_NGRAM - 1) * HEADS
    bare = time_rounds(x, setup, False, args.warmup, args.rounds)
    print(f"numpy {np.__version__}: per-head arrays only (no stacking): {hashes / bare / 1e6:.1f} M hashes/s")
    stacked = time_rounds(x, setup, True, args.warmup, args.rounds)
    print(f"numpy {np.__version__}: reference layout (batch, T, heads): {args.tokens} tokens, {stacked:.3f} s per round")
    # The last line is what `engram bench hash --numpy` compares against: the same output layout as ours.
    print(f"hashes_per_second {hashes / stacked:.1f}")


if __name__ == "__main__":
    main()
