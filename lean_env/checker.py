"""The batch proof checker.

Many candidates are elaborated by one Lean process: each becomes
``theorem leanplay_c<i> : STATEMENT := PROOF`` in a generated file, followed
by ``#print axioms`` lines for all of them.  Messages are attributed to a
candidate by line range.  A candidate counts as proved only on positive
evidence: no error in its lines, and its own ``#print axioms`` line, at the
position the checker wrote it, naming only whitelisted axioms.  Text is
screened first (``lean_env.screen``), so it cannot end the theorem, start a
command, or change an option.  When a batch times out or Lean dies, the batch
is split and the halves are re-checked, so one runaway candidate cannot
change another's verdict; a single candidate that still times out is a
timeout.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import enum
import json
import logging
import re
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from lean_env.errors import LeanCrashed
from lean_env.library import Library
from lean_env.screen import screen_proof, screen_statement

__all__ = ["Candidate", "Status", "Verdict", "Checker", "AXIOM_WHITELIST"]

log = logging.getLogger(__name__)

#: Axioms a proof may use: the core declares `propext`; `Quot.sound` and
#: `Classical.choice` exist on a full toolchain.
AXIOM_WHITELIST = frozenset({"propext", "Quot.sound", "Classical.choice"})

_AXIOMS = re.compile(r"^'(?P<name>[^']+)' (?:depends on axioms: \[(?P<ax>[^\]]*)\]"
                     r"|does not depend on any axioms)\s*$")


@dataclasses.dataclass(frozen=True)
class Candidate:
    """A statement and a proof to check (both untrusted text)."""

    statement: str
    proof: str


class Status(str, enum.Enum):
    PROVED = "proved"
    FAILED = "failed"      # Lean rejected the proof (elaboration error)
    REJECTED = "rejected"  # refused before Lean saw it, or a forbidden axiom
    TIMEOUT = "timeout"
    CRASHED = "crashed"


@dataclasses.dataclass(frozen=True)
class Verdict:
    """The outcome for one candidate.

    Attributes:
        status: what happened.
        message: Lean's error text, or the reason for a rejection.
        axioms: axioms the proof uses (when Lean reported them).
        seconds: wall time of the batch share spent on this candidate.
    """

    status: Status
    message: str = ""
    axioms: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def proved(self) -> bool:
        return self.status is Status.PROVED


@dataclasses.dataclass
class Checker:
    """Checks candidates against a compiled library.

    Attributes:
        library: the library whose header checked files start with.
        batch_size: candidates per Lean process; 200 keeps a file's memory
            near 300 MB while amortizing Lean's start-up (measured: 1,000
            theorems take 1.7 s on one file, 37 ms of it start-up).
        workers: Lean processes run at once (one per core here).
        heartbeats: Lean's deterministic work limit per declaration, in
            thousands; 50 (a quarter of Lean's default) leaves room for every
            proof of the seed library and stops runaway `simp`/`decide` early.
        batch_seconds: wall-clock limit per batch, plus `per_candidate_seconds`
            for each candidate in it.
    """

    library: Library
    batch_size: int = 200
    workers: int = 2
    heartbeats: int = 50_000
    batch_seconds: float = 30.0
    per_candidate_seconds: float = 0.5

    def check(self, candidates: Sequence[Candidate]) -> list[Verdict]:
        """Return one verdict per candidate, in order."""
        verdicts: list[Verdict | None] = [None] * len(candidates)
        todo = []
        for i, cand in enumerate(candidates):
            reason = screen_statement(cand.statement) or screen_proof(cand.proof)
            if reason:
                verdicts[i] = Verdict(Status.REJECTED, reason)
            else:
                todo.append(i)
        items = [(i, candidates[i].statement, candidates[i].proof) for i in todo]
        for i, verdict in self._run_batches(items, proofs=True):
            verdicts[i] = verdict
        return verdicts  # type: ignore[return-value]

    def elaborates(self, statements: Sequence[str]) -> list[str | None]:
        """Return, per statement, None if Lean elaborates it as a proposition,
        else the reason it does not."""
        out: list[str | None] = [None] * len(statements)
        items = []
        for i, stmt in enumerate(statements):
            reason = screen_statement(stmt)
            if reason:
                out[i] = reason
            else:
                items.append((i, stmt, "sorry"))
        for i, verdict in self._run_batches(items, proofs=False):
            out[i] = None if verdict.status is Status.PROVED else (verdict.message or verdict.status.value)
        return out

    def _run_batches(self, items, *, proofs: bool):
        batches = [items[k:k + self.batch_size] for k in range(0, len(items), self.batch_size)]
        with concurrent.futures.ThreadPoolExecutor(max(1, self.workers)) as pool:
            for result in pool.map(lambda b: self._check_split(b, proofs), batches):
                yield from result

    def _check_split(self, batch, proofs: bool) -> list[tuple[int, Verdict]]:
        try:
            return self._check_batch(batch, proofs)
        except (subprocess.TimeoutExpired, LeanCrashed) as exc:
            if len(batch) == 1:
                status = Status.TIMEOUT if isinstance(exc, subprocess.TimeoutExpired) else Status.CRASHED
                return [(batch[0][0], Verdict(status, str(exc)[:500]))]
            log.debug("batch of %d failed (%s); splitting", len(batch), type(exc).__name__)
            mid = len(batch) // 2
            return self._check_split(batch[:mid], proofs) + self._check_split(batch[mid:], proofs)

    def _check_batch(self, batch, proofs: bool) -> list[tuple[int, Verdict]]:
        text, spans = render_batch(self.library.header, [(s, p) for _, s, p in batch])
        limit = self.batch_seconds + self.per_candidate_seconds * len(batch)
        start = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="leanplay-check-") as tmp:
            path = Path(tmp) / "Check.lean"
            path.write_text(text, encoding="utf-8")
            done = self.library.toolchain.run(
                ["--json", "-D", "maxErrors=1000000", "-D", f"maxHeartbeats={self.heartbeats}",
                 "-D", "autoImplicit=false", str(path)],
                cwd=Path(tmp), env=self.library.env(), timeout=limit,
            )
        seconds = (time.monotonic() - start) / len(batch)
        if done.returncode not in (0, 1):
            raise LeanCrashed(f"Lean exited with {done.returncode}: {done.stderr.strip()[-300:]}")
        messages = _parse_messages(done.stdout)
        if done.returncode == 1 and not any(m["severity"] == "error" for m in messages):
            raise LeanCrashed(f"Lean failed without an error message: {done.stderr.strip()[-300:]}")
        verdicts = attribute(messages, spans, proofs=proofs)
        return [(idx, dataclasses.replace(v, seconds=seconds))
                for (idx, _, _), v in zip(batch, verdicts)]


@dataclasses.dataclass(frozen=True)
class Span:
    """Where the checker wrote one candidate: its theorem lines and the line
    of its ``#print axioms``."""

    name: str
    first: int
    last: int
    axioms_line: int


def render_batch(header: str, items: Sequence[tuple[str, str]]) -> tuple[str, list[Span]]:
    """Return the checked file's text and where each candidate lies in it."""
    lines = header.rstrip("\n").splitlines()
    spans = []
    for k, (statement, proof) in enumerate(items):
        name = f"leanplay_c{k}"
        body = proof.splitlines() or [""]
        first = len(lines) + 1
        lines.append(f"theorem {name} : {statement} :=")
        lines.extend("  " + row for row in body)
        spans.append(Span(name, first, len(lines), 0))
    for k, span in enumerate(spans):
        lines.append(f"#print axioms {span.name}")
        spans[k] = dataclasses.replace(span, axioms_line=len(lines))
    return "\n".join(lines) + "\n", spans


def _parse_messages(stdout: str) -> list[dict]:
    messages = []
    for row in stdout.splitlines():
        row = row.strip()
        if row.startswith("{"):
            try:
                messages.append(json.loads(row))
            except json.JSONDecodeError:
                continue
    return messages


def attribute(messages: list[dict], spans: list[Span], *, proofs: bool) -> list[Verdict]:
    """Turn Lean's messages into one verdict per span.

    With ``proofs=False`` (statement checks, proof ``sorry``) the axioms line is
    not required and a `sorry` warning is expected; only errors count.
    """
    errors: dict[int, list[str]] = {}
    axioms: dict[int, tuple[str, ...]] = {}
    by_line = {s.axioms_line: k for k, s in enumerate(spans)}
    for msg in messages:
        line = msg.get("pos", {}).get("line", 0)
        data = msg.get("data", "")
        k = _span_of(spans, line)
        if msg.get("severity") == "error":
            errors.setdefault(k if k is not None else -1, []).append(data)
        elif line in by_line and msg.get("pos", {}).get("column") == 0:
            m = _AXIOMS.match(data)
            if m and m.group("name") == spans[by_line[line]].name:
                listed = m.group("ax") or ""
                axioms[by_line[line]] = tuple(a.strip() for a in listed.split(",") if a.strip())
    if -1 in errors:
        raise LeanCrashed("error outside every candidate: " + errors[-1][0][:300])
    return [_verdict(k, errors, axioms, proofs) for k in range(len(spans))]


def _span_of(spans: list[Span], line: int) -> int | None:
    for k, span in enumerate(spans):
        if span.first <= line <= span.last or line == span.axioms_line:
            return k
    return None


def _verdict(k: int, errors, axioms, proofs: bool) -> Verdict:
    if k in errors:
        return Verdict(Status.FAILED, "\n\n".join(errors[k])[:4000])
    if not proofs:
        return Verdict(Status.PROVED)
    if k not in axioms:
        return Verdict(Status.FAILED, "Lean did not confirm the theorem")
    used = axioms[k]
    bad = [a for a in used if a not in AXIOM_WHITELIST]
    if bad:
        return Verdict(Status.REJECTED, "uses axioms outside the whitelist: " + ", ".join(bad), used)
    return Verdict(Status.PROVED, "", used)
