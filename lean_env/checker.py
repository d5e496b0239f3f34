"""The sound batch proof checker.

Every statement and proof comes from a model and is treated as hostile. A
candidate counts as proved only when the Lean kernel has checked exactly the
claimed statement using only whitelisted axioms:

1. **Screen** (``lean_env.screen``): the text must lex as one term or tactic
   block: no command keywords, comments, options, control or lookalike
   characters, unbalanced brackets; a size limit.
2. **Compile** the batch: each candidate becomes
   ``theorem leanplay_c<i> : STATEMENT :=`` followed by its proof, indented
   so that no line of it starts a command. Lean compiles the file to a module
   (``-o``); messages are attributed to candidates by line range. Lean
   writes no module when any candidate fails, so the candidates without
   errors are compiled again on their own. With a lemma module
   (``lean_env.lemmas``: proved theorems later proofs may cite), the file
   imports it too; the clean restatement below never does.
3. **Confirm** from the compiled module's ``.ilean`` that every declaration
   with a source range is one the checker wrote, at the line it wrote it.
   A candidate that declared anything else is rejected and the rest are
   compiled again without it, so no verdict is read from a module holding
   someone else's declarations.
4. **Restate** each statement in a clean module that does not import the
   batch (``theorem leanplay_s<i> : (STATEMENT) → True``), so that nothing a
   proof did can change what the statement means; then, in a checker file
   importing both, ``theorem leanplay_k<i> : True := leanplay_s<i> @leanplay_c<i>``
   makes the kernel check that the compiled proof has exactly the clean
   statement's type, and ``#print axioms leanplay_k<i>`` is read at the
   checker's own line positions. Only axioms that the library itself
   declares are accepted (``Library.axioms``).

Exit codes and every error are considered. When a batch times out, runs out
of memory, or Lean dies, the batch is split and the halves re-checked, so one
bad candidate never changes another's verdict; a single candidate that still
fails that way is a timeout or a crash.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import enum
import json
import logging
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from lean_env.errors import LeanCrashed
from lean_env.library import Library
from lean_env.limits import Limits, MemoryLimitExceeded, run_limited
from lean_env.screen import screen_proof, screen_statement

__all__ = ["Candidate", "Status", "Reason", "Verdict", "Checker", "AXIOM_WHITELIST",
           "render_batch", "Probe"]

log = logging.getLogger(__name__)

#: The axioms a proof may use when the library declares them: the embedded core
#: declares `propext` only; `Quot.sound` and `Classical.choice` exist in a full
#: toolchain's Init. A name outside the library is never trusted, since a
#: proof could declare an axiom of that name itself.
#: Bumped whenever a verdict of the same candidate can change.
CHECKER_REVISION = 3

AXIOM_WHITELIST = frozenset({"propext", "Quot.sound", "Classical.choice"})

_AXIOMS = re.compile(r"^'(?P<name>[^']+)' (?:depends on axioms: \[(?P<ax>[^\]]*)\]"
                     r"|does not depend on any axioms)\s*$")
_MODULE = "LeanplayBatch"
_STATEMENTS = "LeanplayStatements"
#: The first line of `#print leanplay_s<k>`: the checker's own text up to the
#: colon, with the universe parameters Lean gave the clean restatement.
_LEVELS = re.compile(r"^theorem leanplay_s(?P<k>[0-9]+)(?:\.\{(?P<us>[^{}]*)\})? :")
_PARSE_HINTS = ("unexpected token", "unexpected identifier", "expected ", "unterminated")


@dataclasses.dataclass(frozen=True)
class Candidate:
    """A statement and a proof to check (both untrusted text)."""

    statement: str
    proof: str


class Status(str, enum.Enum):
    PROVED = "proved"
    REJECTED = "rejected"
    TIMEOUT = "timeout"
    CRASHED = "crashed"


class Reason(str, enum.Enum):
    """Why a candidate was rejected."""

    LEXICAL = "lexical"                   # refused by the screen, Lean never saw it
    PARSE = "parse"                       # Lean could not parse the proof
    ELABORATION = "elaboration"           # Lean reported an error in the proof
    UNEXPECTED_DECLARATION = "unexpected declaration"
    AXIOM = "axiom outside the whitelist"
    STATEMENT_MISMATCH = "statement mismatch"
    UNCONFIRMED = "unconfirmed"           # no positive sign that Lean accepted it


@dataclasses.dataclass(frozen=True)
class Verdict:
    """The outcome for one candidate.

    Attributes:
        status: proved, rejected, timeout or crashed.
        reason: why it was rejected (None otherwise).
        message: Lean's error text, or the reason in words.
        axioms: axioms the proof uses (when proved, or rejected for them).
        seconds: this candidate's share of the batch's wall time.
    """

    status: Status
    reason: Reason | None = None
    message: str = ""
    axioms: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def proved(self) -> bool:
        return self.status is Status.PROVED

    def to_json(self) -> str:
        return json.dumps({"status": self.status.value,
                           "reason": self.reason.value if self.reason else None,
                           "message": self.message, "axioms": list(self.axioms),
                           "seconds": self.seconds})

    @classmethod
    def from_json(cls, text: str) -> Verdict:
        d = json.loads(text)
        return cls(Status(d["status"]), Reason(d["reason"]) if d["reason"] else None,
                   d["message"], tuple(d["axioms"]), d["seconds"])


def _rejected(reason: Reason, message: str, axioms: tuple[str, ...] = ()) -> Verdict:
    return Verdict(Status.REJECTED, reason, message, axioms)


@dataclasses.dataclass(frozen=True)
class Probe:
    """What Lean says of a partial tactic proof (``Checker.probe``): ``open``
    with the goals left (each goal's hypotheses and ``⊢`` target, as Lean
    prints them), ``done`` when Lean reports no error (the proof still has to
    pass ``Checker.check``), or ``failed`` with Lean's message."""

    status: str
    goals: tuple[str, ...] = ()
    message: str = ""


