"""The conjecturer: a seed statement in, new nearby statements out."""

from __future__ import annotations

from collections.abc import Sequence

from models.role import LMRole


class Conjecturer(LMRole):
    """Writes new Lean statements next to known ones.

    The prompt is a seed statement and the completion a neighbouring
    statement. Train it with ``(seed_statement, neighbour_statement)``
    pairs.
    """

    def propose(
        self,
        seeds: Sequence[str],
        k: int,
        temperature: float = 1.0,
        seed: int = 0,
        max_new_tokens: int = 96,
    ) -> list[list[str]]:
        """Propose ``k`` statements for each seed statement.

        ``seed`` is the random seed, unrelated to the ``seeds`` statements.

        The output may repeat its seed, repeat itself, or fail to parse;
        filtering is the caller's job.

        Returns:
            One list of ``k`` statement strings per seed, in order.

        Raises:
            ValueError: on bad sampling arguments (see ``Seq2SeqLM.sample``).
        """
        return self.lm.sample(seeds, k, temperature, max_new_tokens, seed)
