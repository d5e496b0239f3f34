"""Theorem graph, contrastive encoder, diffusion similarity, FAISS index."""

from embeddings.graph import (
    EDGE_KINDS,
    NODE_KINDS,
    DuplicateTheoremError,
    GraphFormatError,
    TheoremGraph,
    TheoremGraphError,
    TheoremNode,
    UnknownTheoremError,
    statement_shape,
    statement_symbols,
)

__all__ = [
    "EDGE_KINDS",
    "NODE_KINDS",
    "DuplicateTheoremError",
    "GraphFormatError",
    "TheoremGraph",
    "TheoremGraphError",
    "TheoremNode",
    "UnknownTheoremError",
    "statement_shape",
    "statement_symbols",
]
