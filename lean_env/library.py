"""The core library: compiled to ``.olean`` at first use, cached by content.

The core ships as Lean sources under ``lean_env/core/Leanplay``:
``Core.lean`` (definitions and native aliases), ``Seeds.lean`` (theorems
with proofs) and ``Targets.lean`` (statements only; the benchmark).  Core and
Seeds are compiled in order into a cache folder named by the hash of the Lean
version and of every source, so an edit or another Lean rebuilds and an
unchanged library costs nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.resources
import json
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

from lean_env.errors import LeanSourceError, LibraryBuildError
from lean_env.toolchain import Toolchain, cache_dir, find_toolchain

__all__ = ["Library", "core_library", "user_library", "system_library", "checker_header",
           "CORE_MODULES",
           "core_source_dir"]

log = logging.getLogger(__name__)

#: Modules compiled, in dependency order.  Targets are not compiled: they are
#: `sorry` statements, read and elaborated by the loader.
CORE_MODULES = ("Leanplay.Core", "Leanplay.Seeds")
#: Modules whose theorems are the seeds (Core holds definitions and the
#: lemmas tactics need, written in Lean's general style).
SEED_MODULES = ("Leanplay.Seeds",)
TARGETS_MODULE = "Leanplay.Targets"


def core_source_dir() -> Path:
    """Return the folder that holds ``Leanplay/*.lean`` of the core library."""
    return Path(str(importlib.resources.files("lean_env") / "core"))


def module_path(root: Path, module: str) -> Path:
    """Return the source path of ``module`` (dotted name) under ``root``."""
    return root.joinpath(*module.split(".")).with_suffix(".lean")


@dataclasses.dataclass(frozen=True)
class Library:
    """A compiled Lean library.

    Attributes:
        toolchain: the Lean that built it.
        build_dir: the folder to put on ``LEAN_PATH`` (holds the ``.olean``).
        source_dir: the folder holding the sources.
        modules: compiled module names, in order.
        header: the text a checked file starts with to see the library.
        digest: hash of the Lean version and every source.
        axioms: the axioms the library declares (the only ones a proof may
            use, if also on the checker's whitelist).
    """

    toolchain: Toolchain
    build_dir: Path
    source_dir: Path
    modules: tuple[str, ...]
    header: str
    digest: str
    axioms: tuple[str, ...] = ("propext",)
    #: Modules whose theorems with proofs are the seeds of a run.
    seed_modules: tuple[str, ...] = SEED_MODULES
    #: Modules whose `sorry` theorems are the targets of a run.
    target_modules: tuple[str, ...] = (TARGETS_MODULE,)

    def env(self) -> dict[str, str]:
        """Return the environment variables Lean needs to import the library."""
        if not self.modules:  # a full toolchain's own library: its own search path
            return {k: v for k, v in os.environ.items() if k == "LEAN_PATH"}
        paths = [str(self.build_dir)]
        if os.environ.get("LEAN_PATH") and not self.toolchain.embedded:
            paths.append(os.environ["LEAN_PATH"])
        return {"LEAN_PATH": os.pathsep.join(paths)}

    def declarations(self, module: str) -> dict[str, list[int]]:
        """Return the declarations of a compiled module (from its ``.ilean``)."""
        ilean = module_path(self.build_dir, module).with_suffix(".ilean")
        return json.loads(ilean.read_text())["decls"]


def core_library(toolchain: Toolchain | None = None) -> Library:
    """Return the core library, compiling it first if the cache lacks it.

    Raises:
        LibraryBuildError: when a module fails to compile.
        LeanNotFound: when no Lean runs.
    """
    toolchain = toolchain or find_toolchain()
    source = core_source_dir()
    digest = _digest(toolchain, source, CORE_MODULES)
    build = cache_dir() / "library" / digest
    if not (build / ".complete").exists():
        _build(toolchain, source, CORE_MODULES, build)
    # The core is prelude-mode Lean whichever Lean compiles it.
    header = "prelude\nimport " + CORE_MODULES[-1] + "\n"
    return Library(toolchain, build, source, CORE_MODULES, header, digest)


_MODULE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_']*(\.[A-Za-z_][A-Za-z0-9_']*)*")
_IMPORT = re.compile(r"^import\s+(\S+)", re.M)


def user_library(path: Path, toolchain: Toolchain | None = None) -> Library:
    """A library of the user's, in prelude mode on top of the core.

    `path` is a `.lean` file (module `Name` for `Name.lean`) or a folder of
    them, named after the folder: in `Algebra/`, `Group.lean` is the module
    `Algebra.Group`. Each file starts
    with `prelude` and imports the core (`import Leanplay.Seeds`) and any of
    the library's own modules, which are compiled first. Theorems with proofs
    join the core's seeds; `sorry` theorems are the targets. The build is
    cached by a hash of the Lean version and every source.

    Raises:
        LeanSourceError: no such file or folder, no `.lean` file, a bad or
            clashing module name, or an import cycle.
        LibraryBuildError: when a module fails to compile.
    """
    toolchain = toolchain or find_toolchain()
    path = Path(path)
    if path.is_file() and path.suffix == ".lean":
        root, files = path.parent, [path]
    elif path.is_dir():
        root, files = path.resolve().parent, sorted(path.resolve().rglob("*.lean"))
    else:
        raise LeanSourceError(f"no Lean library at {path} (a .lean file or a folder of them)")
    if not files:
        raise LeanSourceError(f"{path} holds no .lean file")
    modules = {".".join(f.relative_to(root).with_suffix("").parts): f for f in files}
    for name in modules:
        if not _MODULE_NAME.fullmatch(name) or name.split(".")[0] == "Leanplay":
            raise LeanSourceError(f"{modules[name]}: {name!r} cannot be a module name of a "
                                  "user library (letters, digits, _ and dots; not Leanplay.*)")
    order = _import_order(modules)
    with tempfile.TemporaryDirectory(prefix="leanplay-src-") as tmp:
        staging = Path(tmp)
        for module in CORE_MODULES:
            target = module_path(staging, module)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(module_path(core_source_dir(), module), target)
        for module in order:
            target = module_path(staging, module)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(modules[module], target)
        all_modules = CORE_MODULES + order
        digest = _digest(toolchain, staging, all_modules)
        build = cache_dir() / "library" / digest
        if not (build / ".complete").exists():
            _build(toolchain, staging, all_modules, build)
    header = "prelude\n" + "".join(f"import {m}\n" for m in (CORE_MODULES[-1], *order))
    # The build folder holds a copy of every source it compiled.
    return Library(toolchain, build, build, all_modules, header, digest,
                   seed_modules=SEED_MODULES + order, target_modules=order)


def _import_order(modules: dict[str, Path]) -> tuple[str, ...]:
    """The modules, each after the library's own modules it imports.

    Raises:
        LeanSourceError: on an import cycle or an unreadable file.
    """
    imports = {}
    for name, file in modules.items():
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LeanSourceError(f"{file}: cannot read it ({exc})") from exc
        imports[name] = [m for m in _IMPORT.findall(text) if m in modules]
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "open":
            raise LeanSourceError("import cycle: " + " -> ".join((*chain, name)))
        state[name] = "open"
        for dep in imports[name]:
            visit(dep, (*chain, name))
        state[name] = "done"
        order.append(name)

    for name in sorted(modules):
        visit(name, ())
    return tuple(order)


def checker_header(toolchain: Toolchain, imports: tuple[str, ...] = ()) -> str:
    """Return the text a checked file starts with.

    On the embedded Lean: ``prelude`` and the core library. On a full
    toolchain: the user's ``import`` lines (``Init`` is implicit), e.g.
    ``("Mathlib",)``.

    Raises:
        ValueError: for an import that is not a module name.
    """
    bad = [m for m in imports if not _MODULE_NAME.fullmatch(m)]
    if bad:
        raise ValueError(f"not a Lean module name: {bad[0]!r}")
    if toolchain.embedded:
        return "prelude\n" + "".join(f"import {m}\n" for m in (CORE_MODULES[-1], *imports))
    return "".join(f"import {m}\n" for m in imports)


def system_library(toolchain: Toolchain, imports: tuple[str, ...] = ("Init",)) -> Library:
    """Return a full toolchain's own library (``Init``, Mathlib, ...) as a
    Library: nothing is built; checked files start with its ``import`` lines
    and Lean finds the modules on its own search path (``LEAN_PATH`` as the
    user set it, or the toolchain's default).

    Raises:
        ValueError: on the embedded Lean, which has no library of its own.
    """
    if toolchain.embedded:
        raise ValueError("the embedded Lean has no Init; use core_library()")
    header = checker_header(toolchain, tuple(m for m in imports if m != "Init"))
    digest = hashlib.sha256((toolchain.version + header).encode()).hexdigest()[:20]
    return Library(toolchain, Path(os.environ.get("LEAN_PATH", ".").split(os.pathsep)[0]),
                   Path("."), (), header, digest, ("propext", "Quot.sound", "Classical.choice"))


def _digest(toolchain: Toolchain, source: Path, modules: tuple[str, ...]) -> str:
    h = hashlib.sha256(toolchain.version.encode())
    for module in modules:
        h.update(module.encode())
        h.update(module_path(source, module).read_bytes())
    return h.hexdigest()[:20]


def _build(toolchain: Toolchain, source: Path, modules: tuple[str, ...],
           build: Path) -> None:
    build.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=build.parent, prefix=".build-"))
    try:
        for module in modules:
            _compile_module(toolchain, source, module, tmp)
        (tmp / ".complete").write_text("ok\n")
        if build.exists():
            shutil.rmtree(build)
        os.replace(tmp, build)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _compile_module(toolchain: Toolchain, source: Path, module: str,
                    build: Path) -> None:
    src = module_path(build, module)
    src.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(module_path(source, module), src)
    rel = src.relative_to(build)
    log.info("compiling %s", module)
    done = toolchain.run(
        ["-o", str(rel.with_suffix(".olean")), "-i", str(rel.with_suffix(".ilean")),
         str(rel)],
        cwd=build, env={"LEAN_PATH": str(build)}, timeout=600,
    )
    if done.returncode != 0:
        message = (done.stdout + done.stderr).strip()
        raise LibraryBuildError(f"{module} failed to compile (exit {done.returncode}):\n"
                                f"{message[-2000:]}")
    if not (build / rel.with_suffix(".olean")).exists():
        raise LibraryBuildError(f"{toolchain.lean} exited 0 on {module} but wrote no .olean; "
                                "is it a real Lean?")
