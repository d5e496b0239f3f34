"""Embeddings whose inner products estimate diffusion similarity.

The spectral contrastive loss

    L(f) = -2 E_pos <f(u), f(v)> + E_neg <f(u), f(v')>^2,

with positives `u ~ pi`, `v ~ P^t(u, .)` (t-step lazy walks) and negatives
`u, v' ~ pi` drawn independently, equals
`E_{pi x pi} (<f(u), f(v)> - K_t(u, v))^2` minus a constant (the README's mathematics), so
its minimizers have `<f(u), f(v)> ~ K_t(u, v)`.

Negatives are taken from the batch of positives: for pairs `(u_i, v_i)`, the
pairs `(u_i, v_j)`, `i != j`, are independent draws of `pi x pi` (each `v_j`
has law `pi`, the walk being reversible, and is independent of `u_i`). A
batch of B positives gives B (B - 1) negatives at no extra encoding cost.

Two models are trained with it:

- `train_free_vectors`: one free vector per node, the objective alone.
- `TextEncoder`: statement text -> `R^r` by a small transformer over the
  project's byte-level BPE tokenizer, so that it embeds statements that are
  not in the graph (new conjectures).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch
from tqdm import tqdm

from models.files import atomic_directory
from embeddings.diffusion import Agreement, diffusion_kernel, similarity_agreement
from embeddings.graph import TheoremGraph
from embeddings.walks import WalkTable
from models.device import pick_device
from models.lm import quiet_progress

if TYPE_CHECKING:
    from transformers import BertModel, PreTrainedTokenizerFast

__all__ = [
    "ENCODER_CONFIG_FILE",
    "EncoderConfig",
    "FreeVectorConfig",
    "TextEncoder",
    "held_out_split",
    "spectral_contrastive_loss",
    "text_encoder_agreement",
    "train_free_vectors",
]

logger = logging.getLogger(__name__)

ENCODER_CONFIG_FILE = "encoder_config.json"
"""Name of the saved `EncoderConfig` inside an encoder directory."""
_HEAD_FILE = "head.pt"
_LOSS_WINDOW = 20


def spectral_contrastive_loss(left: torch.Tensor, right: torch.Tensor) -> torch.Tensor:
    """The spectral contrastive loss of a batch of positive pairs.

    Args:
        left: `f(u_i)`, `(batch, r)`, with `u_i ~ pi`.
        right: `f(v_i)`, `(batch, r)`, with `v_i ~ P^t(u_i, .)`.

    Returns:
        The scalar `-2 mean_i <f(u_i), f(v_i)> + mean_{i != j} <f(u_i), f(v_j)>^2`.

    Raises:
        ValueError: if the shapes differ or the batch has fewer than 2 pairs.
    """
    if left.shape != right.shape or left.ndim != 2 or len(left) < 2:
        raise ValueError(
            f"need two (batch >= 2, r) arrays: {left.shape}, {right.shape}"
        )
    batch = len(left)
    positive = (left * right).sum(dim=1).mean()
    products = left @ right.T  # (batch, batch)
    squares = products.square()
    negative = (squares.sum() - squares.diagonal().sum()) / (batch * (batch - 1))
    return -2.0 * positive + negative


@contextmanager
def _seeded(seed: int, device: torch.device) -> Iterator[None]:
    """Seed torch inside the block and restore the caller's RNG after it."""
    gpus = [device.index or 0] if device.type == "cuda" else []
    with torch.random.fork_rng(devices=gpus):
        torch.manual_seed(seed)
        yield


def _cosine_rate(step: int, steps: int, warmup: int) -> float:
    """Learning-rate factor: linear warm-up, then cosine decay to 0."""
    if step < warmup:
        return (step + 1) / warmup
    return 0.5 * (1.0 + np.cos(np.pi * (step - warmup) / max(1, steps - warmup)))


