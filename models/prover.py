"""The prover: a Lean statement in, candidate proofs out."""

from __future__ import annotations

from collections.abc import Sequence

from models.role import LMRole


class Prover(LMRole):
    """Writes proofs for Lean statements.

    The prompt is the statement, e.g. ``∀ (n : Nat), n + 0 = n``; the
    completion is the proof text after ``:=``, e.g. ``by simp``. Train it
    with ``(statement, proof)`` pairs.
    """

    def prove(
        self,
        statements: Sequence[str],
        k: int,
        temperature: float = 1.0,
        seed: int = 0,
        max_new_tokens: int = 96,
    ) -> list[list[str]]:
        """Propose ``k`` proofs for each statement; none are checked.

        Returns:
            One list of ``k`` proof strings per statement, in order.

        Raises:
            ValueError: on bad sampling arguments (see ``Seq2SeqLM.sample``).
        """
        return self.lm.sample(statements, k, temperature, max_new_tokens, seed)
