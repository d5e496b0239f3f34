"""Self-play rounds, as steps that each commit or leave no trace.

A round reads as its steps:

1. ``conjecture``: walk the theorem graph from proved theorems, propose
   neighbours (conjecturer, symbolic mutations, specializations), drop those
   a counterexample refutes (``pipeline.refute``), keep the new statements
   that Lean elaborates, store them;
2. ``prove``: sample proofs for them and for the library's open targets,
   repair close failures, search tactic by tactic for what is still open
   (``pipeline.search``), check every proof with Lean, store attempts and
   verdicts;
3. ``train``: retrain both models on everything found, and the text encoder
   on the new theorem graph (its FAISS index serves ``leanplay query``), save
   them under a new name, then record the round.

Each step writes its results and its completion record in one SQLite
transaction, and draws its randomness from (seed, round, step) alone, so a
run killed at any moment resumes at the first step not recorded and ends with
the same database as a run never interrupted. Models are written to
``models/round-N`` (through a temporary folder and a rename) and only the
step record makes them current; the graph is rebuilt from the database at
each step that needs it.
"""

from __future__ import annotations

import collections
import dataclasses
import hashlib
import logging
import random
import shutil
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from embeddings.contrastive import TextEncoder
from embeddings.diffusion import collision_by_walk, diffusion_kernel, empirical_distribution
from embeddings.graph import TheoremGraph, TheoremNode, statement_key, statement_shape
from embeddings.walks import WalkTable, WindowSimilarity, diversity_walk
from lean_env.cache import VerdictCache
from lean_env.checker import Checker
from lean_env.lemmas import build_lemmas
from models import Conjecturer, LMConfig, Prover, train_tokenizer
from pipeline.checkpoints import load_checkpoint
from pipeline.config import RunConfig
from pipeline.difficulty import kept_conjectures
from pipeline.found import found_lemmas, lemma_name, targets_in_library
from pipeline.library_data import load_core_data, run_library
from pipeline.mutations import mutations, specializations
from pipeline.proving import (
    attempt_proofs,
    close_failure,
    repair_prompt,
    sample_in_chunks,
    shortest_proved,
)
from pipeline.refute import refute
from pipeline.search import LemmaIndex, search_open, step_pairs
from pipeline.similarity import ENCODER_DIR, INDEX_DIR, build_index
from pipeline.store import Store

__all__ = ["Run", "RoundSummary", "STEPS", "target_samples"]

log = logging.getLogger(__name__)

#: The steps of a round, in order; round 0 has only "train" (the first models).
STEPS = ("conjecture", "prove", "train")

#: The walk length t of the diversity D_t logged per round: 4 steps reach past
#: a theorem's direct neighbours without washing out to the stationary law.
DIVERSITY_SCALE = 4


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
    source: str  # "conjecturer", "mutation" or "specialization"