# ---------------------------------------------------------------------------
# Free vectors
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FreeVectorConfig:
    """Settings of `train_free_vectors`.

    The defaults reach Pearson 0.99 with `K_8` on a 200-node geometric
    graph (tests/embeddings/test_contrastive.py) in a few seconds on a CPU.
    """

    t: int = 8
    """Walk length of the positives: `K_8` of the lazy walk reaches about
    4 edges out, so each node has tens of similar nodes, not hundreds."""
    dim: int = 32
    """Embedding size `r`: the exact rank-32 truncation of `K_8` on the
    test graph already has Pearson 1.00 and top-10 recall 0.98."""
    batch_size: int = 512
    """Positive pairs per step (and 512 * 511 negatives); large batches
    keep the noise of the squared negative term low. On the test graph
    1024 gained 0.01 in top-10 recall at twice the cost."""
    learning_rate: float = 0.05
    """Adam on free vectors of norm ~ sqrt(K_t(u, u)), a few to tens."""
    warmup: int = 100
    """Steps of linear warm-up before the cosine decay."""
    init_scale: float = 0.1
    """Standard deviation of the initial coordinates: small, so that the
    first negative terms do not dominate."""


def train_free_vectors(
    source: TheoremGraph | np.ndarray,
    steps: int,
    seed: int,
    config: FreeVectorConfig = FreeVectorConfig(),
    device: torch.device | str | None = None,
) -> np.ndarray:
    """Learn one vector per node by the spectral contrastive loss alone.

    Args:
        source: the graph or its weight matrix `(n, n)`.
        steps: Adam steps, each on a fresh batch of sampled walk pairs.
        seed: seeds the walks and the initial vectors.
        config: sizes and optimizer settings.
        device: see `models.pick_device`.

    Returns:
        The embedding table `(n, dim)` float32, rows in node order, with
        `table @ table.T ~ K_t`.

    Raises:
        ValueError: if `steps < 1`, or as `WalkTable.of`.
    """
    if steps < 1:
        raise ValueError(f"steps {steps} < 1")
    table = WalkTable.of(source)
    device = pick_device(str(device) if device is not None else None)
    rng = np.random.default_rng(seed)
    with _seeded(seed, device):
        init = torch.randn(len(table), config.dim) * config.init_scale
    vectors = torch.nn.Parameter(init.to(device))
    optimizer = torch.optim.Adam([vectors], lr=config.learning_rate)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: _cosine_rate(step, steps, config.warmup)
    )
    logger.info("training %d free vectors for %d steps", len(table), steps)
    for step in range(steps):
        u, v = table.positive_pairs(config.batch_size, config.t, rng)
        u = torch.from_numpy(u).to(device)
        v = torch.from_numpy(v).to(device)
        loss = spectral_contrastive_loss(vectors[u], vectors[v])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        schedule.step()
        logger.debug("step %d loss %.4f", step, loss.item())
    return vectors.detach().cpu().numpy().astype(np.float32)


# ---------------------------------------------------------------------------
# The text encoder
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EncoderConfig:
    """Size and training settings of a `TextEncoder`.

    The defaults suit Lean statements of a few dozen tokens, a vocabulary
    of about 800 tokens, theorem graphs of hundreds to thousands of nodes,
    and training on a CPU.
    """

    dim: int = 32
    """Embedding size `r`: on the core library graph the exact rank-32
    truncation of `K_4` has Pearson 0.99 with `K_4`."""
    t: int = 4
    """Walk length of the positives. The core library graph has about 10
    neighbours per node, so the lazy `K_4` (two moves on average) already
    reaches dozens of theorems; larger t blurs topics together."""
    n_layer: int = 2
    """Two bidirectional blocks: enough to read which constants a statement
    uses and how they are combined, quick to train on a CPU."""
    n_head: int = 4
    """Four heads of 32 dimensions at `hidden=128`."""
    hidden: int = 128
    """About 0.5M parameters with an 800-token vocabulary."""
    max_tokens: int = 128
    """Statements are cut to this many tokens; the core library's are at
    most 49 (median 16) with an 800-token tokenizer trained on them."""
    batch_size: int = 64
    """Positive pairs per step; at most 128 statements are encoded per step,
    and the batch gives 64 * 63 negatives."""
    learning_rate: float = 1e-3
    """AdamW; high, as usual for transformers this small."""
    warmup: int = 50
    """Steps of linear warm-up before the cosine decay."""
    dropout: float = 0.1
    """A little, as the encoder must generalize to statements it has not
    seen. On the core library it made no measurable difference (held-out
    Pearson 0.730 with it, 0.739 without, at 1,000 steps); the figures
    reported for the defaults were measured with it."""

    def __post_init__(self) -> None:
        """Raises ValueError if the sizes do not fit together."""
        if self.hidden % self.n_head:
            raise ValueError(f"hidden {self.hidden} not divisible by n_head")
        if min(self.dim, self.n_layer, self.max_tokens, self.t) < 1:
            raise ValueError("dim, n_layer, max_tokens and t must be >= 1")
        if self.batch_size < 2:
            raise ValueError(f"batch_size {self.batch_size} < 2")