@dataclasses.dataclass
class Checker:
    """Checks candidates against a compiled library.

    Attributes:
        library: the library whose header checked files start with.
        batch_size: candidates per Lean process; 200 keeps a process near
            300 MB while amortizing start-up (see scripts/bench_checker.py).
        workers: Lean processes run at once (one per core here).
        heartbeats: Lean's deterministic work limit per declaration; 50,000
            (a quarter of Lean's default) leaves room for every proof of the
            seed library and stops runaway `simp`/`decide` early.
        batch_seconds: wall-clock limit per Lean process, plus
            `per_candidate_seconds` for each candidate in it.
        memory_mb: memory limit of each Lean process group.
        cache: optional verdict cache (``lean_env.cache.VerdictCache``).
        lemmas: optional compiled lemma module (``lean_env.lemmas``) that
            every proof imports and may cite; statements never see it.
    """

    library: Library
    batch_size: int = 200
    workers: int = 2
    heartbeats: int = 50_000
    batch_seconds: float = 30.0
    per_candidate_seconds: float = 0.5
    memory_mb: int = 4096
    cache: object | None = None
    lemmas: object | None = None

    @property
    def proof_header(self) -> str:
        """What a file of proofs starts with: the library's header, and the
        lemma module's import when there is one."""
        if self.lemmas is None:
            return self.library.header
        from lean_env.lemmas import LEMMA_MODULE

        return self.library.header.rstrip("\n") + f"\nimport {LEMMA_MODULE}\n"

    def check(self, candidates: Sequence[Candidate]) -> list[Verdict]:
        """Return one verdict per candidate, in order."""
        verdicts: list[Verdict | None] = [None] * len(candidates)
        todo = []
        cached = self.cache.get_many(self._key(), candidates) if self.cache is not None else {}
        for i, cand in enumerate(candidates):
            reason = screen_statement(cand.statement) or screen_proof(cand.proof)
            if reason:
                verdicts[i] = _rejected(Reason.LEXICAL, reason)
            elif cand in cached:
                verdicts[i] = cached[cand]
            else:
                todo.append(i)
        unique: dict[Candidate, list[int]] = {}
        for i in todo:
            unique.setdefault(candidates[i], []).append(i)
        items = list(unique)
        fresh = dict(zip(items, self._run_batches(items, self._check_split)))
        for cand, indices in unique.items():
            for i in indices:
                verdicts[i] = fresh[cand]
        if self.cache is not None and fresh:
            self.cache.put_many(self._key(), fresh)
        return verdicts  # type: ignore[return-value]

    def elaborates(self, statements: Sequence[str]) -> list[str | None]:
        """Return, per statement, None if Lean elaborates it as a proposition,
        else the reason it does not."""
        out: list[str | None] = [None] * len(statements)
        items, where = [], []
        for i, stmt in enumerate(statements):
            reason = screen_statement(stmt)
            if reason:
                out[i] = reason
            else:
                items.append(Candidate(stmt, "sorry"))
                where.append(i)
        for i, verdict in zip(where, self._run_batches(items, self._statements_split)):
            out[i] = None if verdict.proved else (verdict.message or verdict.status.value)
        return out

    def probe(self, candidates: Sequence[Candidate]) -> list[Probe]:
        """What Lean says of each partial tactic proof ``by\n  tac\n  …``:
        the goals still open after its tactics, none, or the error.

        Only a search heuristic: a ``done`` proof is not checked; pass it to
        ``check``. A proof is ``open`` only when its one error is the
        ``unsolved goals`` of the whole tactic block (goals left inside an
        ``induction … with`` alternative cannot be continued, so they fail).
        """
        out: list[Probe | None] = [None] * len(candidates)
        items, where = [], []
        for i, cand in enumerate(candidates):
            reason = screen_statement(cand.statement) or screen_proof(cand.proof)
            if reason:
                out[i] = Probe("failed", (), reason)
            else:
                items.append(cand)
                where.append(i)
        for i, probe in zip(where, self._run_batches(items, self._probe_split)):
            out[i] = probe
        return out  # type: ignore[return-value]

    def _probe_split(self, batch: list[Candidate]) -> list[Probe]:
        return self._split_on_failure(
            batch, self._probe_batch,
            failed=lambda exc: Probe("failed", (), f"{type(exc).__name__}: {str(exc)[:200]}"))

    def _probe_batch(self, batch: list[Candidate]) -> list[Probe]:
        messages, spans = self._elaborate(batch, "leanplay_p", "LeanplayProbe",
                                          self.proof_header)
        found: dict[int, list[dict]] = {}
        for msg in messages:
            if msg.get("severity") == "error":
                k = _span_of(spans, msg.get("pos", {}).get("line", 0))
                if k is None:
                    raise LeanCrashed("error outside every probe: " + msg.get("data", "")[:300])
                found.setdefault(k, []).append(msg)
        probes = []
        for k, span in enumerate(spans):
            errors = found.get(k, [])
            data = errors[0].get("data", "") if errors else ""
            if not errors:
                probes.append(Probe("done"))
            elif (len(errors) == 1 and data.startswith("unsolved goals")
                  and errors[0].get("pos", {}).get("line") == span.first + 1):
                goals = tuple(g.strip() for g in data[len("unsolved goals"):].split("\n\n")
                              if g.strip())
                probes.append(Probe("open", goals))
            else:
                probes.append(Probe("failed", (), "\n\n".join(e.get("data", "") for e in errors)[:2000]))
        return probes

    def _key(self) -> tuple[str, str]:
        # The checker's revision is part of the key: verdicts cached by an
        # older checker (revision 1 rejected every `Sort _` statement, revision 2
        # some of them) are not reused; so is the lemma module's digest.
        lemmas = f":lemmas{self.lemmas.digest}" if self.lemmas is not None else ""
        return (self.library.toolchain.version,
                f"{self.library.digest}:checker{CHECKER_REVISION}{lemmas}")

    # -- batching ---------------------------------------------------------------

    def _run_batches(self, items: list[Candidate], check_one) -> list:
        batches = [items[k:k + self.batch_size] for k in range(0, len(items), self.batch_size)]
        with concurrent.futures.ThreadPoolExecutor(max(1, self.workers)) as pool:
            results = list(pool.map(check_one, batches))
        return [v for batch in results for v in batch]

    def _split_on_failure(self, batch: list[Candidate], check, failed=None) -> list:
        """``check(batch)``; a batch that times out, goes over memory or
        crashes is split and its halves checked again, and a single
        candidate that still fails gets ``failed(exc)`` (default: a timeout
        or crash verdict)."""
        try:
            return check(batch)
        except (subprocess.TimeoutExpired, MemoryLimitExceeded, LeanCrashed) as exc:
            if len(batch) == 1:
                if failed is not None:
                    return [failed(exc)]
                status = Status.TIMEOUT if isinstance(exc, subprocess.TimeoutExpired) \
                    else Status.CRASHED
                return [Verdict(status, None, str(exc)[:500])]
            log.debug("batch of %d failed (%s); splitting", len(batch), type(exc).__name__)
            mid = len(batch) // 2
            return self._split_on_failure(batch[:mid], check, failed) + \
                self._split_on_failure(batch[mid:], check, failed)

    def _check_split(self, batch: list[Candidate]) -> list[Verdict]:
        return self._split_on_failure(batch, self._check_batch)

    def _statements_split(self, batch: list[Candidate]) -> list[Verdict]:
        return self._split_on_failure(batch, self._check_statements)

    # -- one batch ----------------------------------------------------------------

    def _check_batch(self, batch: list[Candidate]) -> list[Verdict]:
        start = time.monotonic()
        verdicts: dict[int, Verdict] = {}
        with tempfile.TemporaryDirectory(prefix="leanplay-check-") as tmp:
            tmp_dir = Path(tmp)
            passing = self._compile_clean(batch, list(range(len(batch))), tmp_dir, verdicts)
            levels: dict[int, int] = {}
            if passing:
                passing = self._compile_statements(batch, passing, tmp_dir, verdicts, levels)
            if passing:
                verdicts.update(self._confirm(levels, passing, tmp_dir))
        seconds = (time.monotonic() - start) / len(batch)
        return [dataclasses.replace(verdicts[k], seconds=seconds) for k in range(len(batch))]

    def _compile_clean(self, batch, passing: list[int], tmp: Path,
                       verdicts: dict[int, Verdict]) -> list[int]:
        """Compile the batch until its module holds exactly the candidates
        without errors and nothing else; return those candidates."""
        for _ in range(4):
            items = [(f"leanplay_c{k}", batch[k].statement, batch[k].proof) for k in passing]
            failures, spans = self._compile(_MODULE, items, passing, tmp,
                                            header=self.proof_header)
            if not failures:
                failures = _declaration_anomalies(tmp / f"{_MODULE}.ilean", spans)
            verdicts.update(failures)
            passing = [k for k in passing if k not in failures]
            if not failures or not passing:
                return passing
        raise LeanCrashed("the batch did not compile cleanly after removing failures")

    def _compile_statements(self, batch, passing: list[int], tmp: Path,
                            verdicts: dict[int, Verdict], levels: dict[int, int]) -> list[int]:
        """Elaborate each statement in a module that does not see the batch;
        fill ``levels`` with each one's number of universe parameters."""
        for _ in range(3):
            items = [(f"leanplay_s{k}", f"({batch[k].statement}) → True", "fun _ => True.intro")
                     for k in passing]
            levels.clear()
            failures, _ = self._compile(_STATEMENTS, items, passing, tmp, levels)
            for k, v in failures.items():
                verdicts[k] = _rejected(Reason.STATEMENT_MISMATCH,
                                        "the statement does not elaborate on its own:\n"
                                        + v.message)
            passing = [k for k in passing if k not in failures]
            if not failures or not passing:
                return passing
        raise LeanCrashed("the statements did not compile cleanly after removing failures")

    def _lean(self, args: list[str], path: Path, n: int) -> tuple[int, list[dict]]:
        env = dict(os.environ)
        env.update(self.library.env())
        lemma_dir = str(Path(self.lemmas.directory).resolve()) if self.lemmas is not None else None
        env["LEAN_PATH"] = os.pathsep.join(filter(None, [env.get("LEAN_PATH"), lemma_dir,
                                                         str(path.parent)]))
        cmd = [str(self.library.toolchain.lean), "--json", "-D", "maxErrors=1000000",
               "-D", f"maxHeartbeats={self.heartbeats}", "-D", "autoImplicit=false",
               *args, path.name]
        limits = Limits(self.batch_seconds + self.per_candidate_seconds * n, self.memory_mb)
        done = run_limited(cmd, cwd=path.parent, env=env, limits=limits)
        if done.returncode not in (0, 1):
            raise LeanCrashed(f"Lean exited with {done.returncode}: {done.stderr.strip()[-300:]}")
        messages = _parse_messages(done.stdout)
        if done.returncode == 1 and not any(m.get("severity") == "error" for m in messages):
            raise LeanCrashed(f"Lean failed without an error message: {done.stderr.strip()[-300:]}")
        return done.returncode, messages

    def _compile(self, module: str, items, keys: list[int], tmp: Path, levels=None,
                 header: str | None = None):
        """Compile ``items`` as ``module`` (after ``header``, by default the
        library's); return the rejections by key (Lean errors) and each key's
        span. With a dict ``levels``, also ``#print`` every item and fill in
        its number of universe parameters by key."""
        text, spans = render_batch(header or self.library.header, items, print_axioms=False)
        printed: dict[int, int] = {}
        if levels is not None:
            rows = text.rstrip("\n").split("\n")
            for j, (key, (name, _, _)) in enumerate(zip(keys, items)):
                rows.append(f"#print {name}")
                printed[len(rows)] = key
                # An item that fails makes its `#print` fail too: its error.
                spans[j] = dataclasses.replace(spans[j], axioms_line=len(rows))
            text = "\n".join(rows) + "\n"
        path = tmp / f"{module}.lean"
        path.write_text(text, encoding="utf-8")
        for stale in (path.with_suffix(".olean"), path.with_suffix(".ilean")):
            stale.unlink(missing_ok=True)
        code, messages = self._lean(["-o", path.with_suffix(".olean").name,
                                     "-i", path.with_suffix(".ilean").name], path, len(items))
        errors = _errors_by_span(messages, spans)
        failures = {keys[j]: _rejected(_error_reason(errs), "\n\n".join(errs)[:4000])
                    for j, errs in errors.items()}
        if code == 0 and failures:
            raise LeanCrashed("Lean reported errors but exited with status 0")
        if code == 1 and not failures:
            raise LeanCrashed("Lean exited with status 1 but no candidate has an error")
        if code == 0 and not path.with_suffix(".olean").exists():
            raise LeanCrashed(f"Lean wrote no module for {module}")
        if levels is not None:
            for msg in messages:
                pos = msg.get("pos", {})
                key = printed.get(pos.get("line", -1))
                m = _LEVELS.match(msg.get("data", ""))
                if (key is not None and pos.get("column") == 0 and m and int(m.group("k")) == key
                        and msg.get("severity") == "information" and key not in levels):
                    us = m.group("us")
                    levels[key] = len([u for u in us.split(",") if u.strip()]) if us else 0
        return failures, dict(zip(keys, spans))

    def _confirm(self, levels: dict[int, int], passing: list[int],
                 tmp: Path) -> dict[int, Verdict]:
        # A statement over `Sort _`/`Type _` (or a constant like `PUnit`) has
        # universe parameters, the same in its clean restatement and in the
        # compiled theorem. Lean printed how many the restatement has; the
        # confirming theorem is polymorphic in them and instantiates both
        # with them, so the kernel compares the two types for every universe
        # (every parameter given explicitly: none is left for unification to
        # specialize; a compiled theorem with another count is an error).
        verdicts: dict[int, Verdict] = {
            k: _rejected(Reason.UNCONFIRMED, "Lean did not print the restatement")
            for k in passing if k not in levels}
        passing = [k for k in passing if k in levels]
        if not passing:
            return verdicts
        items = []
        for k in passing:
            n = levels[k]
            names = [f"leanplay_u{i}" for i in range(n)]
            suffix = ".{" + ", ".join(names) + "}" if n else ""
            check = f"@_root_.leanplay_s{k}{suffix} @_root_.leanplay_c{k}{suffix}"
            if n:  # a declaration's type must mention each of its universe parameters
                items.append((f"leanplay_k{k}{suffix}",
                              "∀ " + " ".join(f"(_ : Sort {u})" for u in names) + ", _root_.True",
                              "fun " + "_ " * n + "=> " + check))
            else:
                items.append((f"leanplay_k{k}", "_root_.True", check))
        header = self.library.header.rstrip("\n") + f"\nimport {_STATEMENTS}\nimport {_MODULE}\n"
        text, kspans = render_batch(header, items, print_axioms=True)
        path = tmp / "LeanplayConfirm.lean"
        path.write_text(text, encoding="utf-8")
        _, messages = self._lean([], path, len(items))
        errors = _errors_by_span(messages, kspans)
        axioms = _axioms_by_span(messages, kspans)
        allowed = AXIOM_WHITELIST & set(self.library.axioms)
        for j, k in enumerate(passing):
            if j in errors:
                verdicts[k] = _rejected(Reason.STATEMENT_MISMATCH, "\n\n".join(errors[j])[:2000])
            elif j not in axioms:
                verdicts[k] = _rejected(Reason.UNCONFIRMED, "Lean did not confirm the theorem")
            else:
                bad = [a for a in axioms[j] if a not in allowed]
                verdicts[k] = _rejected(Reason.AXIOM, "uses " + ", ".join(bad), axioms[j]) \
                    if bad else Verdict(Status.PROVED, None, "", axioms[j])
        return verdicts

    def _elaborate(self, batch: list[Candidate], prefix: str, module: str,
                   header: str | None = None) -> tuple[list[dict], list[Span]]:
        """Elaborate the batch in one file after ``header`` (by default the
        library's), nothing written; Lean's messages and where each candidate
        lies."""
        with tempfile.TemporaryDirectory(prefix="leanplay-elab-") as tmp:
            items = [(f"{prefix}{k}", c.statement, c.proof) for k, c in enumerate(batch)]
            text, spans = render_batch(header or self.library.header, items,
                                       print_axioms=False)
            path = Path(tmp) / f"{module}.lean"
            path.write_text(text, encoding="utf-8")
            _, messages = self._lean([], path, len(items))
        return messages, spans

    def _check_statements(self, batch: list[Candidate]) -> list[Verdict]:
        messages, spans = self._elaborate(batch, "leanplay_s", "LeanplayStatements")
        errors = _errors_by_span(messages, spans)
        return [_rejected(_error_reason(errors[k]), "\n\n".join(errors[k])[:2000])
                if k in errors else Verdict(Status.PROVED) for k in range(len(batch))]


