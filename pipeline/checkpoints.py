"""Loading saved models with a clear error when a checkpoint is damaged."""

from __future__ import annotations

from pathlib import Path

__all__ = ["CheckpointError", "load_checkpoint"]


class CheckpointError(RuntimeError):
    """A saved model is missing, truncated or unreadable."""


def load_checkpoint(role_cls, path: Path):
    """Return ``role_cls.load(path)`` (a Prover or Conjecturer).

    Raises:
        CheckpointError: when the folder is missing or its files are damaged.
    """
    try:
        return role_cls.load(path)
    except FileNotFoundError as exc:
        raise CheckpointError(f"checkpoint {path} is missing ({exc})") from exc
    except Exception as exc:  # safetensors, json and torch each raise their own kinds
        raise CheckpointError(f"checkpoint {path} is damaged or truncated "
                              f"({type(exc).__name__}: {str(exc)[:120]})") from exc
