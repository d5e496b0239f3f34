"""The shared shape of the prover and the conjecturer.

Both are one ``Seq2SeqLM`` that maps a Lean statement to some text; they
differ only in what the text is and what their methods are called.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Self

from models.lm import LMConfig, Seq2SeqLM

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedTokenizerFast


class LMRole:
    """A job done by one ``Seq2SeqLM``; subclasses name the job."""

    def __init__(self, lm: Seq2SeqLM) -> None:
        self.lm = lm

    @classmethod
    def create(
        cls,
        tokenizer: PreTrainedTokenizerFast,
        config: LMConfig = LMConfig(),
        seed: int = 0,
        device: torch.device | str | None = None,
    ) -> Self:
        """Returns a role around a fresh model (see ``Seq2SeqLM.create``)."""
        return cls(Seq2SeqLM.create(tokenizer, config, seed, device))

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], device: torch.device | str | None = None
    ) -> Self:
        """Returns a role around a saved model (see ``Seq2SeqLM.load``).

        Raises:
            FileNotFoundError: if ``path`` holds no saved model.
        """
        return cls(Seq2SeqLM.load(path, device))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Save the model atomically to ``path`` (see ``Seq2SeqLM.save``)."""
        self.lm.save(path)

    def train(
        self,
        pairs: Sequence[tuple[str, str]],
        steps: int,
        seed: int,
        weights: Sequence[float] | None = None,
    ) -> float:
        """Fit to ``(input, output)`` pairs; see ``Seq2SeqLM.train``.

        Returns:
            The mean loss of the last steps.

        Raises:
            ValueError: on empty pairs, ``steps < 1`` or bad weights.
        """
        return self.lm.train(pairs, steps, seed, weights)
