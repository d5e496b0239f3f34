"""Checker throughput, side by side on the same honest candidates.

Three ways to check N honest induction proofs on the embedded core:

1. one Lean process per proof (two at a time, one per core);
2. raw `lean` on one file holding all N theorems (no screening, no
   confirmation: the speed limit of batch elaboration);
3. the full sound checker (screen, compile, confirm, restate, axioms),
   with no verdict cache.

Prints theorems/s for each and the ratios. Usage:
    python scripts/bench_checker.py [--n 1000] [--batch-size 200]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import tempfile
import time
from pathlib import Path

from lean_env.checker import Candidate, Checker, render_batch
from lean_env.library import core_library

def honest_candidates(n: int) -> list[Candidate]:
    """Return n distinct candidates, each one induction proof (the shape of
    most proofs self-play finds); they differ in the bound variable's name,
    so none is a duplicate the checker could skip."""
    return [Candidate(f"∀ (x{k} : Nat), 0 + x{k} = x{k}",
                      f"by\n  intro x{k}\n  induction x{k} with\n  | zero => rfl\n"
                      f"  | succ m ih => exact congrArg Nat.succ ih")
            for k in range(n)]


def _file(lib, cands: list[Candidate]) -> str:
    items = [(f"b{k}", c.statement, c.proof) for k, c in enumerate(cands)]
    return render_batch(lib.header, items, print_axioms=True)[0]


def _run_file(lib, text: str, tmp: Path, name: str) -> None:
    path = tmp / f"{name}.lean"
    path.write_text(text, encoding="utf-8")
    done = lib.toolchain.run([path.name], cwd=tmp, env=lib.env(), timeout=600)
    if done.returncode != 0 or "error" in done.stdout:
        raise RuntimeError(f"{name}: Lean reported a problem: {done.stdout[:300]}")


def one_process_per_proof(lib, cands, workers: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            list(pool.map(lambda kc: _run_file(lib, _file(lib, [kc[1]]), Path(tmp), f"P{kc[0]}"),
                          enumerate(cands)))
        return time.monotonic() - start


def raw_batch(lib, cands) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.monotonic()
        _run_file(lib, _file(lib, cands), Path(tmp), "Raw")
        return time.monotonic() - start


def sound_checker(lib, cands, batch_size: int, workers: int) -> float:
    checker = Checker(lib, batch_size=batch_size, workers=workers)
    start = time.monotonic()
    verdicts = checker.check(cands)
    seconds = time.monotonic() - start
    assert all(v.proved for v in verdicts), [v for v in verdicts if not v.proved][:1]
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--sweep", default="50,100,200,500",
                        help="batch sizes to time the sound checker at")
    args = parser.parse_args()
    lib = core_library()
    cands = honest_candidates(args.n)
    per = one_process_per_proof(lib, cands, args.workers)
    raw = raw_batch(lib, cands)
    sound = sound_checker(lib, cands, args.batch_size, args.workers)
    rate = {name: args.n / s for name, s in
            (("one process per proof", per), ("raw batch", raw), ("sound checker", sound))}
    print(f"{args.n} honest candidates, {args.workers} workers, batch size {args.batch_size}")
    for name, r in rate.items():
        print(f"  {name:22} {args.n / r:7.2f} s  {r:8.1f} theorems/s")
    print(f"sound checker / one process per proof: {rate['sound checker'] / rate['one process per proof']:.1f}x"
          " (target >= 15x)")
    print(f"sound checker / raw batch:             {rate['sound checker'] / rate['raw batch']:.2f}"
          " (target >= 0.50)")
    print("sound checker by batch size:")
    for size in (int(x) for x in args.sweep.split(",") if x):
        seconds = sound_checker(lib, cands, size, args.workers)
        print(f"  batch size {size:4}: {args.n / seconds:7.1f} theorems/s")


if __name__ == "__main__":
    main()
