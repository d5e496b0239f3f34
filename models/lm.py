"""A small GPT-2 style language model that maps a prompt to a completion.

Each example is laid out as ``<bos> prompt <sep> completion <eos>``; the
loss covers only the completion and its ``<eos>``. The model is built from
a ``GPT2Config`` (nothing is downloaded) and saved with ``save_pretrained``.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import torch

from models.device import pick_device
from models.files import atomic_directory

if TYPE_CHECKING:
    from transformers import GPT2LMHeadModel, PreTrainedTokenizerFast

logger = logging.getLogger(__name__)

IGNORE_INDEX = -100
"""Label that the loss skips (prompt and padding positions)."""

GENERATE_CHUNK = 64
"""Most sequences per ``generate`` call, so the KV cache stays bounded:
64 rows of 320 positions is a few MB for the default model."""

LOSS_WINDOW = 10
"""``train`` returns the mean loss over this many final steps, which is
steadier than the last step's loss alone."""

LM_CONFIG_FILE = "lm_config.json"
"""Name of the saved ``LMConfig`` inside a checkpoint directory."""

_SPECIAL_ID_NAMES = ("pad_token_id", "bos_token_id", "eos_token_id", "sep_token_id")


@dataclass(frozen=True)
class LMConfig:
    """Size and training settings of a ``Seq2SeqLM``.

    The defaults suit short Lean statements and proofs, a vocabulary of
    about 800 tokens, and training on a CPU.
    """

    n_layer: int = 2
    """Two blocks can copy and recombine tactic patterns; more would
    slow CPU training for little gain on small self-play corpora."""
    n_head: int = 4
    """Four heads of 32 dimensions at ``n_embd=128``."""
    n_embd: int = 128
    """About 0.5M parameters with an 800-token vocabulary: trains in
    minutes on two CPU cores."""
    n_positions: int = 320
    """A statement (at most half of this, see ``max_prompt_tokens``) plus
    its proof; longer examples are cut at the end."""
    learning_rate: float = 1e-3
    """High, as usual for transformers this small."""
    batch_size: int = 16
    """Small batches give more updates per second on a CPU."""
    dropout: float = 0.0
    """None: self-play corpora are re-sampled each round and the model
    should fit verified proofs exactly; sampling supplies the diversity."""

    def __post_init__(self) -> None:
        """Raises ValueError if the sizes do not fit together."""
        if self.n_embd % self.n_head:
            raise ValueError(f"n_embd {self.n_embd} not divisible by n_head")
        if self.n_positions < 8:
            raise ValueError(f"n_positions {self.n_positions} is too small")
        if self.batch_size < 1:
            raise ValueError(f"batch_size {self.batch_size} < 1")

    @property
    def max_prompt_tokens(self) -> int:
        """Prompts are cut to this many tokens (half the context), so a
        completion always has room for at least the other half."""
        return self.n_positions // 2


