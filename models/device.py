"""Choosing the torch device the models run on."""

from __future__ import annotations

import logging
import os

import torch

logger = logging.getLogger(__name__)

DEVICE_ENV_VAR = "LEANPLAY_DEVICE"
"""Environment variable naming the device when no name is passed."""


def pick_device(name: str | None = None) -> torch.device:
    """Choose the device for a model.

    An explicit ``name`` wins; otherwise the ``LEANPLAY_DEVICE`` environment
    variable; otherwise ``"cuda"`` when a GPU is visible, else ``"cpu"``.

    Returns:
        The chosen ``torch.device``.

    Raises:
        RuntimeError: if the name is not a device torch knows
            (raised by ``torch.device``).
    """
    chosen = name or os.environ.get(DEVICE_ENV_VAR)
    if not chosen:
        chosen = "cuda" if torch.cuda.is_available() else "cpu"
    device = torch.device(chosen)
    logger.debug("picked device %s", device)
    return device
