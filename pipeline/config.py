"""Run configuration: every key, its default and why."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

__all__ = ["RunConfig", "ConfigError", "load_config", "key_docs", "show_config"]


class ConfigError(ValueError):
    """A config file or value is unknown, ill-typed or out of range."""


#: The allowed values of the string-valued keys.
CHOICES = {
    "conjecture_strategy": ("walk", "diverse", "uniform", "none"),
    "diversity_similarity": ("learned", "exact"),
}


@dataclasses.dataclass(frozen=True)
class RunConfig:
    """Settings of a self-play run.

    Defaults are sized so that 3 rounds on the embedded core finish in a few
    minutes on 2 CPU cores.
    """

    #: Self-play rounds to run.
    rounds: int = 3
    #: Seed of every random choice (walks, sampling, training).
    seed: int = 0
    #: Random-walk starts per round, drawn from the proved set.
    walk_starts: int = 24
    #: Steps per walk; each visited theorem seeds conjectures.
    walk_steps: int = 4
    #: Conjectures sampled from the conjecturer per visited theorem.
    conjectures_per_node: int = 2
    #: Symbolic mutations kept per visited theorem.
    mutations_per_node: int = 3
    #: Specializations kept per visited theorem: one of its variables replaced
    #: by a term of its type (`Nat.succ n`, `n + w`, `0`, `as ++ bs`, `p ∧ q`,
    #: ...); true whenever the theorem is (source "specialization").
    specializations_per_node: int = 2
    #: Counterexample search before proving: each new conjecture is evaluated
    #: on this many random instances of its variables (pipeline/refute.py) and
    #: dropped when one falsifies it, so that the proving budget and the
    #: max_conjectures cap go to statements that may be true (0: off).
    refute_trials: int = 64
    #: Cap on new statements attempted per round (after dedupe and refutation).
    max_conjectures: int = 160
    #: Proofs sampled per conjecture (pass@k). Each round samples
    #: (max_conjectures + open targets) x proofs_per_statement proofs whatever
    #: the strategy: what the conjectures leave goes to the open targets.
    proofs_per_statement: int = 6
    #: Sampling temperature of the prover and conjecturer.
    temperature: float = 0.9
    #: Longest proof or statement generated, in tokens.
    max_new_tokens: int = 96
    #: Training steps for each model at the start of the run.
    initial_train_steps: int = 500
    #: Training steps for each model after every round.
    round_train_steps: int = 250
    #: Tokenizer vocabulary size (byte-level BPE on the library text).
    vocab_size: int = 800
    #: Transformer blocks of the prover and of the conjecturer (about 0.5M
    #: parameters each at the default sizes).
    n_layer: int = 2
    #: Attention heads per block; must divide n_embd.
    n_head: int = 4
    #: Width of the prover's and conjecturer's hidden states.
    n_embd: int = 128
    #: Try the library's unproved targets every round.
    attempt_targets: bool = True
    #: Tactic-level search (README: What a round does) for the statements
    #: that whole-proof sampling and repair left unproved: the scripts kept
    #: per statement at each level (0: no search).
    search_width: int = 4
    #: Levels of the search: the longest script it builds, in tactic steps.
    search_depth: int = 6
    #: Steps the prover samples for each open script at each level.
    search_samples: int = 4
    #: Also try generic steps at each level (intro, constructor, cases,
    #: induction, simp, assumption, a hypothesis used directly): the search's
    #: exploration. Off: only the prover's steps.
    search_menu: bool = True
    #: With the menu: the theorems offered per goal (seeds, and what earlier
    #: rounds proved when `cite_found` is on), those whose conclusion shares
    #: most constants with the goal's target, each rewritten with, applied
    #: and given to `simp` (0: none).
    search_lemmas: int = 2
    #: Proofs may cite what earlier rounds proved, as a textbook cites its
    #: earlier results: the targets (by their names) and the conjectures
    #: other than specializations (a specialization is never more useful than
    #: its parent), named `conj_r<round>_<k>`. They are compiled into a
    #: module that every checked proof imports. Off: only the library.
    cite_found: bool = True
    #: Proof repair: for a statement whose proofs all failed, and one of them
    #: parsed but did not elaborate, sample this many second attempts from a
    #: prompt holding the failed proof and Lean's complaint (0: no repair).
    #: The prover also trains on (failed proof, complaint) -> proof found.
    repair_samples: int = 4
    #: The difficulty band of the conjecturer's training set: a proved
    #: conjecture is kept when the share of the prover's samples that proved it
    #: lies in [keep_min_rate, keep_max_rate]. Conjectures proved by every
    #: sample, or by a one-step proof (`rfl`, `by simp`, one tactic), are
    #: dropped as trivial whatever the band.
    keep_min_rate: float = 0.0
    keep_max_rate: float = 0.75
    #: Which theorems conjectures are made from: "walk" is the plain reversible
    #: walk on the theorem graph; "diverse" the diversity-aware walk (README: The mathematics),
    #: which moves to neighbour v with odds P(u, v) exp(-beta s(v)), s(v) the
    #: mean similarity of v to the proved set and the visits so far; "uniform"
    #: proved theorems drawn uniformly (as many as the walks visit at most);
    #: "none" makes no conjectures (expert iteration on the targets alone, with
    #: the same proof-sampling budget).
    conjecture_strategy: str = "walk"
    #: beta of the diversity-aware walk: 0 is the plain walk, larger pushes
    #: harder away from what is already proved.
    diversity_beta: float = 1.0
    #: The similarity s(v) of the diversity-aware walk: "learned" (inner
    #: products of the text encoder's embeddings) or "exact" (K_4 of the graph,
    #: n x n memory).
    diversity_similarity: str = "learned"
    #: Training steps of the text encoder (statement -> embedding, the FAISS
    #: index behind `leanplay query`) at the start of the run; 800 steps give a
    #: held-out Pearson correlation of about 0.7 with K_4 on the core library.
    encoder_initial_steps: int = 800
    #: Training steps of the text encoder after every round.
    encoder_round_steps: int = 200
    #: The library the run works on: empty for the embedded core, else a
    #: prelude-mode .lean file or folder of them that imports the core
    #: (`leanplay run --library PATH`); its `sorry` theorems are the targets.
    library: str = ""
    #: A .lean file whose `sorry` theorems are the run's targets instead of
    #: the library's (`leanplay run --targets FILE`); empty: the library's.
    targets: str = ""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            expected = {"int": int, "float": (int, float), "bool": bool, "str": str}[f.type]
            if isinstance(value, bool) and f.type != "bool" or not isinstance(value, expected):
                raise ConfigError(f"config key {f.name!r} must be {f.type}, got {value!r}")
            if f.type in ("int", "float") and not value >= 0:  # also refuses NaN
                raise ConfigError(f"config key {f.name!r} must be >= 0, got {value!r}")
        for name in ("rounds", "proofs_per_statement", "max_new_tokens", "n_layer", "n_head",
                     "n_embd", "walk_starts"):
            if getattr(self, name) < 1 and not (name == "rounds"):
                raise ConfigError(f"config key {name!r} must be >= 1, got {getattr(self, name)}")
        for name, allowed in CHOICES.items():
            if getattr(self, name) not in allowed:
                raise ConfigError(f"config key {name!r} must be one of {', '.join(allowed)}, "
                                  f"got {getattr(self, name)!r}")
        if not 0 <= self.keep_min_rate <= self.keep_max_rate <= 1:
            raise ConfigError("config keys 'keep_min_rate' <= 'keep_max_rate' must lie in "
                              f"[0, 1], got {self.keep_min_rate}, {self.keep_max_rate}")
        if self.n_embd % self.n_head:
            raise ConfigError(f"config key 'n_embd' ({self.n_embd}) must be a multiple of "
                              f"'n_head' ({self.n_head})")
        if self.vocab_size < 260:
            raise ConfigError("config key 'vocab_size' must be >= 260 (the 256 bytes and "
                              f"4 special tokens), got {self.vocab_size}")

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def load_config(path: Path | None, overrides: dict | None = None) -> RunConfig:
    """Return the config from a YAML file (or the defaults) with overrides.

    Raises:
        ConfigError: for an unreadable file, unknown key or bad value.
    """
    values: dict = {}
    if path is not None:
        try:
            loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            detail = " ".join(str(exc).split())
            raise ConfigError(f"cannot read config {path}: {detail}") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(f"config {path} must be a mapping of keys to values")
        values.update(loaded or {})
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    known = {f.name for f in dataclasses.fields(RunConfig)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"unknown config key(s): {', '.join(unknown)}")
    return RunConfig(**values)


def key_docs() -> dict[str, str]:
    """Every config key's meaning: the ``#:`` comment lines above its field
    (a key without its own comment shares the one above it)."""
    import inspect

    docs, pending, last = {}, [], ""
    for line in inspect.getsource(RunConfig).splitlines():
        text = line.strip()
        if text.startswith("#:"):
            pending.append(text[2:].strip())
        elif ":" in text and not text.startswith(("#", '"', "def ", "@")) and "=" in text:
            name = text.split(":", 1)[0].strip()
            if name.isidentifier():
                last = " ".join(pending) or last
                docs[name] = last
                pending = []
    return docs


def show_config(config: RunConfig) -> str:
    """The effective config as YAML, each key under its meaning and default."""
    defaults = RunConfig()
    docs = key_docs()
    lines = []
    for f in dataclasses.fields(RunConfig):
        for row in _wrap(docs.get(f.name, "")):
            lines.append(f"# {row}")
        default = getattr(defaults, f.name)
        changed = "" if getattr(config, f.name) == default else f"  # default: {default!r}"
        lines.append(yaml.safe_dump({f.name: getattr(config, f.name)}).strip() + changed)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _wrap(text: str, width: int = 78) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) if text else []
