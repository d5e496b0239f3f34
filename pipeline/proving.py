"""Sampling from a model in chunks, and proof attempts: sample, dedupe, check."""

from __future__ import annotations

import collections
import dataclasses
import random
from collections.abc import Callable, Sequence

from tqdm import tqdm

from lean_env.checker import Candidate, Checker, Verdict

__all__ = ["Attempt", "sample_in_chunks", "attempt_proofs", "shortest_proved",
           "close_failure", "repair_prompt"]

#: Separates statement, failed proof and Lean's complaint in a repair prompt.
REPAIR_MARK = " ⟸ "
#: The complaint is the first line of Lean's message, cut to this many characters.
COMPLAINT_CHARS = 80

#: Statements per generate call: 16 prompts × k samples keeps a call's batch
#: (at most 64 sequences per forward pass inside the model) busy on 2 cores.
PROMPT_CHUNK = 16


@dataclasses.dataclass(frozen=True)
class Attempt:
    """One distinct proof tried for one statement, with Lean's verdict and
    how many of the statement's samples were this proof."""

    proof: str
    verdict: Verdict
    samples: int = 1


def sample_in_chunks(fn: Callable[..., list[list[str]]], prompts: Sequence[str], k: int, *,
                     temperature: float, max_new_tokens: int, rng: random.Random,
                     desc: str, progress: bool) -> list[list[str]]:
    """Call a model's sampler (``Prover.prove`` or ``Conjecturer.propose``) on
    chunks of prompts with a progress bar; return k samples per prompt."""
    out: list[list[str]] = []
    with tqdm(total=len(prompts), desc=desc, unit="stmt", disable=not progress,
              leave=False) as bar:
        for i in range(0, len(prompts), PROMPT_CHUNK):
            chunk = prompts[i:i + PROMPT_CHUNK]
            out += fn(chunk, k, temperature=temperature, seed=rng.randrange(2**31),
                      max_new_tokens=max_new_tokens)
            bar.update(len(chunk))
    return out


def attempt_proofs(prover, checker: Checker, statements: Sequence[str], k: int, *,
                   temperature: float, max_new_tokens: int, rng: random.Random,
                   progress: bool = False, prompts: Sequence[str] | None = None,
                   tried: Sequence[set[str]] | None = None) -> list[list[Attempt]]:
    """Sample k proofs per statement, drop repeats, and check the rest.

    Args:
        prompts: what the prover reads for each statement (default: the
            statement itself; a repair prompt for a second attempt).
        tried: per statement, proofs already checked, not to check again.

    Returns:
        Per statement, its distinct new proofs with their verdicts, in sample order.
    """
    sampled = sample_in_chunks(prover.prove, list(prompts or statements), k,
                               temperature=temperature, max_new_tokens=max_new_tokens,
                               rng=rng, desc="repair" if prompts else "prove",
                               progress=progress)
    owners, cands, counts = [], [], []
    for j, (stmt, proofs) in enumerate(zip(statements, sampled)):
        for proof, count in collections.Counter(p.strip() for p in proofs).items():
            if tried is not None and proof in tried[j]:
                continue
            owners.append(j)
            cands.append(Candidate(stmt, proof))
            counts.append(count)
    verdicts: list[Verdict] = []
    chunk = 4 * checker.batch_size
    for i in tqdm(range(0, len(cands), chunk), desc="check", unit="chunk",
                  disable=not progress, leave=False):
        verdicts += checker.check(cands[i:i + chunk])
    attempts: list[list[Attempt]] = [[] for _ in statements]
    for j, cand, verdict, count in zip(owners, cands, verdicts, counts):
        attempts[j].append(Attempt(cand.proof, verdict, count))
    return attempts


def close_failure(attempts: Sequence[Attempt]) -> Attempt | None:
    """The failure worth repairing: the most sampled proof that parsed but did
    not elaborate (so Lean said what went wrong); None if a proof was
    accepted or none came that close."""
    if any(a.verdict.proved for a in attempts):
        return None
    close = [a for a in attempts if a.verdict.reason is not None
             and a.verdict.reason.value == "elaboration" and a.verdict.message]
    return max(close, key=lambda a: a.samples) if close else None


def repair_prompt(statement: str, proof: str, message: str) -> str:
    """The prover's prompt for a second attempt: the statement, the failed
    proof and the first line of Lean's complaint."""
    complaint = message.strip().splitlines()[0][:COMPLAINT_CHARS] if message.strip() else ""
    return REPAIR_MARK.join((statement, " ".join(proof.split()), complaint))


def shortest_proved(attempts: Sequence[Attempt]) -> str | None:
    """Return the shortest proof Lean accepted, or None."""
    proved = [a.proof for a in attempts if a.verdict.proved]
    return min(proved, key=len) if proved else None
