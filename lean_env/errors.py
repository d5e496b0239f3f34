"""Named failures of the Lean boundary: one exception per way it can fail."""

from __future__ import annotations

__all__ = [
    "LeanError",
    "LeanNotFound",
    "LibraryBuildError",
    "LeanCrashed",
    "LeanSourceError",
]


class LeanError(Exception):
    """Base class of every failure of the Lean runtime or checker itself."""


class LeanNotFound(LeanError):
    """No usable Lean: no toolchain, and the embedded one cannot be started."""


class LibraryBuildError(LeanError):
    """A Lean library (the core or a user's) failed to compile."""


class LeanCrashed(LeanError):
    """Lean exited abnormally on input that should not crash it."""


class LeanSourceError(LeanError):
    """A Lean source file given by the user cannot be read or parsed."""
