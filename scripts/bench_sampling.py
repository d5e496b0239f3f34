"""Benchmark proof sampling: batched generation against one proof at a time.

Loads the current prover of a run directory and samples `k` proofs for each
of `--statements` library targets, side by side in one run:

1. batched: one `Prover.prove` call for all statements and samples (rows of
   up to `GENERATE_CHUNK` sequences decoded together, with the KV cache);
2. one at a time: one `generate` call per proof (still with the KV cache).

Prints generated tokens per second for both (tokens counted by re-encoding
each proof, plus its end token) and the ratio. Timings are the best of
`--repeats` runs after one warm-up call, since the machine may be shared.

Run: python scripts/bench_sampling.py RUN_DIR [--statements 32] [-k 8]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import torch

from models import Prover
from pipeline.store import Store


def _tokens(prover: Prover, proofs: list[list[str]]) -> int:
    tokenizer = prover.lm.tokenizer
    return sum(len(tokenizer.encode(p, add_special_tokens=False)) + 1
               for group in proofs for p in group)


def _best(repeats: int, job) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = job()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--statements", type=int, default=32)
    parser.add_argument("-k", type=int, default=8, help="proofs per statement")
    parser.add_argument("--temperature", type=float, default=0.9)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()

    store = Store(args.run_dir / "run.db")
    try:
        round_ = store.last_round_with("train")
        statements = [t.statement for t in store.theorems("kind='target'")][: args.statements]
    finally:
        store.close()
    prover = Prover.load(args.run_dir / "models" / f"round-{round_}" / "prover")
    print(f"prover of {prover.lm.num_parameters():,} parameters on {prover.lm.device}, "
          f"{torch.get_num_threads()} torch threads; {len(statements)} statements x "
          f"{args.k} samples")

    def batched():
        return prover.prove(statements, args.k, args.temperature, seed=0)

    def one_at_a_time():
        return [[prover.prove([s], 1, args.temperature, seed=1000 * i + j)[0][0]
                 for j in range(args.k)] for i, s in enumerate(statements)]

    prover.prove(statements[:2], 2, args.temperature, seed=0)  # warm-up: first-call setup
    rates = {}
    for name, job in (("batched", batched), ("one at a time", one_at_a_time)):
        seconds, proofs = _best(args.repeats, job)
        tokens = _tokens(prover, proofs)
        rates[name] = tokens / seconds
        print(f"{name:14}  {tokens:6d} tokens  {seconds:7.2f} s  {rates[name]:8.0f} tokens/s",
              flush=True)
    print(f"batched / one at a time: {rates['batched'] / rates['one at a time']:.1f}x")


if __name__ == "__main__":
    main()