class Seq2SeqLM:
    """A tokenizer, a causal LM and the device the LM lives on.

    Use ``create`` for a fresh model and ``load`` for a saved one.
    """

    def __init__(
        self,
        tokenizer: PreTrainedTokenizerFast,
        model: GPT2LMHeadModel,
        config: LMConfig,
        device: torch.device,
    ) -> None:
        self.tokenizer = tokenizer
        self.model = model.to(device).eval()
        # transformers infers the loss from the class name and warns that
        # "GPT2LMHeadModel" names none; say it is the causal LM loss.
        self.model.loss_type = "ForCausalLM"
        self.config = config
        self.device = device
        ids = [_special_id(tokenizer, name) for name in _SPECIAL_ID_NAMES]
        self._pad_id, self._bos_id, self._eos_id, self._sep_id = ids

    @classmethod
    def create(
        cls,
        tokenizer: PreTrainedTokenizerFast,
        config: LMConfig = LMConfig(),
        seed: int = 0,
        device: torch.device | str | None = None,
    ) -> Seq2SeqLM:
        """Build a freshly initialised model for ``tokenizer``.

        Returns:
            A new ``Seq2SeqLM``; the same seed gives the same weights.

        Raises:
            ValueError: if the tokenizer lacks pad, bos, eos or sep tokens.
        """
        transformers = _import_transformers()
        for name in _SPECIAL_ID_NAMES:
            _special_id(tokenizer, name)
        gpt2_config = transformers.GPT2Config(
            vocab_size=len(tokenizer),
            n_positions=config.n_positions,
            n_embd=config.n_embd,
            n_layer=config.n_layer,
            n_head=config.n_head,
            resid_pdrop=config.dropout,
            embd_pdrop=config.dropout,
            attn_pdrop=config.dropout,
            bos_token_id=tokenizer.bos_token_id,
            eos_token_id=tokenizer.eos_token_id,
            pad_token_id=tokenizer.pad_token_id,
        )
        device = pick_device(str(device) if device is not None else None)
        with _seeded(seed, device):
            model = transformers.GPT2LMHeadModel(gpt2_config)
        _set_generation_ids(model, tokenizer)
        return cls(tokenizer, model, config, device)

    def num_parameters(self) -> int:
        """Returns the number of distinct parameters (tied ones once)."""
        return sum(p.numel() for p in self.model.parameters())

    def train(
        self,
        pairs: Sequence[tuple[str, str]],
        steps: int,
        seed: int,
        weights: Sequence[float] | None = None,
    ) -> float:
        """Fit the model to ``(prompt, completion)`` pairs with AdamW.

        Each step draws ``batch_size`` examples with replacement, with
        probability proportional to ``weights`` (uniform when ``None``).
        A fresh optimizer is made on each call; its state is not kept.

        Returns:
            The mean loss over the last ``LOSS_WINDOW`` steps.

        Raises:
            ValueError: if ``pairs`` is empty, ``steps < 1``, or the
                weights are not one non-negative number per pair with a
                positive sum.
        """
        if not pairs:
            raise ValueError("no training pairs")
        if steps < 1:
            raise ValueError(f"steps {steps} < 1")
        probs = _sampling_probs(weights, len(pairs))
        examples = [self._example(prompt, done) for prompt, done in pairs]
        logger.info("training on %d pairs for %d steps", len(pairs), steps)
        self.model.train()
        try:
            with _seeded(seed, self.device):
                losses = self._fit(examples, probs, steps, seed)
        finally:
            self.model.eval()
        mean_loss = sum(losses[-LOSS_WINDOW:]) / len(losses[-LOSS_WINDOW:])
        logger.info("trained: final loss %.4f", mean_loss)
        return mean_loss

    def _fit(
        self,
        examples: list[tuple[list[int], list[int]]],
        probs: torch.Tensor,
        steps: int,
        seed: int,
    ) -> list[float]:
        """Run ``steps`` AdamW steps on batches drawn by ``probs`` ``(n,)``.

        Returns:
            The loss of every step.
        """
        picker = torch.Generator().manual_seed(seed)
        optimizer = torch.optim.AdamW(
            self.model.parameters(), lr=self.config.learning_rate
        )
        losses = []
        for step in range(steps):
            rows = torch.multinomial(
                probs, self.config.batch_size, True, generator=picker
            )
            batch = [examples[i] for i in rows.tolist()]
            losses.append(self._train_step(optimizer, batch))
            logger.debug("step %d loss %.4f", step, losses[-1])
        return losses

    def sample(
        self,
        prompts: Sequence[str],
        k: int,
        temperature: float = 1.0,
        max_new_tokens: int = 96,
        seed: int = 0,
    ) -> list[list[str]]:
        """Generate ``k`` completions for each prompt.

        Sampling is plain (no top-k or top-p cut). At ``temperature == 0``
        each prompt is decoded greedily once and the result repeated ``k``
        times. Generation stops at ``<eos>`` or after ``max_new_tokens``
        (96 fits a one-line proof or statement with room to spare),
        fewer if the context would overflow.

        Returns:
            One list of ``k`` stripped completion strings per prompt, in
            prompt order. The same seed gives the same strings.

        Raises:
            ValueError: if ``k < 1``, ``temperature < 0`` or
                ``max_new_tokens < 1``.
        """
        if k < 1 or temperature < 0 or max_new_tokens < 1:
            raise ValueError(
                f"need k >= 1, temperature >= 0, max_new_tokens >= 1; got "
                f"{k}, {temperature}, {max_new_tokens}"
            )
        copies = 1 if temperature == 0 else k
        rows = [self._prompt_ids(p) for p in prompts for _ in range(copies)]
        texts: list[str] = []
        with _seeded(seed, self.device):
            for start in range(0, len(rows), GENERATE_CHUNK):
                chunk = rows[start : start + GENERATE_CHUNK]
                texts.extend(self._generate(chunk, temperature, max_new_tokens))
        groups = [texts[i : i + copies] for i in range(0, len(texts), copies)]
        return [group * (k // copies) for group in groups]

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write model, tokenizer and ``LMConfig`` to the directory ``path``.

        Everything is written to a temporary sibling directory first and
        then renamed into place, so ``path`` never holds a half-written
        checkpoint. An existing ``path`` is replaced; between the two
        renames there is a moment when ``path`` does not exist.
        """
        target = Path(path)
        with atomic_directory(target) as staging:
            with quiet_progress():
                self.model.save_pretrained(staging)
            self.tokenizer.save_pretrained(staging)
            config_json = json.dumps(dataclasses.asdict(self.config), indent=2)
            (staging / LM_CONFIG_FILE).write_text(config_json)
        logger.info("saved model to %s", target)

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], device: torch.device | str | None = None
    ) -> Seq2SeqLM:
        """Load a model written by ``save``, from local files only.

        Returns:
            The loaded ``Seq2SeqLM`` on ``device`` (see ``pick_device``).

        Raises:
            FileNotFoundError: if ``path`` holds no saved model.
        """
        source = Path(path)
        if not (source / LM_CONFIG_FILE).is_file():
            raise FileNotFoundError(f"no saved model in {source}")
        transformers = _import_transformers()
        config = LMConfig(**json.loads((source / LM_CONFIG_FILE).read_text()))
        tokenizer = transformers.PreTrainedTokenizerFast.from_pretrained(
            source, local_files_only=True
        )
        with quiet_progress():
            model = transformers.GPT2LMHeadModel.from_pretrained(
                source, local_files_only=True
            )
        device = pick_device(str(device) if device is not None else None)
        logger.info("loaded model from %s", source)
        return cls(tokenizer, model, config, device)

    def _text_ids(self, text: str) -> list[int]:
        """Returns the token ids of ``text``, without special tokens."""
        return self.tokenizer.encode(text, add_special_tokens=False)

    def _prompt_ids(self, prompt: str) -> list[int]:
        """Returns ``<bos> prompt <sep>``, the prompt cut to
        ``max_prompt_tokens`` tokens."""
        body = self._text_ids(prompt)
        if len(body) > self.config.max_prompt_tokens:
            logger.debug("prompt cut from %d tokens", len(body))
            body = body[: self.config.max_prompt_tokens]
        return [self._bos_id, *body, self._sep_id]

    def _example(self, prompt: str, completion: str) -> tuple[list[int], list[int]]:
        """Lay out one training example.

        Returns:
            ``(input_ids, labels)``, equal lengths of at most
            ``n_positions``; labels are ``IGNORE_INDEX`` on the prompt.
        """
        head = self._prompt_ids(prompt)
        tail = [*self._text_ids(completion), self._eos_id]
        ids = (head + tail)[: self.config.n_positions]
        labels = ([IGNORE_INDEX] * len(head) + tail)[: self.config.n_positions]
        return ids, labels

    def _train_step(
        self,
        optimizer: torch.optim.Optimizer,
        batch: list[tuple[list[int], list[int]]],
    ) -> float:
        """Take one optimizer step on ``batch``; returns its loss."""
        input_ids, attention_mask = self._pad([ids for ids, _ in batch], "right")
        labels, _ = self._pad([lab for _, lab in batch], "right", IGNORE_INDEX)
        assert labels.shape == input_ids.shape  # (batch, seq)
        loss = self.model(
            input_ids=input_ids, attention_mask=attention_mask, labels=labels
        ).loss
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()

    def _generate(
        self, rows: list[list[int]], temperature: float, max_new_tokens: int
    ) -> list[str]:
        """Continue each prompt row once; returns the decoded completions."""
        input_ids, attention_mask = self._pad(rows, "left")  # (batch, prompt)
        prompt_len = input_ids.shape[1]
        budget = min(max_new_tokens, self.config.n_positions - prompt_len)
        strategy: dict[str, Any] = {"do_sample": False}
        if temperature > 0:
            strategy = {
                "do_sample": True,
                "temperature": temperature,
                "top_k": 0,
                "top_p": 1.0,
            }
        with torch.no_grad():
            output = self.model.generate(
                input_ids=input_ids,
                attention_mask=attention_mask,
                max_new_tokens=budget,
                eos_token_id=self._eos_id,
                pad_token_id=self._pad_id,
                use_cache=True,
                **strategy,
            )  # (batch, prompt + new)
        return [self._decode(row) for row in output[:, prompt_len:].tolist()]

    def _decode(self, ids: list[int]) -> str:
        """Returns the text of ``ids`` up to the first ``<eos>``, stripped."""
        if self._eos_id in ids:
            ids = ids[: ids.index(self._eos_id)]
        return self.tokenizer.decode(ids, skip_special_tokens=True).strip()

    def _pad(
        self,
        rows: list[list[int]],
        side: Literal["left", "right"],
        value: int | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Pad rows to one length on ``side`` ("left" or "right").

        Returns:
            ``(ids, mask)``, both ``(batch, longest)`` on the model's
            device; ``mask`` is 1 on real tokens and 0 on padding.
        """
        fill = self._pad_id if value is None else value
        longest = max(len(row) for row in rows)
        ids = torch.full((len(rows), longest), fill, dtype=torch.long)
        mask = torch.zeros((len(rows), longest), dtype=torch.long)
        for i, row in enumerate(rows):
            start = longest - len(row) if side == "left" else 0
            span = slice(start, start + len(row))
            ids[i, span] = torch.tensor(row, dtype=torch.long)
            mask[i, span] = 1
        return ids.to(self.device), mask.to(self.device)


def _import_transformers() -> Any:
    """Import transformers with the Hugging Face hub switched off.

    Imported lazily because it takes seconds; ``HF_HUB_OFFLINE`` keeps any
    code path from reaching the network (it only takes effect if the hub
    library was not imported earlier; loading also passes
    ``local_files_only``).
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import transformers

    # Masks are always passed; transformers still warns about padding once
    # per process from inside `generate`, which only confuses a user.
    transformers.logging.set_verbosity_error()
    return transformers


@contextmanager
def quiet_progress() -> Iterator[None]:
    """Hide transformers' progress bars (for saving and loading small
    models, where they are noise) and restore the caller's setting."""
    hf_logging = _import_transformers().utils.logging
    was_on = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_on:
            hf_logging.enable_progress_bar()


def _special_id(tokenizer: PreTrainedTokenizerFast, name: str) -> int:
    """Returns the id ``tokenizer.<name>``.

    Raises:
        ValueError: if the tokenizer lacks it or it is outside the vocabulary.
    """
    token_id = getattr(tokenizer, name, None)
    if token_id is None or not 0 <= token_id < len(tokenizer):
        raise ValueError(f"tokenizer has no usable {name}: {token_id}")
    return token_id


def _set_generation_ids(
    model: GPT2LMHeadModel, tokenizer: PreTrainedTokenizerFast
) -> None:
    """Store the special ids in the model's generation config (saved too)."""
    model.generation_config.bos_token_id = tokenizer.bos_token_id
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id


def _sampling_probs(weights: Sequence[float] | None, n: int) -> torch.Tensor:
    """Turn per-example weights into a probability vector of shape ``(n,)``.

    Raises:
        ValueError: if there is not one finite, non-negative weight per
            example, or they sum to zero.
    """
    if weights is None:
        return torch.full((n,), 1.0 / n, dtype=torch.double)
    probs = torch.tensor(list(weights), dtype=torch.double)
    if probs.shape != (n,):
        raise ValueError(f"{len(probs)} weights for {n} pairs")
    if not torch.isfinite(probs).all() or (probs < 0).any() or probs.sum() <= 0:
        raise ValueError("weights must be finite, non-negative, with a positive sum")
    return probs / probs.sum()


@contextmanager
def _seeded(seed: int, device: torch.device) -> Iterator[None]:
    """Seed torch inside the block and restore the caller's RNG after it."""
    gpus = [device.index or 0] if device.type == "cuda" else []
    with torch.random.fork_rng(devices=gpus):
        torch.manual_seed(seed)
        yield


