"""The per-round growth table and its plot."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from embeddings.graph import statement_key
from pipeline.difficulty import cites_same_statement
from pipeline.found import lemma_name
from pipeline.store import Store

__all__ = ["round_rows", "growth_table", "growth_plot", "draw_growth", "pyplot", "COLUMNS",
           "HEADERS", "citing_targets"]

COLUMNS = ("round", "refuted", "elaborated", "attempted", "new_proved", "by_search", "kept",
           "targets_proved", "cumulative_proved", "diversity")
HEADERS = ("round", "refuted", "conjectures", "attempted", "proved", "by search", "kept",
           "targets proved", "cumulative proved", "diversity D_4")


def citing_targets(store: Store, last_round: int | None = None) -> list[str]:
    """The proved targets (by `last_round`, if given) whose proof cites a
    library theorem or another target with the same statement (up to
    `statement_key`): proved, but not really."""
    by_key: dict[str, set[str]] = {}
    # Not only seeds: a proof may cite what was proved before it (`cite_found`).
    for t in store.theorems():
        by_key.setdefault(statement_key(t.statement), set()).add(lemma_name(t))
    proved = store.theorems("kind='target' AND proof IS NOT NULL AND proved_round <= ?",
                            (10**9 if last_round is None else last_round,))
    return [t.name for t in proved
            if cites_same_statement(t.proof,
                                    by_key.get(statement_key(t.statement), set()) - {t.name})]


def round_rows(store: Store) -> list[dict]:
    """The recorded rounds, each with ``refuted`` (the new statements that a
    counterexample falsified before proving) and ``by_search`` (the statements
    only the tactic-level search proved); "-" where the run did not record it."""
    rows = store.rounds()
    for r in rows:
        r["refuted"] = store.step_info(r["round"], "conjecture").get("refuted", "-")
        r["by_search"] = store.step_info(r["round"], "prove").get("by_search", "-")
    return rows


def growth_table(store: Store) -> str:
    """Return the per-round table as aligned text, with the seed as round 0."""
    seeds = store.count_proved("seed")
    rows = [("0 (seed)", "-", "-", "-", str(seeds), "-", "-", "-", str(seeds), "-")]
    rows += [tuple(f"{r[c]:.3f}" if c == "diversity" else str(r[c]) for c in COLUMNS)
             for r in round_rows(store)]
    targets = len(store.theorems("kind='target'"))
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADERS)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(HEADERS, widths))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in rows]
    proved_targets = store.count_proved("target")
    citing = len(citing_targets(store))
    lines.append(f"targets proved so far: {proved_targets - citing} of {targets}"
                 + (f" (and {citing} more only by citing a library theorem with the same "
                    "statement)" if citing else ""))
    return "\n".join(lines)


def pyplot():
    """matplotlib's pyplot on the Agg backend, its font cache kept out of the
    user's home and out of the run directory (MPLCONFIGDIR)."""
    os.environ.setdefault("MPLCONFIGDIR", str(Path(tempfile.gettempdir()) / "leanplay-matplotlib"))
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def draw_growth(ax, rounds: list[dict], seeds: int, title: str) -> None:
    """Draw the cumulative proved set and targets proved by round on `ax`."""
    xs = [0] + [r["round"] for r in rounds]
    targets = [0]
    for r in rounds:
        targets.append(targets[-1] + r["targets_proved"])
    ax.plot(xs, [seeds] + [r["cumulative_proved"] for r in rounds], marker="o",
            label="cumulative proved set")
    ax.plot(xs, targets, marker="s", label="targets proved (cumulative)")
    ax.axhline(seeds, color="grey", linestyle=":", label="seed theorems")
    ax.set(xlabel="round", ylabel="theorems", title=title)
    ax.set_xticks(xs)
    ax.legend(loc="best")


def growth_plot(store: Store, path: Path) -> Path:
    """Write the cumulative proved set and targets proved per round as a PNG."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6, 4))
    draw_growth(ax, store.rounds(), store.count_proved("seed"),
                "leanplay: growth of the proved set")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return Path(path)
