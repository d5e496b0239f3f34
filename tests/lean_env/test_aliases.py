"""One case per tactic and notation aliased in the core: each must work.

The cases live in `alias_cases.py`; each is a theorem whose proof exercises
one alias. All go through the real checker in one batch (a wrong alias would
crash Lean and fail the whole batch).
"""

from __future__ import annotations

import re

import pytest

from alias_cases import ALIAS_CASES
from lean_env.checker import Candidate, Status
from lean_env.records import parse_theorems

_ALIAS_DEF = re.compile(r"^@\[(tactic_parser|term_parser)\] def (\S+) :", re.M)


def _candidates():
    out = []
    for alias, text in ALIAS_CASES:
        [record] = parse_theorems(text)
        out.append((alias, Candidate(record.statement, record.proof or "sorry")))
    return out


@pytest.fixture(scope="module")
def verdicts(checker):
    cases = _candidates()
    return dict(zip([a for a, _ in cases], checker.check([c for _, c in cases])))


def test_every_case_is_proved(verdicts):
    failures = {a: v.message[:200] for a, v in verdicts.items()
                if a != "sorry" and v.status is not Status.PROVED}
    assert failures == {}


def test_sorry_alias_parses_but_is_rejected(verdicts):
    assert verdicts["sorry"].status is Status.REJECTED


def test_cases_cover_the_registered_aliases(core_lib):
    core = (core_lib.source_dir / "Leanplay" / "Core.lean").read_text()
    registered = _ALIAS_DEF.findall(core)
    assert len(registered) >= 60
    assert len({a for a, _ in ALIAS_CASES}) >= 60