def target_samples(config: RunConfig, conjectures: int, targets: int) -> int:
    """Proofs sampled per open target: the round's budget of
    (max_conjectures + targets) x proofs_per_statement samples, less what the
    conjectures took, shared among the targets (never fewer than a
    conjecture's)."""
    k = config.proofs_per_statement
    if not targets:
        return k
    budget = (config.max_conjectures + targets) * k
    return max(k, (budget - conjectures * k) // targets)


def step_rng(seed: int, round_: int, step: str) -> random.Random:
    """Return the random generator of one step: a function of its name only."""
    digest = hashlib.sha256(f"{seed}:{round_}:{step}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


class Run:
    """One run directory: its database, models, graph and config."""

    def __init__(self, run_dir: Path, config: RunConfig, *, progress: bool = True) -> None:
        self.dir = Path(run_dir)
        self.config = config
        self.progress = progress
        self.library = run_library(config.library)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.store = Store(self.dir / "run.db", create=True)
        self.cache = VerdictCache(self.dir / "run.db")
        self.checker = Checker(self.library, cache=self.cache)
        self._base_checker = self.checker
        self.prover: Prover | None = None
        self.conjecturer: Conjecturer | None = None
        self.encoder: TextEncoder | None = None

    # -- the loop ---------------------------------------------------------------

    def prepare(self) -> None:
        """Store the library and train the first models (round 0) unless
        done, then load the current models.

        Raises:
            CheckpointError: when the current models are damaged.
        """
        self._initialise()
        self._load_models()

    def run(self) -> list[RoundSummary]:
        """Run the steps not yet recorded, up to ``config.rounds`` rounds;
        return the summaries of the rounds completed now."""
        if self.prover is None:
            self.prepare()
        summaries = []
        for round_ in range(1, self.config.rounds + 1):
            if self.store.step_done(round_, "train"):
                continue
            start = time.monotonic()
            if not self.store.step_done(round_, "conjecture"):
                self.conjecture_step(round_)
            if not self.store.step_done(round_, "prove"):
                self.prove_step(round_)
            summaries.append(self.train_step(round_, time.monotonic() - start))
        return summaries

    # -- round 0: the library and the first models --------------------------------

    def _initialise(self) -> None:
        if self.store.step_done(0, "train"):
            return
        data = load_core_data(self.library, self.checker, self.config.targets)
        with self.store.db:
            if not self.store.theorems():
                # One theorem per statement (up to bound names): a library
                # theorem restating an earlier one is left out, seeds first.
                shapes: dict[str, str] = {}
                for kind, records in (("seed", data.seeds), ("target", data.targets)):
                    for rec in records:
                        shape = statement_shape(rec.statement)
                        if shape in shapes:
                            log.warning("%s restates %s; left out", rec.name, shapes[shape])
                            continue
                        shapes[shape] = rec.name
                        self.store.add_theorem(
                            rec.name, rec.statement, shape, kind, 0, "library",
                            proof=rec.proof if kind == "seed" else None,
                            proved_round=0 if kind == "seed" else None)
        cfg = self.config
        tokenizer = train_tokenizer([data.text], vocab_size=cfg.vocab_size)
        lm_config = LMConfig(n_layer=cfg.n_layer, n_head=cfg.n_head, n_embd=cfg.n_embd)
        self.prover = Prover.create(tokenizer, lm_config, seed=cfg.seed)
        self.conjecturer = Conjecturer.create(tokenizer, lm_config, seed=cfg.seed + 1)
        self.encoder = TextEncoder.create(tokenizer, seed=cfg.seed + 2)
        self._train_and_save(0, cfg.initial_train_steps, cfg.encoder_initial_steps)
        with self.store.db:
            self.store.record_step(0, "train")

    def _load_models(self) -> None:
        current = self._model_dir(self.store.last_round_with("train"))
        self.prover = load_checkpoint(Prover, current / "prover")
        self.conjecturer = load_checkpoint(Conjecturer, current / "conjecturer")
        self.encoder = load_checkpoint(TextEncoder, current / ENCODER_DIR)

    def _model_dir(self, round_: int) -> Path:
        return self.dir / "models" / f"round-{round_}"

    def _build_graph(self) -> TheoremGraph:
        """The theorem graph of the library and the proved conjectures, from
        the database (the same graph whether or not the run was resumed)."""
        nodes = [TheoremNode(t.name, t.statement, t.kind, t.proof is not None)
                 for t in self.store.theorems("kind != 'conjecture'")]
        graph = TheoremGraph.build(nodes)
        for t in self.store.theorems("kind = 'conjecture' AND proof IS NOT NULL"):
            parent = t.parent if t.parent in graph else None
            graph.add(TheoremNode(t.name, t.statement, "conjecture", True), parent=parent)
        return graph

    # -- step 1: conjecture -------------------------------------------------------

    def conjecture_step(self, round_: int) -> None:
        rng = step_rng(self.config.seed, round_, "conjecture")
        proposals = self._propose(self._build_graph(), rng)
        new, refuted = self._keep_elaborating(proposals, round_)
        with self.store.db:
            for k, p in enumerate(new):
                self.store.add_theorem(f"conj.r{round_}.{k}", p.statement,
                                       statement_shape(p.statement), "conjecture", round_,
                                       p.source, parent=p.parent)
            self.store.record_step(round_, "conjecture", proposed=len(proposals),
                                   refuted=refuted)
        log.info("round %d: %d proposals, %d refuted, %d new statements", round_,
                 len(proposals), refuted, len(new))

    def _propose(self, graph: TheoremGraph, rng: random.Random) -> list[Proposal]:
        proved = [t.name for t in self.store.theorems("proof IS NOT NULL") if t.name in graph]
        cfg = self.config
        if cfg.conjecture_strategy == "none":
            return []
        if cfg.conjecture_strategy == "uniform":
            names = rng.sample(proved, min(cfg.walk_starts * (cfg.walk_steps + 1), len(proved)))
        else:
            np_rng = np.random.default_rng(rng.randrange(2**32))
            starts = rng.sample(proved, min(cfg.walk_starts, len(proved)))
            names = list(dict.fromkeys(self._walk(graph, proved, starts, np_rng)))
        statements = [graph.node(n).statement for n in names]
        proposals = []
        for name, stmt in zip(names, statements):
            proposals += [Proposal(s, name, "mutation")
                          for s in mutations(stmt, rng, self.config.mutations_per_node)]
            proposals += [Proposal(s, name, "specialization") for s in
                          specializations(stmt, rng, self.config.specializations_per_node)]
        if self.config.conjectures_per_node:
            sampled = sample_in_chunks(
                self.conjecturer.propose, statements, self.config.conjectures_per_node,
                temperature=self.config.temperature, max_new_tokens=self.config.max_new_tokens,
                rng=rng, desc="conjecture", progress=self.progress)
            for name, outs in zip(names, sampled):
                proposals += [Proposal(" ".join(s.split()), name, "conjecturer") for s in outs]
        return proposals

    def _walk(self, graph: TheoremGraph, proved: list[str], starts: list[str],
              rng: np.random.Generator) -> list[str]:
        """The theorems the round's walks visit, in order, repeats included."""
        steps = self.config.walk_steps
        if self.config.conjecture_strategy == "walk":
            return [name for start in starts for name in graph.walk(start, steps, rng)]
        # The diversity-aware walk: s(v) is the mean similarity of v to the
        # proved set and to every visit of this round so far.
        table = WalkTable.from_graph(graph)
        if self.config.diversity_similarity == "exact":
            similarity = WindowSimilarity(kernel=diffusion_kernel(graph, DIVERSITY_SCALE),
                                          window=len(proved) + len(starts) * steps + 1)
        else:
            vectors = self.encoder.encode([graph.node(n).statement for n in table.names])
            similarity = WindowSimilarity(embeddings=vectors,
                                          window=len(proved) + len(starts) * steps + 1)
        position = {name: i for i, name in enumerate(table.names)}
        for name in proved:
            similarity.push(position[name])
        visits = []
        for start in starts:
            path = diversity_walk(table, start, steps, rng, beta=self.config.diversity_beta,
                                  similarity=similarity, lazy=True)
            visits += [table.names[i] for i in path]
        return visits

    def _keep_elaborating(self, proposals: list[Proposal],
                          round_: int) -> tuple[list[Proposal], int]:
        """The new statements that Lean elaborates, at most ``max_conjectures``,
        and how many were refuted: syntactic variants of known statements
        (`statement_key`) are dropped, then statements a counterexample
        falsifies (`refute_trials`), before the cap."""
        seen = {statement_key(t.statement) for t in self.store.theorems()}
        fresh, refuted = [], 0
        trials = self.config.refute_trials
        for p in proposals:
            key = statement_key(p.statement)
            if not p.statement or key in seen:
                continue
            seen.add(key)
            if trials and refute(p.statement, trials=trials,
                                 seed=self.config.seed + round_) is not None:
                refuted += 1
                continue
            fresh.append(p)
        fresh = fresh[:self.config.max_conjectures]
        problems = self.checker.elaborates([p.statement for p in fresh])
        return [p for p, problem in zip(fresh, problems) if problem is None], refuted

    # -- step 2: prove --------------------------------------------------------------

    def _use_lemmas(self, round_: int) -> None:
        """Make the checker's lemma module what was proved before round
        ``round_`` (``found_lemmas``; none with ``cite_found`` off): what its
        proofs may cite."""
        self.checker = self._base_checker
        if not self.config.cite_found:
            return
        items = found_lemmas(self.store, round_, targets=not targets_in_library(
            self.library, self.config.targets))
        if items:
            module = build_lemmas(self._base_checker, items, self.dir / "lemmas")
            self.checker = dataclasses.replace(self._base_checker, lemmas=module)

    def _lemma_index(self) -> LemmaIndex | None:
        """The theorems the search's menu may cite: the seeds, and the lemmas."""
        if not (self.config.search_lemmas and self.config.search_menu):
            return None
        named = [(t.name, t.statement) for t in self.store.theorems("kind='seed'")]
        if self.checker.lemmas is not None:
            cited = set(self.checker.lemmas.names)
            named += [(lemma_name(t), t.statement) for t in self.store.theorems("kind!='seed'")
                      if lemma_name(t) in cited]
        return LemmaIndex.build(self.checker, named, self.config.search_lemmas)

    def prove_step(self, round_: int) -> None:
        cfg = self.config
        self._use_lemmas(round_)
        conjectures = [(t.name, t.statement) for t in self.store.theorems(
            "kind='conjecture' AND origin_round=?", (round_,))]
        targets = [(t.name, t.statement) for t in self.store.theorems(
            "kind='target' AND proof IS NULL")] if cfg.attempt_targets else []
        rng = step_rng(cfg.seed, round_, "prove")
        goals, results = [], []
        for batch, k in ((conjectures, cfg.proofs_per_statement),
                         (targets, target_samples(cfg, len(conjectures), len(targets)))):
            if batch:
                goals += batch
                results += attempt_proofs(self.prover, self.checker, [s for _, s in batch], k,
                                          temperature=cfg.temperature,
                                          max_new_tokens=cfg.max_new_tokens, rng=rng,
                                          progress=self.progress)
        if cfg.repair_samples:
            self._repair(goals, results, rng)
        by_search = self._search(goals, results, rng) if cfg.search_width else 0
        with self.store.db:
            for (name, _), attempts in zip(goals, results):
                for a in attempts:
                    v = a.verdict
                    self.store.add_attempt(round_, name, a.proof, v.status.value,
                                           v.reason.value if v.reason else "", v.message,
                                           v.seconds, a.samples)
                proof = shortest_proved(attempts)
                if proof is not None:
                    self.store.mark_proved(name, proof, round_)
            self.store.record_step(round_, "prove", attempted=len(goals), by_search=by_search)

    def _repair(self, goals: list[tuple[str, str]], results: list[list], rng) -> None:
        """Second attempts, in place, for the goals whose failures came close."""
        failing = [(j, close_failure(attempts)) for j, attempts in enumerate(results)]
        failing = [(j, a) for j, a in failing if a is not None]
        if not failing:
            return
        cfg = self.config
        statements = [goals[j][1] for j, _ in failing]
        second = attempt_proofs(
            self.prover, self.checker, statements, cfg.repair_samples,
            temperature=cfg.temperature, max_new_tokens=cfg.max_new_tokens, rng=rng,
            progress=self.progress,
            prompts=[repair_prompt(s, a.proof, a.verdict.message)
                     for s, (_, a) in zip(statements, failing)],
            tried=[{a.proof for a in results[j]} for j, _ in failing])
        repaired = 0
        for (j, _), attempts in zip(failing, second):
            results[j] += attempts
            repaired += any(a.verdict.proved for a in attempts)
        log.info("repair: %d of %d close failures proved", repaired, len(failing))

    def _search(self, goals: list[tuple[str, str]], results: list[list], rng) -> int:
        """Tactic-level search, in place, for the goals still unproved; return
        how many it proved."""
        cfg = self.config
        proved = search_open(self.prover, self.checker, [s for _, s in goals], results,
                             width=cfg.search_width, samples=cfg.search_samples,
                             depth=cfg.search_depth, temperature=cfg.temperature,
                             max_new_tokens=cfg.max_new_tokens, rng=rng,
                             progress=self.progress, menu=cfg.search_menu,
                             lemmas=self._lemma_index())
        log.info("search: %d statements proved", len(proved))
        return len(proved)

    # -- step 3: train ----------------------------------------------------------------

    def train_step(self, round_: int, seconds: float) -> RoundSummary:
        """Retrain, save and record the round; ``seconds`` is the time its
        other steps took in this process (the training's is added)."""
        start = time.monotonic()
        self._use_lemmas(round_)  # the step pairs probe proofs that cite them
        graph = self._train_and_save(round_, self.config.round_train_steps,
                                     self.config.encoder_round_steps)
        seconds += time.monotonic() - start
        conj = self.store.step_info(round_, "conjecture")
        prove = self.store.step_info(round_, "prove")
        elaborated = len(self.store.theorems("kind='conjecture' AND origin_round=?", (round_,)))
        new = len(self.store.theorems("proved_round=?", (round_,)))
        targets = len(self.store.theorems("kind='target' AND proved_round=?", (round_,)))
        with self.store.db:
            kept = [t for t in kept_conjectures(self.store, self.config.keep_min_rate,
                                                self.config.keep_max_rate)
                    if t.proved_round == round_]
            self.store.add_round(round_, conj.get("proposed", 0), elaborated,
                                 prove.get("attempted", 0), new, targets, seconds,
                                 self._diversity(graph), len(kept))
            self.store.record_step(round_, "train")
        self._prune_models(keep=round_)
        row = self.store.rounds()[-1]
        log.info("round %d: %d new proved, cumulative %d", round_, new, row["cumulative_proved"])
        return RoundSummary(round_, row["conjectured"], elaborated, row["attempted"], new,
                            targets, row["cumulative_proved"], seconds)

    def _diversity(self, graph: TheoremGraph) -> float:
        """D_t of the prover's training set (the proved theorems), exactly, on
        the theorem graph (README, The mathematics: 1 at the stationary law, small when
        concentrated)."""
        names = graph.names()
        proved = [t.name for t in self.store.theorems("proof IS NOT NULL") if t.name in graph]
        mu = empirical_distribution(proved, names)
        return 1.0 / collision_by_walk(mu, graph, DIVERSITY_SCALE)

    def _train_and_save(self, round_: int, steps: int, encoder_steps: int) -> TheoremGraph:
        graph = self._build_graph()
        if steps:
            self._train(graph, round_, steps)
        if encoder_steps:
            loss = self.encoder.train(graph, encoder_steps, seed=self.config.seed + round_ + 13,
                                      progress=self.progress)
            log.info("text encoder trained on %d theorems: loss %.3f", len(graph), loss)
        target = self._model_dir(round_)
        if target.exists():  # left by a run killed before it recorded this step
            shutil.rmtree(target)
        self.prover.save(target / "prover")
        self.conjecturer.save(target / "conjecturer")
        self.encoder.save(target / ENCODER_DIR)
        build_index(self.encoder, graph).save(target / INDEX_DIR)
        graph.to_graphml(self.dir / "graph.graphml.tmp")
        (self.dir / "graph.graphml.tmp").replace(self.dir / "graph.graphml")
        return graph

    def _train(self, graph: TheoremGraph, round_: int, steps: int) -> None:
        proved = self.store.theorems("proof IS NOT NULL")
        pairs = [(t.statement, t.proof) for t in proved]
        # Recent finds and short proofs weigh more: they are what the next round
        # needs. A proof found this round weighs 2, one round ago 1.5, then 1.25...
        weights = [(1 + 0.5 ** (round_ - (t.proved_round or 0))) / (1 + len(t.proof) / 200)
                   for t in proved]
        if self.config.repair_samples:
            repairs = self._repair_pairs(proved)
            pairs += repairs
            weights += [1.0] * len(repairs)
        if self.config.search_width:
            step_data = step_pairs(self.checker, [(t.statement, t.proof) for t in proved])
            pairs += step_data
            weights += [1.0] * len(step_data)
        with tqdm(total=2, desc="train", unit="model", disable=not self.progress,
                  leave=False) as bar:
            loss = self.prover.train(pairs, steps, seed=self.config.seed + round_,
                                     weights=weights)
            log.info("prover trained on %d proofs: loss %.3f", len(pairs), loss)
            bar.update()
            conj_pairs = self._conjecture_pairs(graph)
            if conj_pairs and self.config.conjecture_strategy != "none":
                loss = self.conjecturer.train(conj_pairs, steps,
                                              seed=self.config.seed + round_ + 7)
                log.info("conjecturer trained on %d pairs: loss %.3f", len(conj_pairs), loss)
            bar.update()

    def _repair_pairs(self, proved) -> list[tuple[str, str]]:
        """(repair prompt, proof found) for up to 2 close failures of each
        theorem proved in a round where it also failed."""
        found = {t.name: t for t in proved if t.kind != "seed"}
        pairs, per_theorem = [], collections.Counter()
        for a in self.store.attempts():
            t = found.get(a["theorem"])
            if (t is not None and a["reason"] == "elaboration" and a["message"]
                    and a["round"] == t.proved_round and per_theorem[t.name] < 2):
                per_theorem[t.name] += 1
                pairs.append((repair_prompt(t.statement, a["proof"], a["message"]), t.proof))
        return pairs

    def _conjecture_pairs(self, graph: TheoremGraph) -> list[tuple[str, str]]:
        pairs = []
        for name in graph.names():
            stmt = graph.node(name).statement
            for other, _ in graph.neighbours(name)[:4]:
                pairs.append((stmt, graph.node(other).statement))
        # Each kept conjecture (proved, but rarely) twice: they are what the
        # conjecturer should learn to propose.
        statements = {t.name: t.statement for t in self.store.theorems()}
        for t in kept_conjectures(self.store, self.config.keep_min_rate,
                                  self.config.keep_max_rate):
            if t.parent in statements:
                pairs += [(statements[t.parent], t.statement)] * 2
        return pairs

    def _prune_models(self, keep: int) -> None:
        for old in (self.dir / "models").glob("round-*"):
            if old.name != f"round-{keep}":
                shutil.rmtree(old, ignore_errors=True)

    def close(self) -> None:
        self.store.close()
        self.cache.close()
