"""Writing a directory so that readers never see it half written."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_directory(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield an empty staging directory that replaces `path` when the block ends.

    The staging directory is a hidden sibling of `path`, so the final rename
    stays on one file system. If the block raises, the staging directory is
    removed and `path` is left as it was. An existing `path` is replaced;
    between the two renames there is a moment when `path` does not exist.

    Raises:
        OSError: if the directory cannot be created or renamed.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield staging
        _replace_dir(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _replace_dir(source: Path, target: Path) -> None:
    """Rename `source` to `target`, replacing any existing `target`."""
    if not target.exists():
        os.rename(source, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    os.rename(target, retired / target.name)
    os.rename(source, target)
    shutil.rmtree(retired, ignore_errors=True)