class _PooledEncoder(torch.nn.Module):
    """A transformer, mean-pooled over real tokens, then a linear head."""

    def __init__(self, transformer: BertModel, head: torch.nn.Linear):
        super().__init__()
        self.transformer = transformer
        self.head = head

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Map `ids` and `mask` `(batch, seq)` to embeddings `(batch, dim)`."""
        hidden = self.transformer(input_ids=ids, attention_mask=mask)
        states = hidden.last_hidden_state  # (batch, seq, hidden)
        weights = mask.unsqueeze(-1).to(states.dtype)
        pooled = (states * weights).sum(dim=1) / weights.sum(dim=1)
        return self.head(pooled)


class TextEncoder:
    """Statement text -> `R^dim`, trained so that inner products estimate `K_t`.

    A small BERT-style transformer (built from a config, nothing downloaded)
    over a byte-level BPE tokenizer, mean-pooled, with a linear head. Use
    `create` for a fresh encoder and `load` for a saved one.
    """

    def __init__(
        self,
        tokenizer: PreTrainedTokenizerFast,
        network: _PooledEncoder,
        config: EncoderConfig,
        device: torch.device,
    ):
        self.tokenizer = tokenizer
        self.network = network.to(device).eval()
        self.config = config
        self.device = device

    @classmethod
    def create(
        cls,
        tokenizer: PreTrainedTokenizerFast,
        config: EncoderConfig = EncoderConfig(),
        seed: int = 0,
        device: torch.device | str | None = None,
    ) -> TextEncoder:
        """A freshly initialized encoder over `tokenizer`.

        Returns:
            A new `TextEncoder`; the same seed gives the same weights.

        Raises:
            ValueError: if the tokenizer has no pad or bos token.
        """
        from transformers import BertConfig, BertModel

        _special_ids(tokenizer)
        bert_config = BertConfig(
            vocab_size=len(tokenizer),
            hidden_size=config.hidden,
            num_hidden_layers=config.n_layer,
            num_attention_heads=config.n_head,
            intermediate_size=4 * config.hidden,
            max_position_embeddings=config.max_tokens,
            type_vocab_size=1,
            hidden_dropout_prob=config.dropout,
            attention_probs_dropout_prob=config.dropout,
            pad_token_id=tokenizer.pad_token_id,
        )
        device = pick_device(str(device) if device is not None else None)
        with _seeded(seed, device):
            transformer = BertModel(bert_config, add_pooling_layer=False)
            head = torch.nn.Linear(config.hidden, config.dim)
        return cls(tokenizer, _PooledEncoder(transformer, head), config, device)

    @classmethod
    def for_statements(
        cls,
        statements: Iterable[str],
        config: EncoderConfig = EncoderConfig(),
        seed: int = 0,
        device: torch.device | str | None = None,
        vocab_size: int = 800,
    ) -> TextEncoder:
        """A fresh encoder with a tokenizer trained on `statements`.

        `vocab_size` is that of `models.train_tokenizer`.

        Returns:
            A new `TextEncoder`.

        Raises:
            ValueError: as `models.train_tokenizer`.
        """
        from models.tokenizer import train_tokenizer

        tokenizer = train_tokenizer(list(statements), vocab_size=vocab_size)
        return cls.create(tokenizer, config, seed, device)

    def num_parameters(self) -> int:
        """Returns the number of parameters."""
        return sum(p.numel() for p in self.network.parameters())

    # -- training -----------------------------------------------------------

    def train(
        self, graph: TheoremGraph, steps: int, seed: int, progress: bool = False
    ) -> float:
        """Fit the encoder to `K_t` of `graph` by the spectral contrastive loss.

        Each step samples `batch_size` positive pairs of `t`-step lazy walks
        and encodes each distinct statement among them once. A fresh AdamW
        optimizer is made on each call. `progress` shows a progress bar.

        Returns:
            The mean loss of the last 20 steps.

        Raises:
            ValueError: if `steps < 1` or the graph has fewer than 2 nodes.
        """
        if steps < 1:
            raise ValueError(f"steps {steps} < 1")
        if len(graph) < 2:
            raise ValueError("the graph needs at least 2 theorems")
        table = WalkTable.from_graph(graph)
        tokens = [self._ids(graph.node(name).statement) for name in table.names]
        rng = np.random.default_rng(seed)
        optimizer = torch.optim.AdamW(
            self.network.parameters(), lr=self.config.learning_rate
        )
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda step: _cosine_rate(step, steps, self.config.warmup)
        )
        logger.info("training text encoder on %d theorems, %d steps", len(graph), steps)
        losses = []
        self.network.train()
        try:
            with _seeded(seed, self.device):
                for step in tqdm(range(steps), desc="encoder", unit="step",
                                 disable=not progress, leave=False):
                    u, v = table.positive_pairs(
                        self.config.batch_size, self.config.t, rng
                    )
                    losses.append(self._train_step(optimizer, tokens, u, v))
                    schedule.step()
                    logger.debug("step %d loss %.4f", step, losses[-1])
        finally:
            self.network.eval()
        loss = float(np.mean(losses[-_LOSS_WINDOW:]))
        logger.info("trained text encoder: final loss %.4f", loss)
        return loss

    def _train_step(
        self,
        optimizer: torch.optim.Optimizer,
        tokens: list[list[int]],
        u: np.ndarray,
        v: np.ndarray,
    ) -> float:
        """One optimizer step on the pairs `(u, v)` `(batch,)`; returns the loss."""
        distinct, inverse = np.unique(np.concatenate([u, v]), return_inverse=True)
        ids, mask = self._pad([tokens[i] for i in distinct])
        embedded = self.network(ids, mask)  # (distinct, dim)
        picked = embedded[torch.from_numpy(inverse).to(self.device)]
        loss = spectral_contrastive_loss(picked[: len(u)], picked[len(u) :])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()

    # -- encoding -----------------------------------------------------------

    def encode(self, statements: Sequence[str], batch_size: int = 256) -> np.ndarray:
        """Embed statements.

        Args:
            statements: Lean statements, in or out of the training graph.
            batch_size: statements per forward pass (256 keeps memory small).

        Returns:
            `(len(statements), dim)` float32; `(0, dim)` for no statements.
        """
        chunks = [np.zeros((0, self.config.dim), dtype=np.float32)]
        with torch.no_grad():
            for start in range(0, len(statements), batch_size):
                rows = [self._ids(s) for s in statements[start : start + batch_size]]
                ids, mask = self._pad(rows)
                chunks.append(self.network(ids, mask).float().cpu().numpy())
        result = np.concatenate(chunks)
        assert result.shape == (len(statements), self.config.dim)
        return result

    def _ids(self, statement: str) -> list[int]:
        """`<bos>` and the statement's tokens, cut to `max_tokens`.

        The leading `<bos>` gives an empty statement one token to pool.
        """
        body = self.tokenizer.encode(statement, add_special_tokens=False)
        return [self.tokenizer.bos_token_id, *body][: self.config.max_tokens]

    def _pad(self, rows: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
        """Returns `(ids, mask)`, both `(batch, longest)`, right-padded."""
        longest = max(len(row) for row in rows)
        ids = torch.full((len(rows), longest), self.tokenizer.pad_token_id)
        mask = torch.zeros((len(rows), longest), dtype=torch.long)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = torch.tensor(row)
            mask[i, : len(row)] = 1
        return ids.to(self.device), mask.to(self.device)

    # -- files --------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the encoder to the directory `path`, atomically.

        Transformer, head, tokenizer and `EncoderConfig` are written to a
        temporary sibling first and renamed into place, so `path` never holds
        a half-written encoder.

        Raises:
            OSError: if the directory cannot be written.
        """
        with atomic_directory(path) as staging, quiet_progress():
            self.network.transformer.save_pretrained(staging / "transformer")
            torch.save(self.network.head.state_dict(), staging / _HEAD_FILE)
            self.tokenizer.save_pretrained(staging / "tokenizer")
            config_json = json.dumps(dataclasses.asdict(self.config), indent=2)
            (staging / ENCODER_CONFIG_FILE).write_text(config_json)
        logger.info("saved text encoder to %s", path)

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], device: torch.device | str | None = None
    ) -> TextEncoder:
        """Load an encoder written by `save`, from local files only.

        Returns:
            The `TextEncoder`, on `device` (see `models.pick_device`).

        Raises:
            FileNotFoundError: if `path` holds no saved encoder.
        """
        from transformers import BertModel, PreTrainedTokenizerFast

        source = Path(path)
        if not (source / ENCODER_CONFIG_FILE).is_file():
            raise FileNotFoundError(f"no saved text encoder in {source}")
        config = EncoderConfig(**json.loads((source / ENCODER_CONFIG_FILE).read_text()))
        tokenizer = PreTrainedTokenizerFast.from_pretrained(
            source / "tokenizer", local_files_only=True
        )
        with quiet_progress():
            transformer = BertModel.from_pretrained(
                source / "transformer", local_files_only=True, add_pooling_layer=False
            )
        head = torch.nn.Linear(config.hidden, config.dim)
        head.load_state_dict(torch.load(source / _HEAD_FILE, weights_only=True))
        device = pick_device(str(device) if device is not None else None)
        logger.info("loaded text encoder from %s", source)
        return cls(tokenizer, _PooledEncoder(transformer, head), config, device)


