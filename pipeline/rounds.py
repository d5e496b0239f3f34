"""Self-play rounds.

A round reads as its steps: walk the theorem graph from proved theorems,
propose neighbours (conjecturer and symbolic mutations), keep the new
statements that Lean elaborates, sample proofs for them and for the
library's open targets, check every proof with Lean, store attempts and
verdicts, then retrain both models on everything found.
"""

from __future__ import annotations

import dataclasses
import logging
import random
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from embeddings.graph import TheoremGraph, TheoremNode, statement_shape
from lean_env.cache import VerdictCache
from lean_env.checker import Checker
from lean_env.library import core_library
from models import Conjecturer, LMConfig, Prover, train_tokenizer
from pipeline.config import RunConfig
from pipeline.library_data import load_core_data
from pipeline.mutations import mutations
from pipeline.proving import attempt_proofs, sample_in_chunks, shortest_proved
from pipeline.store import Store

__all__ = ["Run", "RoundSummary"]

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class RoundSummary:
    round: int
    conjectured: int
    elaborated: int
    attempted: int
    new_proved: int
    targets_proved: int
    cumulative_proved: int
    seconds: float


@dataclasses.dataclass(frozen=True)
class Proposal:
    statement: str
    parent: str
    source: str  # "conjecturer" or "mutation"


