"""What a run proved, as lemmas that later proofs may cite (config `cite_found`)."""

from __future__ import annotations

from pipeline.store import Store, TheoremRow

__all__ = ["lemma_name", "found_lemmas", "targets_in_library"]


def targets_in_library(library, targets_file: str) -> bool:
    """Whether the run's targets are declared (with `sorry`) by the library
    its proofs import: a user library's own targets are, the core's are not
    (`Leanplay.Targets` is not imported), nor those of a `--targets` file.
    Declared targets cannot be lemmas under their names."""
    return not targets_file and bool(set(library.target_modules) & set(library.modules))


def lemma_name(theorem: TheoremRow) -> str:
    """The name later proofs cite a proved theorem by: a target's own, a
    conjecture's with `_` for `.` (``conj.r2.7`` is ``conj_r2_7``)."""
    return theorem.name if theorem.kind != "conjecture" else theorem.name.replace(".", "_")


def found_lemmas(store: Store, round_: int, targets: bool = True) -> list[tuple[str, str, str]]:
    """``(lemma name, statement, proof)`` of the targets (unless ``targets``
    is false) and the conjectures other than specializations proved before
    round ``round_``, in the order they were proved (a proof cites only what
    was proved before it)."""
    proved = [t for t in store.theorems("kind != 'seed' AND proof IS NOT NULL "
                                        "AND proved_round < ?", (round_,))
              if (t.kind == "target" and targets)
              or (t.kind == "conjecture" and t.source != "specialization")]
    proved.sort(key=lambda t: t.proved_round)
    return [(lemma_name(t), t.statement, t.proof) for t in proved]
