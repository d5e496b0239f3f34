"""Benchmark the embedding index: exact FAISS against numpy, and IVF at scale.

Prints, in one run:

1. exact search at 10^5 x 128: FAISS `IndexFlatIP` against numpy brute force
   (one matmul, then `argpartition` for the top k), batched and one query at
   a time, with the speed-up and a check that both find the same neighbours;
2. IVF against HNSW at 2 * 10^5 (recall@10 against exact search and query
   time at comparable settings): the measurement behind the index's choice
   of IVF above its size threshold;
3. `EmbeddingIndex` at 10^6 (IVF, as built by the project): build time,
   and recall@10 and query time for several `nprobe`.

Data are clustered, like theorem embeddings: Gaussian clusters around
random centres, each cluster with its own scale, so norms vary. Peak memory
is about 2.5 GB at the default sizes. Timings are the best of `--repeats`
runs, since the machine may be shared.

Run: python scripts/bench_index.py [--exact-size N] [--approx-size N] ...
(a size of 0 skips its section).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable

import faiss
import numpy as np

from embeddings.index import DEFAULT_NPROBE, EmbeddingIndex

CLUSTERS = 1000
"""Clusters in the synthetic data: about 1,000 points each at 10^6."""
SPREAD = 0.5
"""Within-cluster standard deviation per coordinate, against unit-variance
centres: clusters of radius about a third of the distance between centres.
`--spread 1.0` makes them overlap, a much harder case for any IVF or HNSW
index (the data approach an isotropic Gaussian)."""


def clustered(
    size: int,
    dim: int,
    centres: np.ndarray,
    scales: np.ndarray,
    seed: int,
    spread: float = SPREAD,
) -> np.ndarray:
    """`size` points `(size, dim)` float32 around `centres`, built in chunks."""
    rng = np.random.default_rng(seed)
    out = np.empty((size, dim), dtype=np.float32)
    for start in range(0, size, 100_000):
        stop = min(size, start + 100_000)
        cluster = rng.integers(len(centres), size=stop - start)
        noise = rng.standard_normal((stop - start, dim), dtype=np.float32)
        out[start:stop] = (centres[cluster] + spread * noise) * scales[cluster, None]
    return out


def best_time(run: Callable[[], object], repeats: int) -> tuple[float, object]:
    """Run `run` `repeats` times; returns (fastest seconds, last result)."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def numpy_top_k(database: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Exact top-k inner products by matmul and argpartition; `(m, k)` ids."""
    ids = np.empty((len(queries), k), dtype=np.int64)
    for start in range(0, len(queries), 250):  # (250, n) scores at a time
        scores = queries[start : start + 250] @ database.T
        top = np.argpartition(-scores, k, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1)
        ids[start : start + 250] = np.take_along_axis(top, order, axis=1)
    return ids


def recall_at(found: np.ndarray, truth: np.ndarray) -> float:
    """Mean share of each row of `truth` `(m, k)` found in `found` `(m, >=k)`."""
    hits = [len(np.intersect1d(f, t)) for f, t in zip(found, truth)]
    return float(np.mean(hits)) / truth.shape[1]


def exact_search(database, queries, singles, k, repeats) -> None:
    """Section 1: the exact EmbeddingIndex (IndexFlatIP) against numpy."""
    n, dim = database.shape
    index = EmbeddingIndex.build(database, _names(n))
    assert index.kind == "flat"
    numpy_s, numpy_ids = best_time(lambda: numpy_top_k(database, queries, k), repeats)
    faiss_s, faiss_ids = best_time(lambda: index_ids(index, queries, k), repeats)
    one_numpy, _ = best_time(
        lambda: [numpy_top_k(database, q[None], k) for q in singles], repeats
    )
    one_faiss, _ = best_time(lambda: [index.query(q, k) for q in singles], repeats)
    agree = recall_at(faiss_ids, numpy_ids)
    print(f"== exact search, {n} x {dim}, top {k} ==")
    print(
        f"batch of {len(queries)}: numpy {numpy_s:.3f} s, faiss {faiss_s:.3f} s, "
        f"speed-up {numpy_s / faiss_s:.1f}x (same neighbours: {agree:.4f})"
    )
    print(
        f"one query at a time: numpy {1e3 * one_numpy / len(singles):.2f} ms, "
        f"faiss {1e3 * one_faiss / len(singles):.2f} ms, "
        f"speed-up {one_numpy / one_faiss:.1f}x"
    )


