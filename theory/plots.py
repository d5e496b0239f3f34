"""One figure per result, written as a PNG with matplotlib's Agg backend."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np

from theory.classifier import ClassifierStudy, ExplicitClassifier
from theory.depth import DepthStudy
from theory.flow import FlowStudy, path_deviation
from theory.growth import RUN_GRAPH, SATURATION, GrowthStudy
from theory.overparam import OverparamStudy
from theory.ramp import RampStudy

__all__ = [
    "classifier_figure",
    "depth_figure",
    "flow_figure",
    "growth_figure",
    "overparam_figure",
    "ramp_figure",
]

DPI = 110


def _pyplot():
    """matplotlib.pyplot on the Agg backend, its font cache out of the home folder."""
    os.environ.setdefault(
        "MPLCONFIGDIR", str(Path(tempfile.gettempdir()) / "leanplay-matplotlib")
    )
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    _pyplot().close(fig)
    return Path(path)


def growth_figure(study: GrowthStudy, path: Path) -> Path:
    """Coverage by round, growth per round against the proved set's
    conductance, and the growth rate against the gap and the conductance."""
    plt = _pyplot()
    fig, axes = plt.subplots(2, 2, figsize=(11, 8.5))
    colours = dict(
        zip(study.by_name(), plt.rcParams["axes.prop_cycle"].by_key()["color"])
    )
    p, c = study.model.proof_probability, study.model.walkers
    coverage, per_round, gap_ax, phi_ax = axes.ravel()
    for g in study.graphs:
        style = "-" if g.beta == 0 else "--"
        trace = g.traces[0]
        rounds = np.arange(1, len(trace.sizes) + 1)
        coverage.plot(
            rounds,
            trace.sizes / trace.nodes,
            style,
            color=colours[g.name],
            label=f"{g.name}, beta={g.beta:g}",
        )
        if g.beta == 0:
            for t in g.traces:
                grew = t.factors - 1
                keep = (grew > 0) & (t.sizes[:-1] < 0.5 * t.nodes)
                per_round.scatter(
                    p * c * t.exits[:-1][keep],
                    grew[keep],
                    s=6,
                    alpha=0.4,
                    color=colours[g.name],
                    label=g.name if t is g.traces[0] else None,
                )
    if study.observed is not None:
        seeds, cumulative = study.observed
        run_sizes = np.r_[seeds, cumulative]
        nodes = study.by_name()[RUN_GRAPH][0].traces[0].nodes
        coverage.plot(
            np.arange(1, len(run_sizes) + 1),
            run_sizes / nodes,
            "k*-",
            label="the leanplay run itself",
        )
    coverage.set(
        xscale="log",
        yscale="log",
        xlabel="round + 1",
        ylabel="proved share |S| / n",
        title="Growth of the proved set (one trial each)",
    )
    coverage.legend(fontsize=7, ncol=2)
    line = np.array([1e-4, 1.0])
    per_round.plot(line, line, "k:", label="factor - 1 = p c Phi(S)")
    per_round.set(
        xscale="log",
        yscale="log",
        xlabel="p c Phi(S_r), S_r's conductance",
        ylabel="growth factor - 1 in round r",
        title="Per round, while |S| < n/2 (reversible walk)",
    )
    per_round.legend(fontsize=8)
    for ax, key, label in (
        (gap_ax, "gap", "spectral gap 1 - lambda_2"),
        (phi_ax, "conductance", "conductance Phi (sweep cut)"),
    ):
        for name, runs in study.by_name().items():
            for g in runs:
                marker = "o" if g.beta == 0 else "^"
                ax.scatter(
                    getattr(g.connectivity, key),
                    g.rate,
                    marker=marker,
                    s=50,
                    color=colours[name],
                    label=f"{name}, beta={g.beta:g}" if ax is gap_ax else None,
                )
        if study.observed_rate is not None:
            shape = study.by_name()[RUN_GRAPH][0].connectivity
            ax.scatter(
                getattr(shape, key),
                study.observed_rate,
                marker="*",
                s=160,
                color="k",
                label="the leanplay run itself" if ax is gap_ax else None,
            )
        ax.set(
            xscale="log",
            xlabel=label,
            ylabel="growth rate ln(|S_R|/|S_0|)/R",
            title=f"Rate until {SATURATION:.0%} coverage (mean of trials)",
        )
    gap_ax.legend(fontsize=7)
    fig.suptitle(f"Self-play growth model: p={p:g}, c={c} conjectures per theorem")
    return _save(fig, path)


def classifier_figure(
    study: ClassifierStudy,
    classifier: ExplicitClassifier,
    x: np.ndarray,
    labels: np.ndarray,
    class_names: tuple[str, ...],
    path: Path,
) -> Path:
    """Gradient descent's loss curves against the construction's loss, and the
    data before and after the truncations (first two principal axes)."""
    plt = _pyplot()
    fig, (loss_ax, data_ax) = plt.subplots(1, 2, figsize=(11, 4.5))
    for baseline, name in (
        (study.same_architecture, "same architecture"),
        (study.same_count, "same parameter count"),
    ):
        loss_ax.plot(
            baseline.trained.losses,
            label=f"gradient descent, {name} ({baseline.parameters} parameters)",
        )
    floor = max(study.loss, 1e-32)
    loss_ax.axhline(
        floor,
        color="k",
        linestyle="--",
        label=f"explicit construction ({study.described_by} numbers)",
    )
    loss_ax.set_ylim(floor / 10, None)
    loss_ax.set(
        yscale="log",
        xlabel="Adam step",
        ylabel="training loss (MSE)",
        title="Zero loss by construction vs gradient descent",
    )
    loss_ax.legend(fontsize=8)
    centred = x - x.mean(axis=0)
    axes = np.linalg.svd(centred, full_matrices=False)[2][:2].T
    after = (classifier.truncated(x) - x.mean(axis=0)) @ axes
    before = centred @ axes
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for k, name in enumerate(class_names):
        mask = labels == k
        colour = colours[k % len(colours)]
        data_ax.scatter(*before[mask].T, s=10, alpha=0.5, color=colour, label=name)
        data_ax.scatter(
            *after[mask][:1].T, s=120, marker="X", color=colour, edgecolor="k"
        )
    data_ax.set(
        xlabel="principal axis 1",
        ylabel="principal axis 2",
        title="Points (dots) and where each class collapses (X)",
    )
    data_ax.legend(fontsize=8)
    return _save(fig, path)


def overparam_figure(study: OverparamStudy, path: Path) -> Path:
    """Test error and training loss across widths, explicit and trained."""
    plt = _pyplot()
    fig, (error_ax, loss_ax) = plt.subplots(1, 2, figsize=(11, 4.5))
    widths = [w.width for w in study.widths]
    for k, depth in enumerate(study.depths):
        error_ax.plot(
            widths,
            [w.explicit_error[k] for w in study.widths],
            "o-",
            label=f"explicit, depth {depth}",
        )
        loss_ax.plot(
            widths,
            [max(w.explicit_loss[k], 1e-34) for w in study.widths],
            "o-",
            label=f"explicit, depth {depth}",
        )
    error_ax.plot(
        widths,
        [w.descent_error for w in study.widths],
        "s--",
        label=f"gradient descent, depth {study.depths[0]}",
    )
    loss_ax.plot(
        widths,
        [w.descent_loss for w in study.widths],
        "s--",
        label=f"gradient descent, depth {study.depths[0]}",
    )
    error_ax.axhline(study.linear_error, color="k", linestyle=":", label="B x")
    error_ax.set(
        xlabel="hidden width",
        ylabel="test error",
        title=f"N={study.points} <= M={study.dims}: test error across widths",
    )
    loss_ax.set(
        yscale="log",
        xlabel="hidden width",
        ylabel="training loss (MSE)",
        title="Training loss",
    )
    for ax in (error_ax, loss_ax):
        ax.set_xscale("log", base=2)
        ax.set_xticks(widths, [str(w) for w in widths])
        ax.minorticks_off()
    error_ax.legend(fontsize=8)
    loss_ax.legend(fontsize=8)
    return _save(fig, path)


def flow_figure(studies: list[FlowStudy], path: Path) -> Path:
    """Loss curves and distance from the straight line, adapted flow vs descent."""
    plt = _pyplot()
    fig, (loss_ax, line_ax) = plt.subplots(1, 2, figsize=(11, 4.5))
    for study in studies:
        for trace, name, style in (
            (study.adapted, "adapted flow", "-"),
            (study.descent, "gradient descent", "--"),
        ):
            label = f"{study.activation} head, {name}"
            loss_ax.plot(trace.losses, style, label=label)
            line_ax.plot(
                path_deviation(trace.outputs, trace.targets), style, label=label
            )
        steps = np.arange(len(study.adapted.losses))
        ideal = study.adapted.losses[0] * (1 - study.step_size) ** (2 * steps)
    loss_ax.plot(steps, ideal, "k:", label="(1 - eta)^(2k): one uniform rate")
    loss_ax.set(
        yscale="log",
        xlabel="step k",
        ylabel="training loss (MSE)",
        title="Loss: the adapted flow falls at one exponential rate",
    )
    line_ax.set(
        yscale="log",
        xlabel="step k",
        ylabel="distance from the straight line / its length",
        title="Output path against the straight line to the targets",
    )
    loss_ax.legend(fontsize=8)
    line_ax.legend(fontsize=8)
    return _save(fig, path)


def depth_figure(study: DepthStudy, path: Path) -> Path:
    """Jacobian spectra by depth, rank against depth, gradient-descent losses."""
    plt = _pyplot()
    inits = list(dict.fromkeys(r.init for r in study.results))
    fig, axes = plt.subplots(1, 3, figsize=(14, 4.5))
    spectrum_ax, rank_ax, loss_ax = axes
    for init, style in zip(inits, ("-", "--")):
        rows = study.of(init)
        for r in rows:
            spectrum_ax.plot(
                r.singular / r.singular[0], style, label=f"{init}, depth {r.depth}"
            )
            loss_ax.plot(
                r.losses / r.losses[0], style, label=f"{init}, depth {r.depth}"
            )
        rank_ax.plot(
            [r.depth for r in rows],
            [r.rank for r in rows],
            "o" + style,
            label=f"{init} initialization",
        )
    spectrum_ax.set(
        yscale="log",
        xlabel="index",
        ylabel="singular value / largest",
        title="Singular values of the training Jacobian",
    )
    rank_ax.set(
        xscale="log",
        xlabel="hidden layers",
        ylabel="numerical rank (1e-3)",
        title=f"Rank of J (N={study.points}) against depth",
    )
    loss_ax.set(
        yscale="log",
        xlabel="gradient-descent step",
        ylabel="loss / initial loss",
        title="Plain gradient descent, step N / (4 lambda_max)",
    )
    spectrum_ax.legend(fontsize=6, ncol=2)
    rank_ax.legend(fontsize=8)
    loss_ax.legend(fontsize=6, ncol=2)
    return _save(fig, path)


def ramp_figure(studies: list[RampStudy], path: Path) -> Path:
    """Cost and gradient at each configuration, one panel per Q."""
    plt = _pyplot()
    fig, axes = plt.subplots(
        1, len(studies), figsize=(6 * len(studies), 4.5), squeeze=False
    )
    for ax, study in zip(axes[0], studies):
        names = [
            "{" + ",".join(str(c + 1) for c in conf.collapsed) + "}"
            for conf in study.configurations
        ]
        costs = [max(conf.cost, 1e-32) for conf in study.configurations]
        grads = [max(conf.gradient, 1e-32) for conf in study.configurations]
        where = np.arange(len(names))
        ax.bar(where - 0.2, costs, width=0.4, label="cost C")
        ax.bar(where + 0.2, grads, width=0.4, label="|grad C|")
        ax.set_xticks(where, names)
        ax.set(
            yscale="log",
            xlabel="classes truncated (S)",
            title=f"Q={study.classes}, L={study.depth}: cost and gradient at theta_S",
        )
        ax.legend(fontsize=8)
    return _save(fig, path)
