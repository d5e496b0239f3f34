"""Tactic-level proof search: one tactic step at a time, from the goals Lean reports.

Whole-proof sampling asks the prover for a proof of a statement in one go;
the prover then tends to repeat the proofs it was trained on. Search asks it
for one step at a time instead: the prompt is the first goal Lean reports
for the script so far (hypotheses and ``⊢`` target, as ``Checker.probe``
prints them), the completion one tactic step. Steps learned from different
proofs combine, and Lean prunes every step that fails.

The search is level by level, for all statements at once: at each depth the
prover samples ``samples`` steps for each of the ``width`` open scripts of a
statement, Lean probes every new script in one batch, and each statement
keeps the ``width`` open scripts whose step was sampled most often (then
fewest goals left). A script Lean reports no error for ends the statement's
search; the caller checks it with the sound checker like any other proof.

The same model serves both tasks: step prompts start with ``STEP_MARK``.
Its step data come from proved proofs: each proof is cut into steps
(bullets ``·`` flattened into the script, an ``induction … with`` or
``cases … with`` block kept as one step, a term proof one ``exact`` step),
and Lean reports the goal before each step.
"""

from __future__ import annotations

import collections
import dataclasses
import random
import re
from collections.abc import Sequence

from tqdm import tqdm

from embeddings.graph import statement_key
from lean_env.checker import Candidate, Checker
from pipeline.proving import Attempt, sample_in_chunks

__all__ = ["STEP_MARK", "split_steps", "render_steps", "step_prompt", "step_pairs", "search",
           "menu_steps", "search_open", "SEARCH_CHECKED", "LemmaIndex", "constants", "CLOSE",
           "WIDE_SIMP"]

#: Starts every step prompt, so the prover tells a goal from a statement.
STEP_MARK = "⊢⊢ "
#: A goal is cut to this many characters in a prompt (the prover reads at
#: most half its context as prompt).
GOAL_CHARS = 400
#: Scripts the search found that are checked per statement (it stops at the
#: first level that finds any; more than a few are near-duplicates).
SEARCH_CHECKED = 3
#: The menu's wide `simp` takes this many times ``search_lemmas`` nearest lemmas.
WIDE_SIMP = 3
#: Probes the first goal of a statement: a script that changes nothing.
START = "skip"


def split_steps(proof: str) -> list[str]:
    """The steps of a proof, in order: a term proof is one ``exact`` step; a
    ``by`` block gives its top-level tactics, with ``·`` bullets flattened
    into the sequence, and a tactic with its ``|`` alternatives or its
    deeper-indented lines as one step (lines joined by newlines, dedented)."""
    text = proof.strip()
    if not text.startswith("by") or (len(text) > 2 and not text[2].isspace()):
        return ["exact " + " ".join(text.split())]
    body = text[2:]
    lines = []
    for row in body.split("\n"):
        if row.strip():
            lines.append((len(row) - len(row.lstrip(" ")), row.strip()))
    if not lines:
        return []
    if len(lines) == 1:
        return [part.strip() for part in lines[0][1].split(";") if part.strip()]
    return _flatten(lines)


def _flatten(lines: list[tuple[int, str]]) -> list[str]:
    steps, i, base = [], 0, lines[0][0]
    while i < len(lines):
        col, row = lines[i]
        j = i + 1
        while j < len(lines) and (lines[j][0] > base
                                  or (lines[j][0] == base and lines[j][1].startswith("|"))):
            j += 1
        block = lines[i:j]
        if row.startswith("·"):
            inner = [(col + 2, row[1:].strip())] + block[1:]
            steps += _flatten([(c, r) for c, r in inner if r])
        else:
            steps.append("\n".join(" " * (c - base) + r for c, r in block))
        i = j
    return steps