def _special_ids(tokenizer: PreTrainedTokenizerFast) -> None:
    """Raises ValueError unless the tokenizer has pad and bos tokens."""
    for name in ("pad_token_id", "bos_token_id"):
        if getattr(tokenizer, name, None) is None:
            raise ValueError(f"tokenizer has no {name}")


# ---------------------------------------------------------------------------
# Held-out evaluation
# ---------------------------------------------------------------------------


def held_out_split(
    graph: TheoremGraph, fraction: float, seed: int
) -> tuple[TheoremGraph, list[str]]:
    """Hold out a random share of the theorems.

    Returns:
        `(train_graph, held_out)`: the graph rebuilt, with `graph`'s
        parameters, from the theorems not held out (edges to held-out ones
        are gone, as for statements not yet known), and the sorted names of
        the held-out theorems.

    Raises:
        ValueError: unless `0 < fraction < 1` leaves at least 2 theorems on
            each side.
    """
    names = graph.names()
    count = int(round(fraction * len(names)))
    if not (0 < fraction < 1 and 2 <= count <= len(names) - 2):
        raise ValueError(f"cannot hold out {fraction} of {len(names)} theorems")
    rng = np.random.default_rng(seed)
    held_out = sorted(rng.choice(names, size=count, replace=False).tolist())
    hidden = set(held_out)
    train_graph = TheoremGraph.build(
        [graph.node(name) for name in names if name not in hidden],
        k_similar=graph.k_similar,
        min_similarity=graph.min_similarity,
        dependency_weight=graph.dependency_weight,
        isolated_weight=graph.isolated_weight,
    )
    return train_graph, held_out