@dataclasses.dataclass(frozen=True)
class Span:
    """Where the checker wrote one item: its theorem lines and the line of its
    ``#print axioms`` (0 when none)."""

    name: str
    first: int
    last: int
    axioms_line: int = 0


def render_batch(header: str, items: Sequence[tuple[str, str, str]], *,
                 print_axioms: bool = True) -> tuple[str, list[Span]]:
    """Return a checked file's text for ``(name, statement, proof)`` items and
    where each lies in it. Proof lines are indented so none starts a command."""
    lines = header.rstrip("\n").splitlines()
    spans = []
    for name, statement, proof in items:
        first = len(lines) + 1
        lines.append(f"theorem {name} : {statement} :=")
        lines.extend("  " + row for row in (proof.splitlines() or [""]))
        spans.append(Span(name, first, len(lines)))
    if print_axioms:
        for k, span in enumerate(spans):
            lines.append(f"#print axioms {span.name.split('.{')[0]}")
            spans[k] = dataclasses.replace(span, axioms_line=len(lines))
    return "\n".join(lines) + "\n", spans


def _parse_messages(stdout: str) -> list[dict]:
    messages = []
    for row in stdout.splitlines():
        if row.startswith("{"):
            try:
                messages.append(json.loads(row))
            except json.JSONDecodeError:
                continue
    return messages