def _hypothesis_rows(goal: str) -> tuple[list[tuple[list[str], str]], str]:
    """A goal's hypothesis rows as (names, type), inaccessible names (``h✝``)
    included, and its target."""
    rows, target, seen_turnstile = [], [], False
    for row in goal.split("\n"):
        if row.startswith("⊢"):
            seen_turnstile = True
            target.append(row[1:].strip())
        elif seen_turnstile:
            target.append(row.strip())
        elif " : " in row and not row.startswith("case "):
            names, type_ = row.split(" : ", 1)
            rows.append((names.split(), type_.strip()))
    return rows, " ".join(target)


def _hypotheses(goal: str) -> tuple[list[tuple[str, str]], str]:
    """A goal's hypotheses that a step can name, as (name, type), and its target."""
    rows, target = _hypothesis_rows(goal)
    return [(n, type_) for names, type_ in rows for n in names if "✝" not in n], target


def menu_steps(goal: str, lemmas: Sequence[str] = (), wide: Sequence[str] = ()) -> list[str]:
    """Generic steps worth trying on ``goal`` whatever the prover says: the
    exploration of the search (introductions, case splits, constructors,
    induction, the goal's hypotheses used directly, `simp`), each of
    the theorems named ``lemmas`` (``LemmaIndex.nearest``) rewritten with,
    applied or given to `simp`, and `simp` with all of ``wide`` at once (a
    larger set of nearest lemmas), also after induction."""
    hyps, target = _hypotheses(goal)
    used = {n for n, _ in hyps}
    fresh = next(f"h{i}" for i in range(1, 99) if f"h{i}" not in used)
    steps = []
    if target.startswith("∀"):
        binders = target[1:].split(",", 1)[0]
        groups = _BINDER_GROUP.findall(binders) or [binders.split(":")[0]]
        names = [w for group in groups for w in group.split() if w.isidentifier()]
        if names:
            steps.append("intro " + " ".join(names))
    head = target.split(" ", 1)[0]
    premises = _premises(target) if not target.startswith("∀") else 0
    if head in ("Not", "Ne") or premises:
        steps.append(f"intro {fresh}")
    if premises > 1:  # every premise at once
        steps.append("intro " + " ".join(
            [f"h{i}" for i in range(1, 99) if f"h{i}" not in used][:premises]))
    if head in ("Iff", "And"):
        steps.append("constructor")
    if head == "Iff":
        steps.append(f"constructor <;> intro {fresh}")
    if head == "And":
        steps += ["constructor <;> assumption", "constructor <;> simp [*]"]
    if head == "Exists":
        # A witness among the goal's variables, the proof left to the next steps;
        # or one Lean finds by unification.
        steps += [f"refine ⟨{name}, ?_⟩" for name, type_ in hyps if _is_variable_type(type_)]
        steps += ["refine ⟨_, rfl⟩", "constructor"]
    if head == "Or":
        steps += ["left", "right"]
    if head == "Eq":
        steps += ["rfl", "apply propext"]
    if head == "True":
        steps.append("trivial")
    if head == "Iff":
        steps.append(f"constructor <;> intro {fresh} <;> {CLOSE}")
    if _is_predicate(target):
        # An inductive predicate (`≤` on Nat…): its constructors, then the
        # premises they leave closed from the hypotheses.
        steps += ["constructor", f"constructor <;> {CLOSE}"]
    steps += ["assumption", "simp", "simp [*]", "contradiction", "decide"]
    cited = list(lemmas)
    for name in cited:
        steps += [f"rw [{name}]", f"rw [← {name}]", f"simp [*, {name}]", f"apply {name}",
                  f"exact {name}"]
    closers = ["rfl", "simp [*" + "".join(", " + c for c in cited) + "]", "decide"]
    if cited:
        steps.append("simp [*, " + ", ".join(cited) + "]")
    if wide:
        wider = "simp [*, " + ", ".join(wide) + "]"
        steps.append(wider)
        closers.append(wider)
    for name, type_ in hyps:
        kind = type_.split(" ", 1)[0]
        if kind in ("And", "Or", "Exists", "Iff"):
            steps.append(f"cases {name}")
        if kind == "Or":
            steps += [f"cases {name} <;> {closers[1]}", f"cases {name} <;> {CLOSE}"]
        if kind in ("And", "Iff"):
            steps += [f"exact {name}.1", f"exact {name}.2"]
        if kind == "Eq":
            steps += [f"rw [{name}]", f"simp [{name}]", f"exact {name}.symm"]
        if kind in ("Not", "Ne") or " → " in type_ or type_.startswith("∀"):
            steps += [f"apply {name}", f"apply {name} <;> {CLOSE}"]
        if kind in ("Nat", "List", "Bool"):
            # A case split closed on every branch at once, or left to the next steps.
            steps += [f"cases {name} <;> {c}" for c in closers]
            steps.append(f"cases {name}")
        if kind in ("Nat", "List"):
            steps += [f"induction {name}", f"induction {name} <;> {closers[1]}"]
            if wide:
                steps.append(f"induction {name} <;> {closers[-1]}")
            if _is_predicate(target):
                steps.append(f"induction {name} <;> constructor <;> {CLOSE}")
        if _is_predicate(type_):
            # A proof of an inductive predicate: one case per constructor.
            steps += [f"cases {name}", f"induction {name}", f"cases {name} <;> {CLOSE}"]
            deeper = " | constructor" if _is_predicate(target) else ""
            steps.append(f"induction {name} <;> constructor <;> {CLOSE}{deeper}")
        if kind not in ("Nat", "List", "Prop", "Bool", "Type", "Sort"):
            steps.append(f"exact {name}")
    if any("✝" in n for names, _ in _hypothesis_rows(goal)[0] for n in names):
        # `cases` leaves its new hypotheses inaccessible: name the newest.
        steps.append(f"rename_i {fresh}")
    return list(dict.fromkeys(steps))


