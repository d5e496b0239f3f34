"""How well a text encoder's inner products estimate K_t on theorems it never saw.

Rebuilds the theorem graph of a run directory (library theorems, targets and
proved conjectures, as the run does), holds out a share of its theorems,
trains a fresh text encoder on the rest for each step count asked (resuming,
so one run covers all of them), and prints for the held-out theorems the
Pearson correlation of `<f(x), f(y)>` with the exact `K_t(x, y)` of the whole
graph and the mean top-10 recall, with the training time.

Run: python scripts/encoder_agreement.py RUN_DIR [--steps 200 800 1400]
       [--hold-out 0.2] [--hidden 128] [--batch-size 64] [--seed 0]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from embeddings.contrastive import (
    EncoderConfig,
    TextEncoder,
    held_out_split,
    text_encoder_agreement,
)
from models import Prover
from pipeline.config import load_config
from pipeline.rounds import Run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--steps", type=int, nargs="+", default=[200, 800, 1400],
                        help="cumulative training steps at which to measure")
    parser.add_argument("--hold-out", type=float, default=0.2)
    parser.add_argument("--hidden", type=int, default=EncoderConfig.hidden)
    parser.add_argument("--batch-size", type=int, default=EncoderConfig.batch_size)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    run = Run(args.run_dir, load_config(args.run_dir / "config.yaml"), progress=False)
    try:
        graph = run._build_graph()
        round_ = run.store.last_round_with("train")
    finally:
        run.close()
    tokenizer = Prover.load(args.run_dir / "models" / f"round-{round_}" / "prover").lm.tokenizer
    train_graph, held_out = held_out_split(graph, args.hold_out, args.seed)
    config = EncoderConfig(hidden=args.hidden, batch_size=args.batch_size)
    encoder = TextEncoder.create(tokenizer, config, seed=args.seed)
    print(f"graph of {len(graph)} theorems, {len(held_out)} held out; encoder of "
          f"{encoder.num_parameters():,} parameters (hidden {args.hidden}, "
          f"batch {args.batch_size}), K_{config.t}")
    done, seconds = 0, 0.0
    for steps in sorted(args.steps):
        start = time.perf_counter()
        encoder.train(train_graph, steps - done, seed=args.seed + done, progress=True)
        seconds += time.perf_counter() - start
        done = steps
        held = text_encoder_agreement(encoder, graph, held_out)
        print(f"{steps:6d} steps  {seconds:7.1f} s  held-out Pearson {held.pearson:.3f}  "
              f"top-10 recall {held.recall:.3f}", flush=True)


if __name__ == "__main__":
    main()
