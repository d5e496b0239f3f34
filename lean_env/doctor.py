"""What `leanplay doctor` reports about the Lean in use."""

from __future__ import annotations

from lean_env import library as lib
from lean_env.errors import LeanError
from lean_env.toolchain import cache_dir, find_toolchain

__all__ = ["diagnose"]


def diagnose() -> list[str]:
    """Return report lines: which Lean, its version, search path, core state.

    Raises:
        LeanNotFound: when no Lean runs.
    """
    tc = find_toolchain()
    kind = "embedded Lean, prelude mode" if tc.embedded else "full toolchain"
    lines = [f"lean: {tc.lean}", f"found via: {tc.source} ({kind})", f"version: {tc.version}"]
    digest = lib._digest(tc, lib.core_source_dir(), lib.CORE_MODULES)
    build = cache_dir() / "library" / digest
    built = (build / ".complete").exists()
    lines.append(f"core library sources: {lib.core_source_dir() / 'Leanplay'}")
    lines.append(f"library search path (LEAN_PATH): {build}")
    lines.append(f"core library built: {'yes' if built else 'no (built at first use)'}")
    if not built:
        try:
            lib.core_library(tc)
            lines.append("core library: built now")
        except LeanError as exc:
            lines.append(f"core library: FAILED to build: {exc}")
    return lines