#: Closes a goal from the hypotheses, one constructor deep: the closer put
#: after `<;>` when a step splits into several goals.
CLOSE_ALTERNATIVES = ("assumption | rfl | trivial | contradiction | left <;> assumption"
                      " | right <;> assumption | constructor <;> assumption")
CLOSE = "first | " + CLOSE_ALTERNATIVES
#: Heads of targets and hypotheses that are not inductive predicates (those
#: the menu handles by name, and the types of values).
_NOT_PREDICATES = frozenset({"And", "Or", "Iff", "Exists", "Not", "Ne", "Eq", "True", "False",
                             "Nat", "List", "Bool", "Prop", "Type", "Sort", "HEq"})


def _is_predicate(type_: str) -> bool:
    """Whether ``type_`` (a target or a hypothesis's type) is an applied
    dotted constant that is not a connective, an equation or a type of
    values, e.g. ``LE.le n m``: a candidate inductive predicate (a wrong
    guess only costs the probes of steps Lean rejects)."""
    words = type_.split()
    return (len(words) > 1 and words[0] not in _NOT_PREDICATES and "." in words[0]
            and words[0][0].isupper() and "→" not in type_ and not type_.startswith("∀"))


#: A binder group of a printed `∀`: its names, before the colon.
_BINDER_GROUP = re.compile(r"[({⦃\[]([^:(){}⦃⦄\[\]]*):")


def _premises(target: str) -> int:
    """The arrows of ``target`` outside brackets: how many premises it has."""
    depth, count = 0, 0
    for ch in target:
        depth += (ch in "([{⟨") - (ch in ")]}⟩")
        count += ch == "→" and depth == 0
    return count


def _is_variable_type(type_: str) -> bool:
    """Whether a hypothesis of this type is a value (a candidate witness), not
    a proof: its type is a plain name other than a universe, or a list."""
    words = type_.split()
    return (len(words) == 1 and words[0] not in ("Prop", "Type", "Sort")) or \
        (len(words) == 2 and words[0] == "List")


