"""Shared fixtures: the real embedded Lean and the compiled core library."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def core_lib():
    """The compiled core library (built once into the user cache)."""
    from lean_env.library import core_library

    return core_library()


@pytest.fixture(scope="session")
def checker(core_lib):
    from lean_env.checker import Checker

    return Checker(core_lib)


@pytest.fixture(scope="session")
def run_lean():
    """``run_lean(library, text, tmp_path) -> (exit code, JSON messages)``."""
    return run_lean_file


def run_lean_file(library, text: str, tmp_path) -> tuple[int, list[dict]]:
    """Elaborate ``text`` with the library on the search path; return
    (exit code, JSON messages)."""
    import json

    path = tmp_path / "Test.lean"
    path.write_text(text, encoding="utf-8")
    done = library.toolchain.run(["--json", "-D", "maxErrors=1000000", str(path)],
                                 cwd=tmp_path, env=library.env(), timeout=600)
    messages = [json.loads(r) for r in done.stdout.splitlines() if r.startswith("{")]
    return done.returncode, messages
