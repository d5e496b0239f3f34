"""Proved theorems as a module that later proofs may cite.

A run proves targets one round at a time; a target proved in round r is a
lemma for round r + 1, as a textbook cites its earlier results. The lemmas
are compiled into one module, ``LeanplayLemmas``, that every checked proof
imports (``Checker.lemmas``); the clean restatement of each statement does
not import it, so a lemma can change what a proof may use but never what a
statement means.

Each lemma was proved by the sound checker against the library and the
lemmas before it, and is compiled again here with the same guarantees: the
module is written from the library's header and ``theorem NAME : STATEMENT :=
PROOF`` items in the order given (a proof cites only lemmas above it), its
``.ilean`` must hold exactly those theorems at the lines written (a helper
a proof makes without a source range, as ``let rec`` does, is not listed
there; the kernel checks it like the rest and ``#print axioms`` follows it),
and ``#print axioms`` of each must name only whitelisted axioms that the
library declares. A name must be a plain dotted identifier outside the
checker's own ``leanplay_`` names. An item that fails any of this is left
out (with a warning), and the module is compiled again without it.
``Checker`` reads every verdict's axioms through the lemmas, so a lemma's
axioms count for the proofs citing it.

A compiled module is reused from ``root`` by the digest of its text: ``root``
is trusted like the run directory it lives in.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from lean_env.errors import LeanCrashed
from lean_env.screen import screen_proof, screen_statement

__all__ = ["LemmaModule", "LEMMA_MODULE", "build_lemmas"]

log = logging.getLogger(__name__)

LEMMA_MODULE = "LeanplayLemmas"
#: A lemma's name: dotted plain identifiers (no `'`, whose `#print axioms`
#: line the checker cannot read back, no `«»`, no universe parameters).
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*")


@dataclasses.dataclass(frozen=True)
class LemmaModule:
    """A compiled lemma module.

    Attributes:
        directory: holds ``LeanplayLemmas.olean`` (on Lean's search path for
            every checked proof).
        names: the lemmas it declares, in order.
        digest: a hash of the library and the module's text (part of the
            verdict cache key).
    """

    directory: Path
    names: tuple[str, ...]
    digest: str


def build_lemmas(checker, items: Sequence[tuple[str, str, str]],
                 root: Path) -> LemmaModule | None:
    """Compile ``(name, statement, proof)`` items into a lemma module under
    ``root`` (reused when the same module is already there); None when no
    item is left.

    Args:
        checker: a ``Checker`` of the library the lemmas were proved against
            (its own lemmas, if any, are not used).

    Raises:
        LeanCrashed: when Lean fails on the module in a way no single item
            explains.
    """
    from lean_env.checker import (
        AXIOM_WHITELIST,
        _axioms_by_span,
        _declaration_anomalies,
        _errors_by_span,
        render_batch,
    )

    names_seen: set[str] = set()
    todo = []
    for name, statement, proof in items:
        if (name in names_seen or not _NAME.fullmatch(name)
                or name.lower().startswith("leanplay")
                or screen_statement(statement) or screen_proof(proof)):
            log.warning("lemma %r left out: its name, a repeated name, or the screen", name)
            continue
        names_seen.add(name)
        todo.append((name, statement, proof))
    base = dataclasses.replace(checker, lemmas=None, cache=None)
    root = Path(root).resolve()  # Lean runs elsewhere: a relative path would not be found
    allowed = AXIOM_WHITELIST & set(checker.library.axioms)
    for _ in range(len(todo) + 1):
        if not todo:
            return None
        text, spans = render_batch(checker.library.header, todo, print_axioms=True)
        digest = hashlib.sha256(f"{checker.library.digest}\n{text}".encode()).hexdigest()[:24]
        final = root / digest
        if (final / ".complete").exists():
            return _imported(base, LemmaModule(final, tuple(n for n, _, _ in todo), digest))
        with tempfile.TemporaryDirectory(prefix="leanplay-lemmas-") as tmp:
            path = Path(tmp) / f"{LEMMA_MODULE}.lean"
            path.write_text(text, encoding="utf-8")
            olean, ilean = path.with_suffix(".olean"), path.with_suffix(".ilean")
            code, messages = base._lean(["-o", olean.name, "-i", ilean.name], path, len(todo))
            errors = _errors_by_span(messages, spans)
            bad = set(errors)
            if not bad:
                if code != 0 or not olean.exists():
                    raise LeanCrashed("Lean wrote no lemma module")
                bad = set(_declaration_anomalies(ilean, dict(enumerate(spans))))
                axioms = _axioms_by_span(messages, spans)
                bad |= {k for k in range(len(todo))
                        if k not in axioms or any(a not in allowed for a in axioms[k])}
            if not bad:
                final.parent.mkdir(parents=True, exist_ok=True)
                staging = Path(tempfile.mkdtemp(prefix=".lemmas-", dir=final.parent))
                for f in (path, olean, ilean):
                    shutil.copyfile(f, staging / f.name)
                (staging / ".complete").write_text("")
                if final.exists():
                    shutil.rmtree(staging)
                else:
                    staging.rename(final)
                return _imported(base, LemmaModule(final, tuple(n for n, _, _ in todo), digest))
        for k in sorted(bad):
            log.warning("lemma %s left out: %s", todo[k][0],
                        "\n".join(errors.get(k, ["a declaration or axiom it may not use"]))[:300])
        todo = [item for k, item in enumerate(todo) if k not in bad]
    raise LeanCrashed("the lemma module did not compile cleanly")


def _imported(base, module: LemmaModule) -> LemmaModule:
    """``module``, once a proof file importing it elaborates: a module that
    every checked proof imports but Lean cannot load would make every verdict
    a crash."""
    from lean_env.checker import Candidate

    [probe] = dataclasses.replace(base, lemmas=module).probe([Candidate("True", "True.intro")])
    if probe.status != "done":
        raise LeanCrashed(f"the lemma module in {module.directory} does not load: "
                          + probe.message[:300])
    return module