#: Names that are constants although written in lower case (the core's Bool).
_LOWER_CONSTANTS = frozenset({"true", "false", "and", "or", "not", "xor", "cond", "id"})
_TOKEN = re.compile(r"[A-Za-z_][\w.']*|[0-9]+")


def constants(text: str) -> frozenset[str]:
    """The constants a printed term mentions: dotted or capitalised names,
    numerals and the core's lower-case Bool operations (bound variables are
    lower case and left out)."""
    return frozenset(t for t in _TOKEN.findall(text)
                     if "." in t or t[0].isupper() or t[0].isdigit() or t in _LOWER_CONSTANTS)


@dataclasses.dataclass(frozen=True)
class LemmaIndex:
    """Theorems the search may cite, found for a goal by the constants their
    conclusion shares with the goal's target (Jaccard overlap).

    Attributes:
        entries: ``(name, constants of its conclusion)``, in the order given.
        per_goal: the lemmas offered per goal.
        keys: each entry's ``statement_key``: a lemma is never offered for a
            statement it restates (that would be citing, not proving).
    """

    entries: tuple[tuple[str, frozenset[str]], ...]
    per_goal: int = 2
    keys: tuple[str, ...] = ()

    @classmethod
    def build(cls, checker: Checker, named: Sequence[tuple[str, str]],
              per_goal: int = 2) -> LemmaIndex:
        """Index ``(name, statement)`` theorems by their conclusions as Lean
        prints them (the goal left after ``intros``), so that they compare
        with the goals the search sees."""
        probes = checker.probe([Candidate(s, render_steps(["intros"])) for _, s in named])
        kept = [((name, constants(_hypotheses(p.goals[0])[1])), statement_key(statement))
                for (name, statement), p in zip(named, probes) if p.status == "open" and p.goals]
        return cls(tuple(e for e, _ in kept), per_goal, tuple(k for _, k in kept))

    def nearest(self, goal: str, statement: str = "", count: int | None = None) -> list[str]:
        """The names of the ``count`` (default ``per_goal``) lemmas nearest
        ``goal`` (none that shares no constant with its target, nor one
        restating ``statement``)."""
        target = constants(_hypotheses(goal)[1])
        same = statement_key(statement) if statement else None
        scored = []
        for k, (name, consts) in enumerate(self.entries):
            shared = len(target & consts)
            if shared and (same is None or self.keys[k] != same):
                scored.append((-shared / len(target | consts), k, name))
        return [name for *_, name in sorted(scored)[:self.per_goal if count is None else count]]


def render_steps(steps: Sequence[str]) -> str:
    """The ``by`` script running ``steps`` in sequence."""
    lines = ["by"]
    for step in steps:
        lines += ["  " + row for row in step.split("\n")]
    return "\n".join(lines)


def step_prompt(goal: str) -> str:
    """The prover's prompt for the next step on ``goal``."""
    return STEP_MARK + " ".join(goal.split())[:GOAL_CHARS]