def compare_kinds(database, queries, k, repeats) -> None:
    """Section 2: IVF (as EmbeddingIndex builds it) against HNSW."""
    n, dim = database.shape
    _, truth = faiss.knn(queries, database, k, metric=faiss.METRIC_INNER_PRODUCT)
    print(f"== IVF against HNSW, {n} x {dim}, recall@{k} of {len(queries)} queries ==")
    start = time.perf_counter()
    ivf = EmbeddingIndex.build(database, _names(n), approximate_above=0)
    print(f"ivf build {time.perf_counter() - start:.1f} s")
    for nprobe in (16, 32, 64, 128, 256):
        ivf.nprobe = nprobe
        seconds, ids = best_time(lambda: index_ids(ivf, queries, k), repeats)
        print(
            f"ivf nprobe={nprobe}: recall {recall_at(ids, truth):.3f}, "
            f"{1e3 * seconds / len(queries):.3f} ms/query"
        )
    start = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = 64
    hnsw.add(database)
    print(f"hnsw M=32 efConstruction=64 build {time.perf_counter() - start:.1f} s")
    for ef in (64, 128, 256, 512):
        hnsw.hnsw.efSearch = ef
        seconds, (_, ids) = best_time(lambda: hnsw.search(queries, k), repeats)
        print(
            f"hnsw efSearch={ef}: recall {recall_at(ids, truth):.3f}, "
            f"{1e3 * seconds / len(queries):.3f} ms/query"
        )


def approximate_search(database, queries, k, repeats) -> None:
    """Section 3: EmbeddingIndex above its threshold, at scale."""
    n, dim = database.shape
    start = time.perf_counter()
    _, truth = faiss.knn(queries, database, k, metric=faiss.METRIC_INNER_PRODUCT)
    exact_s = time.perf_counter() - start
    print(f"== EmbeddingIndex, {n} x {dim}, recall@{k} of {len(queries)} queries ==")
    print(f"exact ground truth: {1e3 * exact_s / len(queries):.2f} ms/query")
    start = time.perf_counter()
    index = EmbeddingIndex.build(database, _names(n), approximate_above=n - 1)
    print(f"{index.kind} build (train + add) {time.perf_counter() - start:.1f} s")
    print(f"lists {index.lists}, default nprobe {DEFAULT_NPROBE}")
    for nprobe in sorted({32, 64, 128, 256, DEFAULT_NPROBE}):
        index.nprobe = nprobe
        seconds, ids = best_time(lambda: index_ids(index, queries, k), repeats)
        print(
            f"nprobe={nprobe}: recall {recall_at(ids, truth):.3f}, "
            f"{1e3 * seconds / len(queries):.3f} ms/query (batch of {len(queries)})"
        )
    index.nprobe = DEFAULT_NPROBE
    seconds, _ = best_time(lambda: [index.query(q, k) for q in queries[:100]], 1)
    print(
        f"query() one at a time, nprobe={DEFAULT_NPROBE}: {10 * seconds:.2f} ms/query"
    )


def index_ids(index: EmbeddingIndex, queries: np.ndarray, k: int) -> np.ndarray:
    """Search through `EmbeddingIndex.query`; returns the ids `(m, k)`."""
    _, names = index.query(queries, k)
    return np.array(
        [[int(name[1:]) for name in row] + [-1] * (k - len(row)) for row in names]
    )


def _names(n: int) -> list[str]:
    return [f"t{i}" for i in range(n)]


def describe_machine() -> None:
    """Print what affects the timings: threads and BLAS settings."""
    print(
        f"faiss {faiss.__version__}, {faiss.omp_get_max_threads()} threads; "
        f"numpy {np.__version__}; cores {os.cpu_count()}; "
        f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')} "
        f"OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE')}"
    )
    try:
        from threadpoolctl import threadpool_info

        for pool in threadpool_info():
            print(
                f"  {pool.get('internal_api')} {pool.get('version')} "
                f"{pool.get('architecture')} threads={pool.get('num_threads')}"
            )
    except ImportError:
        print("  (threadpoolctl not installed: BLAS kernel not shown)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--exact-size", type=int, default=100_000)
    parser.add_argument("--compare-size", type=int, default=200_000)
    parser.add_argument("--approx-size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--singles", type=int, default=200)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--spread", type=float, default=SPREAD)
    args = parser.parse_args(argv)
    describe_machine()
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((CLUSTERS, args.dim)).astype(np.float32)
    scales = np.exp(0.3 * rng.standard_normal(CLUSTERS)).astype(np.float32)
    print(f"data: {CLUSTERS} clusters, spread {args.spread}")

    def data(size: int, seed: int) -> np.ndarray:
        return clustered(size, args.dim, centres, scales, seed, args.spread)

    queries = data(args.queries, seed=1)
    if args.exact_size:
        exact_search(
            data(args.exact_size, 2),
            queries,
            queries[: args.singles],
            args.k,
            args.repeats,
        )
    if args.compare_size:
        compare_kinds(data(args.compare_size, 3), queries, args.k, args.repeats)
    if args.approx_size:
        approximate_search(data(args.approx_size, 4), queries, args.k, args.repeats)


if __name__ == "__main__":
    main()