class Run:
    """One run directory: its database, models, graph and config."""

    def __init__(self, run_dir: Path, config: RunConfig, *, progress: bool = True) -> None:
        self.dir = Path(run_dir)
        self.config = config
        self.progress = progress
        self.library = core_library()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.store = Store(self.dir / "run.db", create=True)
        self.cache = VerdictCache(self.dir / "run.db")
        self.checker = Checker(self.library, cache=self.cache)
        self.prover: Prover | None = None
        self.conjecturer: Conjecturer | None = None
        self.graph: TheoremGraph | None = None

    # -- set-up ---------------------------------------------------------------

    def prepare(self) -> None:
        """Load the library and models; on a new run, train the first models."""
        models = self.dir / "models"
        if (models / "prover").exists() and (models / "conjecturer").exists():
            self.prover = Prover.load(models / "prover")
            self.conjecturer = Conjecturer.load(models / "conjecturer")
            self.graph = self._build_graph()
        else:
            self._initialise()

    def _initialise(self) -> None:
        data = load_core_data(self.library, self.checker)
        if not self.store.theorems():
            self._store_library(data)
        self._create_models(data)

    def _store_library(self, data) -> None:
        with self.store.db:
            for rec in data.seeds:
                self.store.add_theorem(rec.name, rec.statement, statement_shape(rec.statement),
                                       "seed", 0, "library", proof=rec.proof, proved_round=0)
            for rec in data.targets:
                self.store.add_theorem(rec.name, rec.statement, statement_shape(rec.statement),
                                       "target", 0, "library")

    def _create_models(self, data) -> None:
        cfg = self.config
        tokenizer = train_tokenizer([data.text], vocab_size=cfg.vocab_size)
        lm_config = LMConfig(n_layer=cfg.n_layer, n_head=cfg.n_head, n_embd=cfg.n_embd)
        self.prover = Prover.create(tokenizer, lm_config, seed=cfg.seed)
        self.conjecturer = Conjecturer.create(tokenizer, lm_config, seed=cfg.seed + 1)
        self.graph = self._build_graph()
        self._train(round_=0, steps=cfg.initial_train_steps)

    def _build_graph(self) -> TheoremGraph:
        nodes = [TheoremNode(t.name, t.statement, t.kind, t.proof is not None)
                 for t in self.store.theorems("kind != 'conjecture'")]
        graph = TheoremGraph.build(nodes)
        for t in self.store.theorems("kind = 'conjecture' AND proof IS NOT NULL"):
            parent = t.parent if t.parent in graph else None
            graph.add(TheoremNode(t.name, t.statement, "conjecture", True), parent=parent)
        return graph

    # -- the loop ---------------------------------------------------------------

    def run(self) -> list[RoundSummary]:
        """Run rounds until ``config.rounds`` are complete; return the new ones."""
        self.prepare()
        done = len(self.store.rounds())
        self.store.discard_round(done + 1)
        return [self.run_round(r) for r in range(done + 1, self.config.rounds + 1)]

    def run_round(self, round_: int) -> RoundSummary:
        start = time.monotonic()
        rng = random.Random(self.config.seed * 100_003 + round_)
        proposals = self._propose(round_, rng)
        new = self._keep_elaborating(proposals)
        conj_names = self._store_conjectures(round_, new)
        open_targets = [t for t in self.store.theorems("kind='target' AND proof IS NULL")] \
            if self.config.attempt_targets else []
        goals = [(n, p.statement) for n, p in zip(conj_names, new)] + \
                [(t.name, t.statement) for t in open_targets]
        proved = self._prove_and_check(round_, goals, rng)
        self._grow_graph(proved)
        self._train(round_, self.config.round_train_steps)
        targets = sum(1 for name in proved if name in {t.name for t in open_targets})
        seconds = time.monotonic() - start
        with self.store.db:
            self.store.add_round(round_, len(proposals), len(new), len(goals), len(proved),
                                 targets, seconds)
        row = self.store.rounds()[-1]
        log.info("round %d: %d conjectures, %d new proved, cumulative %d", round_,
                 len(new), len(proved), row["cumulative_proved"])
        return RoundSummary(round_, len(proposals), len(new), len(goals), len(proved),
                            targets, row["cumulative_proved"], seconds)

    def _propose(self, round_: int, rng: random.Random) -> list[Proposal]:
        proved = [t for t in self.store.theorems("proof IS NOT NULL") if t.name in self.graph]
        np_rng = np.random.default_rng(rng.randrange(2**32))
        starts = rng.sample(proved, min(self.config.walk_starts, len(proved)))
        visited: dict[str, None] = {}
        for t in starts:
            for name in self.graph.walk(t.name, self.config.walk_steps, np_rng):
                visited.setdefault(name)
        names = list(visited)
        statements = [self.graph.node(n).statement for n in names]
        proposals = []
        for name, stmt in zip(names, statements):
            proposals += [Proposal(s, name, "mutation")
                          for s in mutations(stmt, rng, self.config.mutations_per_node)]
        if self.config.conjectures_per_node:
            sampled = sample_in_chunks(
                self.conjecturer.propose, statements, self.config.conjectures_per_node,
                temperature=self.config.temperature, max_new_tokens=self.config.max_new_tokens,
                rng=rng, desc="conjecture", progress=self.progress)
            for name, outs in zip(names, sampled):
                proposals += [Proposal(" ".join(s.split()), name, "conjecturer") for s in outs]
        return proposals

    def _keep_elaborating(self, proposals: list[Proposal]) -> list[Proposal]:
        seen = self.store.shapes()
        fresh = []
        for p in proposals:
            shape = statement_shape(p.statement)
            if p.statement and shape not in seen:
                seen.add(shape)
                fresh.append(p)
        fresh = fresh[:self.config.max_conjectures]
        problems = self.checker.elaborates([p.statement for p in fresh])
        return [p for p, problem in zip(fresh, problems) if problem is None]

    def _store_conjectures(self, round_: int, new: list[Proposal]) -> list[str]:
        names = []
        with self.store.db:
            for k, p in enumerate(new):
                name = f"conj.r{round_}.{k}"
                self.store.add_theorem(name, p.statement, statement_shape(p.statement),
                                       "conjecture", round_, p.source, parent=p.parent)
                names.append(name)
        return names

    def _prove_and_check(self, round_: int, goals: list[tuple[str, str]],
                         rng: random.Random) -> dict[str, str]:
        cfg = self.config
        results = attempt_proofs(self.prover, self.checker, [s for _, s in goals],
                                 cfg.proofs_per_statement, temperature=cfg.temperature,
                                 max_new_tokens=cfg.max_new_tokens, rng=rng,
                                 progress=self.progress)
        best: dict[str, str] = {}
        with self.store.db:
            for (name, _), attempts in zip(goals, results):
                for a in attempts:
                    v = a.verdict
                    self.store.add_attempt(round_, name, a.proof, v.status.value,
                                           v.reason.value if v.reason else "", v.message,
                                           v.seconds)
                proof = shortest_proved(attempts)
                if proof is not None:
                    best[name] = proof
                    self.store.mark_proved(name, proof, round_)
        return best

    def _grow_graph(self, proved: dict[str, str]) -> None:
        rows = {t.name: t for t in self.store.theorems("proof IS NOT NULL")}
        for name in proved:
            t = rows[name]
            if name in self.graph:
                self.graph.mark_proved(name)
            else:
                parent = t.parent if t.parent in self.graph else None
                self.graph.add(TheoremNode(name, t.statement, "conjecture", True), parent=parent)

    # -- training -----------------------------------------------------------------

    def _train(self, round_: int, steps: int) -> None:
        if steps == 0:
            return
        proved = self.store.theorems("proof IS NOT NULL")
        pairs = [(t.statement, t.proof) for t in proved]
        # Recent finds and short proofs weigh more: they are what the next round needs.
        weights = [(2.0 if (t.proved_round or 0) == round_ else 1.0) / (1 + len(t.proof) / 200)
                   for t in proved]
        bar = tqdm(total=2, desc="train", unit="model", disable=not self.progress, leave=False)
        loss = self.prover.train(pairs, steps, seed=self.config.seed + round_, weights=weights)
        log.info("prover trained on %d proofs: loss %.3f", len(pairs), loss)
        bar.update()
        conj_pairs = self._conjecture_pairs()
        if conj_pairs:
            loss = self.conjecturer.train(conj_pairs, steps, seed=self.config.seed + round_ + 7)
            log.info("conjecturer trained on %d pairs: loss %.3f", len(conj_pairs), loss)
        bar.update()
        bar.close()
        self.prover.save(self.dir / "models" / "prover")
        self.conjecturer.save(self.dir / "models" / "conjecturer")
        self.graph.to_graphml(self.dir / "graph.graphml")

    def _conjecture_pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for name in self.graph.names():
            stmt = self.graph.node(name).statement
            for other, _ in self.graph.neighbours(name)[:4]:
                pairs.append((stmt, self.graph.node(other).statement))
        statements = {t.name: t.statement for t in self.store.theorems()}
        for t in self.store.theorems("kind='conjecture' AND proof IS NOT NULL"):
            if t.parent in statements:
                pairs.append((statements[t.parent], t.statement))
        return pairs

    def close(self) -> None:
        self.store.close()
        self.cache.close()