def step_pairs(checker: Checker, proved: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """(goal prompt, step) pairs from proved ``(statement, proof)``: the first
    goal Lean reports before each step of each proof. A proof whose
    flattened script stops being open before its last step gives the pairs
    up to there."""
    cands, owners, cut = [], [], {}
    for j, (statement, proof) in enumerate(proved):
        steps = split_steps(proof)
        cut[j] = steps
        for n in range(len(steps)):
            cands.append(Candidate(statement, render_steps(steps[:n] or [START])))
            owners.append((j, n))
    probes = checker.probe(cands)
    broken: set[int] = set()
    pairs = []
    for (j, n), probe in zip(owners, probes):
        if j in broken:
            continue
        if probe.status != "open" or not probe.goals:
            broken.add(j)
            continue
        pairs.append((step_prompt(probe.goals[0]), cut[j][n]))
    return pairs


def search(prover, checker: Checker, statements: Sequence[str], *, width: int, samples: int,
           depth: int, temperature: float, max_new_tokens: int, rng: random.Random,
           progress: bool = False, menu: bool = True,
           lemmas: LemmaIndex | None = None) -> list[list[str]]:
    """Search for tactic scripts, level by level; return per statement the
    scripts Lean reported no error for (unchecked; the first level that
    finds any ends the statement's search). With ``lemmas``, the menu also
    cites the theorems nearest each goal."""
    found: list[list[str]] = [[] for _ in statements]
    first = checker.probe([Candidate(s, render_steps([START])) for s in statements])
    # A frontier entry: (steps so far, goals left).
    frontier = {i: [((), p.goals)] for i, p in enumerate(first) if p.status == "open" and p.goals}
    visited: dict[int, set] = {i: {entries[0][1]} for i, entries in frontier.items()}
    for _ in tqdm(range(depth), desc="search", unit="level", disable=not progress, leave=False):
        nodes = [(i, steps, goals) for i, entries in frontier.items() for steps, goals in entries]
        if not nodes:
            break
        if prover is not None and samples:
            sampled = sample_in_chunks(prover.prove, [step_prompt(g[0]) for _, _, g in nodes],
                                       samples, temperature=temperature,
                                       max_new_tokens=max_new_tokens, rng=rng, desc="steps",
                                       progress=progress)
        else:
            sampled = [[] for _ in nodes]
        children: list[tuple[int, tuple[str, ...], int]] = []
        seen: set[tuple[int, str]] = set()
        for (i, steps, goals), outs in zip(nodes, sampled):
            counts = collections.Counter(s.strip("\n ") for s in outs)
            cited = wide = ()
            if lemmas is not None:
                wide = lemmas.nearest(goals[0], statements[i], WIDE_SIMP * lemmas.per_goal)
                cited = wide[:lemmas.per_goal]
            for step in menu_steps(goals[0], cited, wide if len(wide) > len(cited) else ())\
                    if menu else ():
                counts.setdefault(step, 0)
            for step, count in counts.items():
                script = steps + (step,)
                key = (i, render_steps(script))
                if step and key not in seen:
                    seen.add(key)
                    children.append((i, script, count))
        probes = checker.probe([Candidate(statements[i], render_steps(script))
                                for i, script, _ in children])
        ranked: dict[int, list] = collections.defaultdict(list)
        for (i, script, count), probe in zip(children, probes):
            if probe.status == "done":
                found[i].append(render_steps(script))
            elif probe.status == "open" and probe.goals:
                if probe.goals in visited[i]:
                    continue
                size = sum(len(_hypotheses(g)[1]) for g in probe.goals)
                ranked[i].append((-count, len(probe.goals), size, script, probe.goals))
        frontier = {}
        for i, entries in ranked.items():
            if found[i]:
                continue
            entries.sort(key=lambda e: e[:3])
            kept, states = [], set()
            for *_, script, goals in entries:
                if goals not in states:
                    states.add(goals)
                    visited[i].add(goals)
                    kept.append((script, goals))
                if len(kept) == width:
                    break
            frontier[i] = kept
    return found


def search_open(prover, checker: Checker, statements: Sequence[str], results: list[list[Attempt]],
                **settings) -> set[int]:
    """Search for the statements none of whose ``results`` Lean accepted,
    check what it found with the sound checker, and add those attempts to
    ``results`` in place; return the indices the search proved.
    ``settings`` are ``search``'s keyword arguments."""
    open_ = [j for j, attempts in enumerate(results)
             if not any(a.verdict.proved for a in attempts)]
    if not open_:
        return set()
    found = search(prover, checker, [statements[j] for j in open_], **settings)
    scripts = [(j, script) for j, candidates in zip(open_, found)
               for script in candidates[:SEARCH_CHECKED]]
    verdicts = checker.check([Candidate(statements[j], s) for j, s in scripts])
    proved = set()
    for (j, script), verdict in zip(scripts, verdicts):
        results[j].append(Attempt(script, verdict, 1))
        if verdict.proved:
            proved.add(j)
    return proved
