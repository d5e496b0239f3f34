"""A run as one self-contained HTML page: plots, table, targets, hard finds.

Everything the page shows is inside the file (plots as PNG data URIs, no
scripts, no links out), so it can be mailed or opened from any folder.
"""

from __future__ import annotations

import base64
import html
import io
import time
from pathlib import Path

from pipeline.difficulty import conjecture_rates
from pipeline.growth import COLUMNS, HEADERS, citing_targets, draw_growth, pyplot, round_rows
from pipeline.store import Store

__all__ = ["html_report", "HARDEST"]

#: How many of the hardest proved conjectures the page lists.
HARDEST = 15

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: right; }
td.text { text-align: left; }
pre { background: #f6f6f6; padding: 0.5em; margin: 0.2em 0; white-space: pre-wrap; }
img { max-width: 100%; }
.muted { color: #666; }
"""


def html_report(store: Store, run_dir: Path) -> str:
    """The page for one run, as text."""
    rounds = round_rows(store)
    seeds = store.count_proved("seed")
    targets = store.theorems("kind='target'")
    proved_targets = [t for t in targets if t.proof is not None]
    citing = set(citing_targets(store))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>leanplay run {html.escape(run_dir.name)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>leanplay run <code>{html.escape(str(run_dir))}</code></h1>",
        f'<p class="muted">{len(rounds)} rounds; {seeds} seed theorems; '
        f"{store.count_proved()} theorems proved in all; "
        f"{len(proved_targets) - len(citing)} of {len(targets)} targets proved"
        + (f" (and {len(citing)} more only by citing a library theorem with the same "
           "statement)" if citing else "")
        + f". Written {time.strftime('%Y-%m-%d %H:%M')}.</p>",
        "<h2>Growth</h2>",
        _plot_tag(_growth_png(rounds, seeds), "growth of the proved set and diversity by round"),
        "<h2>Rounds</h2>",
        _round_table(rounds, seeds),
        f"<h2>Targets proved ({len(proved_targets)})</h2>",
    ]
    if not proved_targets:
        parts.append("<p>None yet.</p>")
    for t in proved_targets:
        note = " (cites a library theorem with the same statement)" if t.name in citing else ""
        parts.append(f"<p><b>{html.escape(t.name)}</b> — round {t.proved_round}{note}<br>"
                     f"<code>{html.escape(t.statement)}</code></p>"
                     f"<pre>{html.escape(t.proof)}</pre>")
    hardest = _hardest(store)
    parts.append(f"<h2>Hardest conjectures proved ({len(hardest)})</h2>")
    parts.append('<p class="muted">Lowest share of the prover\'s samples accepted by Lean, '
                 "in the round the conjecture was proved.</p>")
    if not hardest:
        parts.append("<p>None yet.</p>")
    for rate, t in hardest:
        parts.append(f"<p><b>{html.escape(t.name)}</b> — {rate:.0%} of samples, round "
                     f"{t.proved_round}, from <code>{html.escape(t.parent or '-')}</code><br>"
                     f"<code>{html.escape(t.statement)}</code></p>"
                     f"<pre>{html.escape(t.proof)}</pre>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _round_table(rounds: list[dict], seeds: int) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEADERS)
    rows = [f"<tr><td>0 (seed)</td>{'<td>-</td>' * 3}<td>{seeds}</td>{'<td>-</td>' * 3}"
            f"<td>{seeds}</td><td>-</td></tr>"]
    for r in rounds:
        cells = [f"{r[c]:.3f}" if c == "diversity" else str(r[c]) for c in COLUMNS]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _hardest(store: Store) -> list[tuple[float, object]]:
    found = sorted(conjecture_rates(store), key=lambda pair: (pair[0], pair[1].name))
    return found[:HARDEST]


def _growth_png(rounds: list[dict], seeds: int) -> bytes:
    plt = pyplot()
    xs = [0] + [r["round"] for r in rounds]
    fig, (grow, div) = plt.subplots(1, 2, figsize=(11, 4))
    draw_growth(grow, rounds, seeds, "Growth of the proved set")
    div.plot(xs[1:], [r["diversity"] for r in rounds], marker="^", color="tab:green")
    div.set(xlabel="round", ylabel="D_4", ylim=(0, 1.05),
            title="Diversity D_4 of the proved set (1 = stationary)")
    for ax in (grow, div):
        ax.set_xticks(xs)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    plt.close(fig)
    return buffer.getvalue()


def _plot_tag(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img id="growth-plot" alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'
