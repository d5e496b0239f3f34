"""Several runs side by side: one table and one plot."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import yaml

from pipeline.growth import citing_targets, pyplot
from pipeline.store import Store

__all__ = ["RunHistory", "read_history", "compare_table", "compare_plot"]


@dataclasses.dataclass(frozen=True)
class RunHistory:
    """What `leanplay compare` shows of one run, round 0 (the seed) first."""

    label: str
    strategy: str
    cumulative: list[int]
    targets: list[int]
    diversity: list[float]
    targets_total: int
    citing: int
    seconds: float


def read_history(run_dir: Path, rounds: int | None = None) -> RunHistory:
    """The per-round history of a run directory, cut to its first `rounds`
    rounds when given (to compare runs at equal rounds).

    Raises:
        StoreError: if the directory has no readable run database.
    """
    run_dir = Path(run_dir)
    store = Store(run_dir / "run.db")
    try:
        rows = store.rounds()[:rounds]
        seeds = store.count_proved("seed")
        targets = [0]
        for r in rows:
            targets.append(targets[-1] + r["targets_proved"])
        last = rows[-1]["round"] if rows else 0
        config = _config(run_dir)
        return RunHistory(
            label=run_dir.name or str(run_dir),
            strategy=str(config.get("conjecture_strategy", "walk")),
            cumulative=[seeds] + [r["cumulative_proved"] for r in rows],
            targets=targets,
            diversity=[r["diversity"] for r in rows],
            targets_total=len(store.theorems("kind='target'")),
            citing=len(citing_targets(store, last)),
            seconds=sum(r["seconds"] for r in rows),
        )
    finally:
        store.close()


def _config(run_dir: Path) -> dict:
    try:
        loaded = yaml.safe_load((run_dir / "config.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def compare_table(histories: Sequence[RunHistory]) -> str:
    """One row per run: the cumulative proved set round by round, targets
    proved (those proved only by citing a same-statement library theorem
    apart), the last diversity and the time."""
    headers = ("run", "strategy", "rounds", "cumulative proved by round", "targets proved",
               "diversity D_4", "minutes")
    rows = []
    for h in histories:
        real = h.targets[-1] - h.citing
        rows.append((h.label, h.strategy, str(len(h.cumulative) - 1),
                     " → ".join(map(str, h.cumulative)),
                     f"{real} of {h.targets_total}" + (f" (+{h.citing} citing)" if h.citing else ""),
                     f"{h.diversity[-1]:.3f}" if h.diversity else "-",
                     f"{h.seconds / 60:.1f}"))
    widths = [max(len(head), *(len(r[i]) for r in rows)) for i, head in enumerate(headers)]
    lines = ["  ".join(head.ljust(w) for head, w in zip(headers, widths))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines)


def compare_plot(histories: Sequence[RunHistory], path: Path) -> Path:
    """Three panels against the round: cumulative proved, targets proved,
    diversity D_4; one line per run."""
    plt = pyplot()  # first: it sets MPLCONFIGDIR before matplotlib loads
    import matplotlib.ticker

    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    for h in histories:
        label = f"{h.label} ({h.strategy})"
        rounds = list(range(len(h.cumulative)))
        axes[0].plot(rounds, h.cumulative, marker="o", label=label)
        axes[1].plot(rounds, h.targets, marker="s", label=label)
        axes[2].plot(rounds[1:], h.diversity, marker="^", label=label)
    for ax, title in zip(axes, ("cumulative proved set", "targets proved (cumulative)",
                                "diversity D_4 of the proved set")):
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        ax.set_title(title)
        ax.set_xlabel("round")
        ax.grid(alpha=0.3)
    axes[0].legend(loc="best", fontsize="small")
    fig.suptitle("leanplay: runs compared")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return Path(path)
