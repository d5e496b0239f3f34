"""Running Lean under a wall-clock limit and a memory limit on its process group.

`ulimit -v` breaks Lean's start-up (it reserves address space for threads),
so memory is watched instead: a thread samples the resident memory of the
process group and kills the group when it passes the limit.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import threading
from pathlib import Path

import psutil

__all__ = ["Limits", "MemoryLimitExceeded", "run_limited", "kill_group"]


class MemoryLimitExceeded(RuntimeError):
    """The Lean process group used more memory than allowed."""


@dataclasses.dataclass(frozen=True)
class Limits:
    """Resource limits of one Lean process.

    Attributes:
        seconds: wall-clock limit.
        memory_mb: resident memory limit of the whole process group; 4 GB is
            well above an honest batch of 200 (about 300 MB) and well below
            what a runaway reaches (8 GB within a minute, measured).
        poll_seconds: how often memory is sampled.
    """

    seconds: float
    memory_mb: int = 4096
    poll_seconds: float = 0.1


def run_limited(cmd: list[str], *, cwd: Path, env: dict[str, str],
                limits: Limits) -> subprocess.CompletedProcess:
    """Run ``cmd`` in its own process group within ``limits``.

    Raises:
        subprocess.TimeoutExpired: past the wall-clock limit (group killed).
        MemoryLimitExceeded: past the memory limit (group killed).
    """
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, text=True, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    over = threading.Event()
    stop = threading.Event()
    watcher = threading.Thread(target=_watch_memory, args=(proc.pid, limits, over, stop),
                               daemon=True)
    watcher.start()
    try:
        out, err = proc.communicate(timeout=limits.seconds)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        raise
    finally:
        stop.set()
        watcher.join()
    if over.is_set():
        raise MemoryLimitExceeded(f"Lean used more than {limits.memory_mb} MB")
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _watch_memory(pid: int, limits: Limits, over: threading.Event,
                  stop: threading.Event) -> None:
    limit = limits.memory_mb * 1024 * 1024
    while not stop.wait(limits.poll_seconds):
        if _group_rss(pid) > limit:
            over.set()
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            return


def _group_rss(pid: int) -> int:
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def kill_group(proc: subprocess.Popen) -> None:
    """Kill a process started with ``start_new_session`` and its whole group,
    then reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()
