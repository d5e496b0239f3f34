"""A run's learned theorem similarity: the text encoder and its FAISS index.

Each round's train step fits the text encoder to `K_4` of the theorem graph
(resuming from the previous round's encoder), embeds every theorem of the
graph and saves both beside the models (`models/round-N/encoder` and
`models/round-N/index`), so `leanplay query` and `leanplay neighbors` read the
similarity of the last completed round.
"""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

from embeddings.graph import TheoremGraph
from pipeline.checkpoints import CheckpointError
from pipeline.store import Store

__all__ = ["ENCODER_DIR", "INDEX_DIR", "Hit", "RunSimilarity", "UnknownTheorem",
           "build_index"]

ENCODER_DIR = "encoder"
INDEX_DIR = "index"


class UnknownTheorem(LookupError):
    """A theorem name that the run's index does not hold."""


@dataclasses.dataclass(frozen=True)
class Hit:
    """One theorem found near a query."""

    name: str
    statement: str
    similarity: float
    proved: bool


def build_index(encoder, graph: TheoremGraph):
    """The exact (or, for large graphs, IVF) index of every theorem of `graph`."""
    from embeddings.index import EmbeddingIndex

    names = graph.names()
    vectors = encoder.encode([graph.node(name).statement for name in names])
    return EmbeddingIndex.build(vectors, names)


class RunSimilarity:
    """The encoder and index of a run's last completed round, read-only."""

    def __init__(self, run_dir: Path) -> None:
        from embeddings.contrastive import TextEncoder
        from embeddings.index import EmbeddingIndex

        store = Store(Path(run_dir) / "run.db")
        try:
            model_dir = Path(run_dir) / "models" / f"round-{store.last_round_with('train')}"
            self._theorems = {t.name: t for t in store.theorems()}
        finally:
            store.close()
        try:
            self.encoder = TextEncoder.load(model_dir / ENCODER_DIR)
            self.index = EmbeddingIndex.load(model_dir / INDEX_DIR)
        except FileNotFoundError as exc:
            raise CheckpointError(f"{model_dir} has no text encoder or index ({exc}); every "
                                  "round's train step writes them (`leanplay doctor DIR` "
                                  "checks the run)") from exc
        except Exception as exc:  # torch, safetensors, json, faiss each raise their own kinds
            raise CheckpointError(f"the encoder or index in {model_dir} is damaged "
                                  f"({type(exc).__name__}: {str(exc)[:120]})") from exc

    def query(self, statement: str, k: int) -> list[Hit]:
        """The `k` theorems whose embeddings have the largest inner product
        with that of `statement` (any text; it need not elaborate)."""
        scores, names = self.index.query(self.encoder.encode([statement]), k)
        return self._hits(scores[0], names[0])

    def neighbours(self, name: str, k: int) -> list[Hit]:
        """The `k` theorems most similar to the run's theorem `name`.

        Raises:
            UnknownTheorem: with the closest names, if the index lacks `name`.
        """
        if name not in self.index:
            close = difflib.get_close_matches(name, self.index.names, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UnknownTheorem(f"no theorem {name!r} in the run's index{hint}")
        scores, names = self.index.neighbours(name, k)
        return self._hits(scores, names)

    def _hits(self, scores, names) -> list[Hit]:
        hits = []
        for score, name in zip(scores, names):
            row = self._theorems.get(name)
            hits.append(Hit(name, row.statement if row else "", float(score),
                            bool(row and row.proof is not None)))
        return hits
