"""The verdict cache and the checked-file header for each kind of Lean."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from lean_env.cache import VerdictCache
from lean_env.checker import Candidate, Checker, Reason, Status, Verdict
from lean_env.library import checker_header, system_library
from lean_env.toolchain import Toolchain


def test_repeated_attempts_come_from_the_cache(core_lib, tmp_path):
    cache = VerdictCache(tmp_path / "run.db")
    checker = Checker(core_lib, cache=cache)
    cands = [Candidate("∀ (n : Nat), n + 0 = n", "fun n => rfl"),
             Candidate("(1 : Nat) = 2", "rfl"), Candidate("True", "sorry")]
    first = checker.check(cands)
    assert len(cache) == 2  # the screened-out one never reaches Lean
    broken = dataclasses.replace(core_lib, toolchain=dataclasses.replace(
        core_lib.toolchain, lean=tmp_path / "no-lean"))
    again = Checker(broken, cache=cache).check(cands)  # would fail if Lean ran
    assert [v.status for v in again] == [v.status for v in first]
    assert again[1].reason is Reason.ELABORATION


def test_cache_key_includes_lean_version_and_library(tmp_path):
    cache = VerdictCache(tmp_path / "c.db")
    cand = Candidate("True", "trivial")
    cache.put_many(("v1", "lib"), {cand: Verdict(Status.PROVED)})
    cache.put_many(("v1", "lib"), {Candidate("True", "x"): Verdict(Status.TIMEOUT)})
    assert cache.get_many(("v1", "lib"), [cand])[cand].proved
    assert cache.get_many(("v2", "lib"), [cand]) == {}
    assert cache.get_many(("v1", "other"), [cand]) == {}
    assert len(cache) == 1  # timeouts are not cached


def _toolchain(embedded: bool) -> Toolchain:
    return Toolchain(lean=shutil.which("true"), version="Lean (version 4.x)",
                     embedded=embedded, source="PATH")


def test_headers_for_embedded_and_full_toolchains():
    assert checker_header(_toolchain(True)) == "prelude\nimport Leanplay.Seeds\n"
    assert checker_header(_toolchain(False), ("Mathlib", "Std.Data")) == \
        "import Mathlib\nimport Std.Data\n"
    assert checker_header(_toolchain(False)) == ""
    with pytest.raises(ValueError, match="module name"):
        checker_header(_toolchain(False), ("Mathlib\n#print x",))
    lib = system_library(_toolchain(False), ("Init", "Mathlib"))
    assert lib.header == "import Mathlib\n" and lib.modules == ()
    with pytest.raises(ValueError):
        system_library(_toolchain(True))


@pytest.mark.skipif(shutil.which("lean") is None, reason="no full Lean toolchain on PATH")
def test_full_toolchain_checks_with_init(tmp_path):
    from lean_env.toolchain import find_toolchain

    tc = find_toolchain()
    lib = system_library(tc)
    verdicts = Checker(lib).check([Candidate("∀ (n : Nat), n + 0 = n", "fun n => rfl"),
                                   Candidate("(1 : Nat) = 2", "rfl")])
    assert [v.status for v in verdicts] == [Status.PROVED, Status.REJECTED]
