"""A byte-level BPE tokenizer trained on Lean text."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tokenizers import Tokenizer, decoders, pre_tokenizers
from tokenizers.models import BPE
from tokenizers.trainers import BpeTrainer

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerFast

logger = logging.getLogger(__name__)

PAD, BOS, EOS, SEP = "<pad>", "<bos>", "<eos>", "<sep>"
SPECIAL_TOKENS = (PAD, BOS, EOS, SEP)
"""Special tokens; they get ids 0..3 in this order."""

_BYTE_ALPHABET_SIZE = 256
MIN_VOCAB_SIZE = _BYTE_ALPHABET_SIZE + len(SPECIAL_TOKENS)
"""Every byte must be a token, so any text (any unicode) can be encoded."""


def train_tokenizer(
    texts: Iterable[str], vocab_size: int = 800
) -> PreTrainedTokenizerFast:
    """Train a byte-level BPE tokenizer on ``texts``.

    Text is split into bytes first, so every string round-trips exactly:
    ``decode(encode(s)) == s`` with no added or removed spaces.

    Args:
        texts: training text (Lean statements and proofs).
        vocab_size: the most tokens, specials included. 800 is about
            540 merges past the 260 bytes and specials: enough for Lean
            keywords and common tactic names, small enough that each
            token is seen often in a small self-play corpus.

    Returns:
        A ``PreTrainedTokenizerFast`` with pad, bos, eos and sep set.

    Raises:
        ValueError: if ``vocab_size`` is below ``MIN_VOCAB_SIZE``.
    """
    if vocab_size < MIN_VOCAB_SIZE:
        raise ValueError(f"vocab_size {vocab_size} < {MIN_VOCAB_SIZE}")
    backend = _empty_byte_level_bpe()
    trainer = BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=list(SPECIAL_TOKENS),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    backend.train_from_iterator(texts, trainer=trainer)
    logger.info("trained tokenizer with %d tokens", backend.get_vocab_size())
    return wrap_tokenizer(backend)


def _empty_byte_level_bpe() -> Tokenizer:
    """Returns an untrained BPE tokenizer splitting text into bytes."""
    backend = Tokenizer(BPE())
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    backend.decoder = decoders.ByteLevel()
    return backend


def wrap_tokenizer(backend: Tokenizer) -> PreTrainedTokenizerFast:
    """Wrap a trained ``tokenizers.Tokenizer`` for use with transformers.

    Returns:
        A ``PreTrainedTokenizerFast`` whose special tokens are set and whose
        decoding does not tidy spaces (so text round-trips exactly).
    """
    from transformers import PreTrainedTokenizerFast

    return PreTrainedTokenizerFast(
        tokenizer_object=backend,
        pad_token=PAD,
        bos_token=BOS,
        eos_token=EOS,
        sep_token=SEP,
        clean_up_tokenization_spaces=False,
        split_special_tokens=True,
    )
