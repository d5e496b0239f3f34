"""Theorem graph, contrastive encoder, diffusion similarity, FAISS index.

The encoder (torch) and the index (faiss) are imported on first use, so that
`import embeddings.graph` stays light.
"""

import importlib

from embeddings.diffusion import (
    Agreement,
    collision,
    collision_by_walk,
    diffusion_kernel,
    diversity,
    embedding_collision,
    embedding_diversity,
    empirical_distribution,
    similarity_agreement,
    spectral_embedding,
)
from embeddings.graph import (
    EDGE_KINDS,
    NODE_KINDS,
    DuplicateTheoremError,
    GraphFormatError,
    TheoremGraph,
    TheoremGraphError,
    TheoremNode,
    UnknownTheoremError,
    statement_key,
    statement_shape,
    statement_symbols,
)
from embeddings.walks import (
    WalkTable,
    WindowSimilarity,
    diversity_walk,
    diversity_weights,
)

_LAZY = {
    "EncoderConfig": "embeddings.contrastive",
    "FreeVectorConfig": "embeddings.contrastive",
    "TextEncoder": "embeddings.contrastive",
    "held_out_split": "embeddings.contrastive",
    "spectral_contrastive_loss": "embeddings.contrastive",
    "text_encoder_agreement": "embeddings.contrastive",
    "train_free_vectors": "embeddings.contrastive",
    "EmbeddingIndex": "embeddings.index",
    "IndexFormatError": "embeddings.index",
    "UnknownNameError": "embeddings.index",
}


def __getattr__(name: str):
    """Import the torch and faiss parts on first use (PEP 562)."""
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'embeddings' has no attribute {name!r}")


__all__ = [
    "EDGE_KINDS",
    "NODE_KINDS",
    "Agreement",
    "DuplicateTheoremError",
    "GraphFormatError",
    "TheoremGraph",
    "TheoremGraphError",
    "TheoremNode",
    "UnknownTheoremError",
    "WalkTable",
    "WindowSimilarity",
    "collision",
    "collision_by_walk",
    "diffusion_kernel",
    "diversity",
    "diversity_walk",
    "diversity_weights",
    "embedding_collision",
    "embedding_diversity",
    "empirical_distribution",
    "similarity_agreement",
    "spectral_embedding",
    "statement_key",
    "statement_shape",
    "statement_symbols",
    *sorted(_LAZY),
]
