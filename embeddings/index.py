"""A FAISS index of theorem embeddings, searched by inner product.

Inner products of the contrastive embeddings estimate diffusion similarity
`K_t`, so maximum-inner-product search finds the theorems most similar to a
statement. The index is exact (`IndexFlatIP`) up to `approximate_above`
vectors and an inverted-file index (`IndexIVFFlat`, inner-product metric)
above; it moves to the GPU when faiss was built with GPU support and a GPU
is visible. Theorem names are stored beside the vectors, in insertion order.

Why IVF rather than HNSW: `scripts/bench_index.py` measured both on
clustered data with varied norms, like the embeddings (`||f(x)||^2 ~
K_t(x, x)` is large for isolated statements). At 2 * 10^5 x 128 on two
shared CPU cores, recall@10 >= 0.99 took 0.21 ms a query with IVF (nprobe 32)
and 0.37 ms with HNSW (M 32, efSearch 256), and IVF built in half the time;
on overlapping clusters IVF reached 0.97 at 0.63 ms, HNSW at 1.29 ms. IVF
also uses less memory and is the one of the two that faiss runs on a GPU.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import faiss
import numpy as np

from models.files import atomic_directory

__all__ = [
    "DEFAULT_APPROXIMATE_ABOVE",
    "DEFAULT_NPROBE",
    "EmbeddingIndex",
    "IndexFormatError",
    "IndexKind",
    "UnknownNameError",
    "gpu_available",
]

logger = logging.getLogger(__name__)

IndexKind = Literal["flat", "ivf"]

DEFAULT_APPROXIMATE_ABOVE = 200_000
"""Exact search up to this many vectors. An exact query scans all of them:
about 0.5 ms a query in batches and 6 ms alone at 2 * 10^5 x 128 on two CPU
cores (bench_index.py), still cheap next to checking a proof with Lean, and
exact answers are worth keeping while they cost that little."""
DEFAULT_NPROBE = 64
"""Inverted lists scanned per query. With `nlist = 4 sqrt(n)` lists (4,000
at 10^6), 64 gave recall@10 0.98 at 0.5 ms a query on clustered data at
10^6 x 128 (bench_index.py; exact search took 6.6 ms). Limitation: on
strongly overlapping clusters, close to one isotropic Gaussian, 64 probes
gave only 0.77 and 256 gave 0.91; raise `nprobe` where recall matters more
than time."""
_LISTS_PER_ROOT = 4
"""`nlist = 4 sqrt(n)`, the low end of faiss's advice (4 to 16 sqrt(n)):
fewer, larger lists need fewer probes for the same recall."""
_TRAIN_POINTS_PER_LIST = 64
"""k-means sees at most 64 points per list (faiss warns below 39)."""
_SERIAL_BELOW = 20
"""Batches of fewer queries are searched on one thread. Waking OpenMP
threads costs more than scanning for them: on two busy cores one query on
2 * 10^4 vectors took 7 ms on two threads and 0.26 ms on one. (20 is also
where faiss itself switches from its own loops to BLAS.)"""
_INDEX_FILE = "index.faiss"
_NAMES_FILE = "names.json"
_META_FILE = "meta.json"
_FORMAT_VERSION = 1


class IndexFormatError(ValueError):
    """A directory that does not hold a saved index, or holds a broken one."""


class UnknownNameError(KeyError):
    """A name that is not in the index."""


def gpu_available() -> bool:
    """Whether this faiss can use a GPU: built with GPU support and one visible.

    Returns:
        False for faiss-cpu, or when no GPU is visible.
    """
    return hasattr(faiss, "StandardGpuResources") and faiss.get_num_gpus() > 0


def _as_matrix(vectors: np.ndarray, dim: int | None = None) -> np.ndarray:
    """Vectors as a C-contiguous float32 `(m, dim)` array.

    Raises:
        ValueError: if the array is not 1- or 2-d, or has the wrong width.
    """
    matrix = np.ascontiguousarray(vectors, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    if matrix.ndim != 2 or (dim is not None and matrix.shape[1] != dim):
        raise ValueError(f"vectors must be (m, {dim or 'dim'}), not {matrix.shape}")
    return matrix


class EmbeddingIndex:
    """Vectors with names, searched by inner product.

    Build one with `build`, or reload one with `load`.

    Attributes:
        dim: the vector size.
        kind: "flat" (exact) or "ivf" (approximate).
        lists: the IVF index's inverted lists; 0 when exact.
        names: the names, in insertion order (do not modify).
    """

    def __init__(
        self,
        index: faiss.Index,
        names: list[str],
        kind: IndexKind,
        nprobe: int,
        use_gpu: bool | None = None,
    ):
        self.dim = index.d
        self.kind = kind
        self.names = list(names)
        self._position = {name: i for i, name in enumerate(self.names)}
        if len(self._position) != len(self.names):
            raise ValueError("index names must be distinct")
        # `_cpu` holds the vectors (for `vector` and `save`); `_index` is what
        # searches, the same object unless a GPU copy was made.
        self._cpu = index
        self._index = index
        self._gpu_resources = None
        self.lists = faiss.extract_index_ivf(index).nlist if kind == "ivf" else 0
        self.nprobe = nprobe
        if use_gpu or (use_gpu is None and gpu_available()):
            self._move_to_gpu()

    # -- construction -------------------------------------------------------

    @classmethod
    def build(
        cls,
        vectors: np.ndarray,
        names: Sequence[str],
        *,
        approximate_above: int = DEFAULT_APPROXIMATE_ABOVE,
        nprobe: int = DEFAULT_NPROBE,
        use_gpu: bool | None = None,
        seed: int = 0,
    ) -> EmbeddingIndex:
        """Index `vectors` `(n, dim)` under `names` `(n,)`.

        The index is exact if `n <= approximate_above`, an IVF index with
        `4 sqrt(n)` lists (trained by k-means on at most 64 vectors a list,
        drawn with `seed`) otherwise. `use_gpu=None` uses a GPU when
        `gpu_available()`; True asks for one and logs a warning if none can
        be had.

        Returns:
            The index, holding all `n` vectors.

        Raises:
            ValueError: if shapes disagree, names repeat, or `n == 0`.
        """
        matrix = _as_matrix(vectors)
        n, dim = matrix.shape
        if n == 0 or len(names) != n:
            raise ValueError(f"need one name per vector: {len(names)} for {n}")
        if n <= approximate_above:
            index = faiss.IndexFlatIP(dim)
            kind: IndexKind = "flat"
        else:
            index = _trained_ivf(matrix, seed)
            kind = "ivf"
        index.add(matrix)
        logger.info("built %s index of %d vectors of dim %d", kind, n, dim)
        return cls(index, list(names), kind, nprobe, use_gpu)

    def add(self, vectors: np.ndarray, names: Sequence[str]) -> None:
        """Add vectors `(m, dim)` under new `names` `(m,)`.

        The kind of index stays as built: an exact index stays exact however
        large it grows (build again to switch), and an IVF index keeps the
        lists it was trained with.

        Raises:
            ValueError: if shapes disagree or a name is already present.
        """
        matrix = _as_matrix(vectors, self.dim)
        if len(names) != len(matrix):
            raise ValueError(
                f"need one name per vector: {len(names)} for {len(matrix)}"
            )
        fresh = list(names)
        if len(set(fresh)) != len(fresh) or any(n in self._position for n in fresh):
            raise ValueError("index names must be distinct")
        self._index.add(matrix)
        if self._cpu is not self._index:
            self._cpu.add(matrix)
        for name in fresh:
            self._position[name] = len(self.names)
            self.names.append(name)

    def _move_to_gpu(self) -> None:
        """Put the index on GPU 0, or log why not and stay on the CPU."""
        if not gpu_available():
            logger.warning("no faiss GPU support or no GPU: index stays on the CPU")
            return
        try:
            resources = faiss.StandardGpuResources()
            self._index = faiss.index_cpu_to_gpu(resources, 0, self._cpu)
            self._gpu_resources = resources
            logger.info("moved %s index to the GPU", self.kind)
        except RuntimeError as error:
            logger.warning("index stays on the CPU: %s", error)

    @property
    def nprobe(self) -> int:
        """Inverted lists an IVF index scans per query (unused when exact)."""
        return self._nprobe

    @nprobe.setter
    def nprobe(self, value: int) -> None:
        if value < 1:
            raise ValueError(f"nprobe must be >= 1, not {value}")
        self._nprobe = int(value)
        if self.kind == "ivf":
            if self.on_gpu:
                faiss.GpuParameterSpace().set_index_parameter(
                    self._index, "nprobe", self._nprobe
                )
            else:
                faiss.extract_index_ivf(self._index).nprobe = self._nprobe
            if self._cpu is not self._index:
                faiss.extract_index_ivf(self._cpu).nprobe = self._nprobe

    @property
    def on_gpu(self) -> bool:
        """Whether searches run on a GPU."""
        return self._gpu_resources is not None

    # -- queries ------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, name: object) -> bool:
        return name in self._position

    def query(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, list[list[str]]]:
        """The `k` largest inner products with each query vector.

        Args:
            vectors: queries, `(m, dim)` or one `(dim,)`.
            k: how many neighbours per query; at most `len(self)` come back.

        Returns:
            `(scores, names)`: scores `(m, min(k, len))` float32, best first,
            and for each query the names in the same order. An approximate
            index may find fewer than asked: that row's names list is shorter
            and its missing scores are `-inf`.

        Raises:
            ValueError: if `k < 1` or the vectors have the wrong width.
        """
        if k < 1:
            raise ValueError(f"k must be >= 1, not {k}")
        matrix = _as_matrix(vectors, self.dim)
        width = min(k, len(self))
        if width == 0:
            return np.zeros((len(matrix), 0), np.float32), [[] for _ in matrix]
        scores, labels = self._search(matrix, width)  # (m, width) each
        scores = np.where(labels >= 0, scores, -np.inf).astype(np.float32)
        names = [[self.names[j] for j in row if j >= 0] for row in labels]
        return scores, names

    def _search(self, matrix: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """faiss search, on one thread for small CPU batches (`_SERIAL_BELOW`)."""
        if self.on_gpu or len(matrix) >= _SERIAL_BELOW:
            return self._index.search(matrix, k)
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            return self._index.search(matrix, k)
        finally:
            faiss.omp_set_num_threads(threads)

    def vector(self, name: str) -> np.ndarray:
        """The stored vector of `name`, `(dim,)` float32.

        Raises:
            UnknownNameError: if `name` is not in the index.
        """
        if name not in self._position:
            raise UnknownNameError(name)
        return self._cpu_index().reconstruct(self._position[name])

    def neighbours(self, name: str, k: int) -> tuple[np.ndarray, list[str]]:
        """The `k` names most similar to the stored `name`, itself left out.

        Returns:
            `(scores (<= k,), names)`, best first.

        Raises:
            UnknownNameError: if `name` is not in the index.
            ValueError: if `k < 1`.
        """
        scores, names = self.query(self.vector(name), k + 1)
        kept = [(s, n) for s, n in zip(scores[0], names[0]) if n != name][:k]
        return np.array([s for s, _ in kept], np.float32), [n for _, n in kept]

    def _cpu_index(self) -> faiss.Index:
        """The CPU index, able to `reconstruct` stored vectors.

        With a GPU, the CPU index is kept beside the GPU copy: host memory
        for the vectors twice over, so that `vector` and `save` need no
        copy back from the GPU.
        """
        if self.kind == "ivf":
            ivf = faiss.extract_index_ivf(self._cpu)
            if not ivf.direct_map.type:
                ivf.make_direct_map()
        return self._cpu

    # -- files --------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the index and its names to the directory `path`, atomically.

        Files are written to a temporary sibling and renamed into place, so
        `path` never holds a half-written index.

        Raises:
            OSError: if the directory cannot be written.
        """
        meta = {
            "version": _FORMAT_VERSION,
            "kind": self.kind,
            "dim": self.dim,
            "count": len(self),
            "nprobe": self.nprobe,
        }
        with atomic_directory(path) as staging:
            faiss.write_index(self._cpu_index(), str(staging / _INDEX_FILE))
            names_json = json.dumps(self.names, ensure_ascii=False)
            (staging / _NAMES_FILE).write_text(names_json, encoding="utf-8")
            (staging / _META_FILE).write_text(json.dumps(meta, indent=2))
        logger.info("saved %s index of %d vectors to %s", self.kind, len(self), path)

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], use_gpu: bool | None = None
    ) -> EmbeddingIndex:
        """Read an index written by `save`.

        Returns:
            The index, on a GPU as in `build`'s `use_gpu`.

        Raises:
            FileNotFoundError: if `path` holds no saved index.
            IndexFormatError: if its files disagree with each other.
        """
        source = Path(path)
        if not (source / _META_FILE).is_file():
            raise FileNotFoundError(f"no saved index in {source}")
        try:
            meta = json.loads((source / _META_FILE).read_text())
            names = json.loads((source / _NAMES_FILE).read_text(encoding="utf-8"))
            index = faiss.read_index(str(source / _INDEX_FILE))
        except (OSError, ValueError, RuntimeError) as error:
            raise IndexFormatError(f"{source}: {error}") from error
        if not (
            meta.get("version") == _FORMAT_VERSION
            and meta.get("kind") in ("flat", "ivf")
            and index.d == meta.get("dim")
            and index.ntotal == meta.get("count") == len(names)
        ):
            raise IndexFormatError(f"{source}: index, names and meta disagree")
        return cls(index, names, meta["kind"], meta["nprobe"], use_gpu)


def _trained_ivf(matrix: np.ndarray, seed: int) -> faiss.Index:
    """An empty IVF inner-product index trained on (a sample of) `matrix`."""
    n, dim = matrix.shape
    lists = max(1, min(int(_LISTS_PER_ROOT * math.sqrt(n)), n // 39))
    sample_size = min(n, _TRAIN_POINTS_PER_LIST * lists)
    rng = np.random.default_rng(seed)
    sample = matrix[np.sort(rng.choice(n, size=sample_size, replace=False))]
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFFlat(quantizer, dim, lists, faiss.METRIC_INNER_PRODUCT)
    index.cp.seed = seed
    logger.info("training IVF index: %d lists on %d vectors", lists, sample_size)
    index.train(sample)
    index.own_fields = True
    quantizer.this.disown()
    return index