def _span_of(spans: Sequence[Span], line: int) -> int | None:
    for k, span in enumerate(spans):
        if span.first <= line <= span.last or line == span.axioms_line:
            return k
    return None


def _errors_by_span(messages: list[dict], spans: Sequence[Span]) -> dict[int, list[str]]:
    errors: dict[int, list[str]] = {}
    for msg in messages:
        if msg.get("severity") != "error":
            continue
        k = _span_of(spans, msg.get("pos", {}).get("line", 0))
        if k is None:
            raise LeanCrashed("error outside every candidate: " + msg.get("data", "")[:300])
        errors.setdefault(k, []).append(msg.get("data", ""))
    return errors


def _axioms_by_span(messages: list[dict], spans: Sequence[Span]) -> dict[int, tuple[str, ...]]:
    by_line = {s.axioms_line: k for k, s in enumerate(spans)}
    found: dict[int, tuple[str, ...]] = {}
    for msg in messages:
        pos = msg.get("pos", {})
        k = by_line.get(pos.get("line", -1))
        if k is None or pos.get("column") != 0 or msg.get("severity") != "information":
            continue
        m = _AXIOMS.match(msg.get("data", ""))
        if m and m.group("name") == spans[k].name.split(".{")[0] and k not in found:
            found[k] = tuple(a.strip() for a in (m.group("ax") or "").split(",") if a.strip())
    return found


def _error_reason(errors: list[str]) -> Reason:
    first = errors[0] if errors else ""
    return Reason.PARSE if first.startswith(_PARSE_HINTS) else Reason.ELABORATION


def _declaration_anomalies(ilean: Path, spans: dict[int, Span]) -> dict[int, Verdict]:
    """Return rejections for candidates whose compiled module declares
    anything but their own theorem, or declares it elsewhere than written.

    ``.ilean`` lists the declarations that have a source range, with 0-based
    lines.

    Raises:
        LeanCrashed: for a declaration outside every candidate.
    """
    decls = json.loads(ilean.read_text()).get("decls", {})
    found: dict[int, Verdict] = {}
    for name, rng in decls.items():
        line = rng[0] + 1 if rng else 0
        owner = next((k for k, s in spans.items() if s.first <= line <= s.last), None)
        if owner is None:
            raise LeanCrashed(f"declaration {name!r} outside every candidate")
        span = spans[owner]
        if name != span.name or line != span.first or rng[2] + 1 > span.last:
            found[owner] = _rejected(Reason.UNEXPECTED_DECLARATION,
                                     f"the proof declared {name!r}")
    return found