def text_encoder_agreement(
    encoder: TextEncoder,
    graph: TheoremGraph,
    names: Sequence[str],
    t: int | None = None,
    k: int = 10,
) -> Agreement:
    """How well an encoder's inner products match `K_t` of `graph`.

    Each theorem of `names` is compared with every other theorem of
    `graph`: `<f(x), f(y)>` against the exact `K_t(x, y)` of the whole
    graph (`similarity_agreement`, the theorem itself left out).

    Args:
        encoder: the trained encoder.
        graph: the full graph, which gives the exact `K_t`.
        names: the theorems to score, e.g. the held-out ones.
        t: the scale; the encoder's own `t` if None.
        k: the `k` of top-k recall.

    Returns:
        The `Agreement`.

    Raises:
        UnknownTheoremError: if a name is not in `graph`.
        ValueError: as `similarity_agreement`.
    """
    all_names = graph.names()
    position = {name: i for i, name in enumerate(all_names)}
    rows = np.array([position[graph.node(name).name] for name in names])
    kernel = diffusion_kernel(graph, encoder.config.t if t is None else t)
    vectors = encoder.encode([graph.node(name).statement for name in all_names])
    estimate = vectors[rows].astype(np.float64) @ vectors.T.astype(np.float64)
    return similarity_agreement(estimate, kernel[rows], k=k, exclude=rows)
