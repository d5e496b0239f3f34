"""`leanplay theory ...`: each result measured, plotted and summed up in one line.

`register(subparsers)` adds the `theory` command to leanplay's parser; each
subcommand's handler builds its data, calls one study function, writes one
PNG under `--out` and prints one summary line. Expected failures raise
`TheoryError`, which the main command line reports with exit code 3.
"""

from __future__ import annotations

import argparse
import functools
from pathlib import Path

import numpy as np

from theory.errors import TheoryError

__all__ = ["register"]

DEFAULT_OUT = "theory-out"


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add `theory` and its subcommands to `subparsers`; return its parser."""
    theory = subparsers.add_parser(
        "theory", help="check the growth theorem and the ReLU results numerically"
    )
    commands = theory.add_subparsers(dest="theory_command", required=True)
    for name, add, handler, help_text, trains in _COMMANDS:
        parser = commands.add_parser(name, help=help_text, description=help_text)
        parser.add_argument(
            "--out",
            default=DEFAULT_OUT,
            help=f"folder for the plot (default {DEFAULT_OUT})",
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="random seed (default 0)"
        )
        add(parser)
        parser.set_defaults(func=_single_threaded(handler) if trains else handler)
    return theory


def _single_threaded(handler):
    """`handler` run with torch on one thread (see `theory.nets.one_thread`)."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        from theory.nets import one_thread

        with one_thread():
            return handler(args)

    return run


# -- argument types -----------------------------------------------------------


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {value}")
    return value


def _probability(text: str) -> float:
    value = float(text)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {value}")
    return value


def _fraction(text: str) -> float:
    value = float(text)
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"must be in (0, 1), got {value}")
    return value


def _integers(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected integers like 1,2,4, got {text!r}"
        ) from None
    if any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"values must be positive, got {text!r}")
    return values


def _run_dir(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--run-dir", help=f"a leanplay run directory: {what}")


def _output(args: argparse.Namespace, name: str) -> Path:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise TheoryError(f"--out must be a folder, and {out} is a file")
    out.mkdir(parents=True, exist_ok=True)
    return out / f"{name}.png"


def _report(summary: str, plot: Path) -> int:
    print(f"{summary}; plot {plot}")
    return 0


# -- growth -------------------------------------------------------------------


def _growth_arguments(parser: argparse.ArgumentParser) -> None:
    from theory.graphs import FAMILIES

    parser.add_argument(
        "--nodes",
        type=_positive,
        default=200,
        help="about how many nodes each synthetic graph has (default 200)",
    )
    parser.add_argument(
        "--trials",
        type=_positive,
        default=4,
        help="simulations per graph and walk (default 4)",
    )
    parser.add_argument(
        "-p",
        "--proof-probability",
        type=_probability,
        default=0.5,
        help="chance the prover proves a conjectured neighbour (default 0.5)",
    )
    parser.add_argument(
        "--walkers",
        type=_positive,
        default=2,
        help="conjectures per proved theorem per round (default 2)",
    )
    parser.add_argument(
        "--beta",
        type=float,
        default=1.0,
        help="strength of the diversity-aware walk run beside the "
        "reversible one (default 1)",
    )
    parser.add_argument(
        "--families",
        default="expander,grid,cycle,barbell",
        help=f"comma-separated, from {', '.join(FAMILIES)}",
    )
    _run_dir(
        parser,
        "also simulate on its theorem graph, from its seeds, and place "
        "the run's own growth on the same axes",
    )


def _growth(args: argparse.Namespace) -> int:
    from theory.graphs import FAMILIES
    from theory.growth import GrowthModel, growth_study
    from theory.plots import growth_figure

    families = tuple(f.strip() for f in args.families.split(",") if f.strip())
    unknown = sorted(set(families) - set(FAMILIES))
    if unknown or not families:
        raise TheoryError(
            f"unknown families {unknown}; choose from {', '.join(FAMILIES)}"
        )
    if args.beta < 0:
        raise TheoryError(f"--beta must be >= 0, not {args.beta}")
    run = None
    if args.run_dir:
        snapshot = _snapshot(args.run_dir)
        weights, seeds = snapshot.largest_component()
        run = (weights, seeds, (snapshot.seeds, snapshot.cumulative))
    model = GrowthModel(args.proof_probability, args.walkers)
    betas = (0.0, args.beta) if args.beta > 0 else (0.0,)
    study = growth_study(
        families, args.nodes, args.trials, args.seed, model, betas, run=run
    )
    return _report(study.summary(), growth_figure(study, _output(args, "growth")))


def _snapshot(run_dir: str):
    from theory.run_data import load_run

    return load_run(run_dir)


# -- classifier ---------------------------------------------------------------


def _classifier_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--classes", type=_positive, default=4, help="Q synthetic clusters (default 4)"
    )
    parser.add_argument(
        "--dims",
        type=_positive,
        help="M, the input dimension (default 8; 16 with --run-dir)",
    )
    parser.add_argument(
        "--per-class",
        type=_positive,
        default=20,
        help="points per synthetic cluster (default 20)",
    )
    parser.add_argument(
        "--radius",
        type=_fraction,
        default=0.05,
        help="radius of the synthetic clusters, means on the unit sphere "
        "(default 0.05)",
    )
    parser.add_argument(
        "--steps",
        type=_positive,
        default=2000,
        help="Adam steps of the gradient-descent baselines (default 2000)",
    )
    parser.add_argument(
        "--labels",
        choices=("topic", "proved"),
        default="topic",
        help="with --run-dir: label theorems by topic or by proved/unproved",
    )
    _run_dir(parser, "classify its theorems' spectral embeddings instead")


def _classifier(args: argparse.Namespace) -> int:
    from theory.classifier import classifier_study, well_separated_clusters
    from theory.plots import classifier_figure

    if args.run_dir:
        snapshot = _snapshot(args.run_dir)
        x = snapshot.embedding(args.dims or 16)
        labels, names = snapshot.labels(args.labels)
    else:
        rng = np.random.default_rng(args.seed)
        x, labels = well_separated_clusters(
            args.classes, args.dims or 8, args.per_class, args.radius, rng
        )
        names = tuple(f"class {k + 1}" for k in range(args.classes))
    study, clf = classifier_study(x, labels, args.steps, args.seed)
    plot = classifier_figure(study, clf, x, labels, names, _output(args, "classifier"))
    return _report(study.summary(), plot)


# -- overparam ----------------------------------------------------------------


def _overparam_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dims", type=_positive, default=32, help="M (default 32)")
    parser.add_argument(
        "--train",
        type=_positive,
        default=24,
        help="N training points, at most M (default 24)",
    )
    parser.add_argument(
        "--test",
        type=_positive,
        default=1000,
        help="synthetic test points (default 1000; with --run-dir every "
        "theorem not trained on)",
    )
    parser.add_argument(
        "--widths",
        type=_integers,
        default=(32, 64, 128, 256, 512),
        help="hidden widths, each >= M (default 32,64,128,256,512)",
    )
    parser.add_argument(
        "--depths",
        type=_integers,
        default=(1, 2, 3),
        help="hidden depths of the explicit networks (default 1,2,3)",
    )
    parser.add_argument(
        "--steps",
        type=_positive,
        default=1000,
        help="Adam steps of each gradient-descent network (default 1000)",
    )
    _run_dir(parser, "use its theorem embeddings, labelled by topic")


def _overparam(args: argparse.Namespace) -> int:
    from theory.overparam import gaussian_classes, overparam_study
    from theory.plots import overparam_figure

    rng = np.random.default_rng(args.seed)
    if args.run_dir:
        snapshot = _snapshot(args.run_dir)
        x = snapshot.embedding(args.dims)
        labels, _ = snapshot.labels("topic")
        if args.train >= len(x):
            raise TheoryError(
                f"--train {args.train} leaves no test theorems of {len(x)}"
            )
        order = rng.permutation(len(x))
        train, test = order[: args.train], order[args.train :]
    else:
        # Separation 6: classes overlap enough for a test error of a few percent.
        x, labels = gaussian_classes(3, args.dims, args.train + args.test, 6.0, rng)
        train, test = np.arange(args.train), np.arange(args.train, len(x))
    study = overparam_study(
        x[train],
        labels[train],
        x[test],
        labels[test],
        args.widths,
        args.depths,
        args.steps,
        args.seed,
    )
    return _report(study.summary(), overparam_figure(study, _output(args, "overparam")))


# -- flow ---------------------------------------------------------------------


def _flow_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--points", type=_positive, default=32, help="N training points (default 32)"
    )
    parser.add_argument("--dims", type=_positive, default=16, help="M (default 16)")
    parser.add_argument(
        "--hidden",
        type=_positive,
        default=32,
        help="hidden width of the head (default 32)",
    )
    parser.add_argument(
        "--steps",
        type=_positive,
        default=100,
        help="Euler steps of each flow (default 100)",
    )
    parser.add_argument(
        "--eta",
        type=_fraction,
        default=0.1,
        help="step of the adapted flow (default 0.1)",
    )
    _run_dir(parser, "train the head on its theorem embeddings, labelled by topic")


def _flow(args: argparse.Namespace) -> int:
    from theory.flow import ACTIVATIONS, flow_study
    from theory.plots import flow_figure

    x, labels = _sample(args, args.points, "topic")
    targets = np.eye(int(labels.max()) + 1)[labels]
    studies = [
        flow_study(x, targets, args.hidden, args.steps, args.eta, args.seed, a)
        for a in ACTIVATIONS
    ]
    summary = "flow: " + "; ".join(s.summary() for s in studies)
    return _report(summary, flow_figure(studies, _output(args, "flow")))


def _sample(
    args: argparse.Namespace, count: int, labelling: str
) -> tuple[np.ndarray, np.ndarray]:
    """`count` points `(count, dims)` and labels: theorems of a run, or 4 classes.

    Theorems are drawn among those with distinct embeddings (two theorems
    the graph cannot tell apart are one input).
    """
    from theory.overparam import gaussian_classes

    rng = np.random.default_rng(args.seed)
    if not args.run_dir:
        return gaussian_classes(4, args.dims, count, 6.0, rng)
    snapshot = _snapshot(args.run_dir)
    x = snapshot.embedding(args.dims)
    labels, _ = snapshot.labels(labelling)
    distinct = np.unique(x.round(12), axis=0, return_index=True)[1]
    if count > len(distinct):
        raise TheoryError(
            f"the run has {len(distinct)} theorems with distinct embeddings, "
            f"fewer than {count}"
        )
    chosen = rng.choice(np.sort(distinct), size=count, replace=False)
    kept = np.unique(labels[chosen], return_inverse=True)[1].reshape(-1)
    return x[chosen], kept


# -- depth --------------------------------------------------------------------


def _depth_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--points", type=_positive, default=32, help="N training points (default 32)"
    )
    parser.add_argument("--dims", type=_positive, default=16, help="M (default 16)")
    parser.add_argument(
        "--width", type=_positive, default=32, help="hidden width (default 32)"
    )
    parser.add_argument(
        "--depths",
        type=_integers,
        default=(1, 2, 4, 8, 16, 32),
        help="hidden depths (default 1,2,4,8,16,32)",
    )
    parser.add_argument(
        "--steps",
        type=_positive,
        default=500,
        help="gradient-descent steps per network (default 500)",
    )
    _run_dir(parser, "use its theorem embeddings, targets +1 proved / -1 unproved")


def _depth(args: argparse.Namespace) -> int:
    from theory.depth import depth_study
    from theory.plots import depth_figure

    x, labels = _sample(args, args.points, "proved")
    targets = np.where(labels == 0, 1.0, -1.0)[:, None]
    study = depth_study(x, targets, args.depths, args.width, args.steps, args.seed)
    return _report(study.summary(), depth_figure(study, _output(args, "depth")))


# -- ramp ---------------------------------------------------------------------


def _ramp_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--classes",
        type=_integers,
        default=(2, 3),
        help="values of Q to check (default 2,3)",
    )
    parser.add_argument(
        "--extra-layers",
        type=int,
        default=0,
        help="hidden layers beyond L = Q (default 0)",
    )
    parser.add_argument(
        "--per-class",
        type=_positive,
        default=10,
        help="points per cluster (default 10)",
    )
    parser.add_argument(
        "--radius",
        type=_fraction,
        default=0.1,
        help="radius of the clusters, means on the unit sphere (default 0.1)",
    )


def _ramp(args: argparse.Namespace) -> int:
    from theory.plots import ramp_figure
    from theory.ramp import ramp_study

    if args.extra_layers < 0:
        raise TheoryError(f"--extra-layers must be >= 0, not {args.extra_layers}")
    if max(args.classes) > 5:
        raise TheoryError(
            "Q above 5 means 2^Q configurations with a dense Hessian each"
        )
    studies = [
        ramp_study(q, q + args.extra_layers, args.per_class, args.radius, args.seed)
        for q in args.classes
    ]
    summary = "; ".join(s.summary() for s in studies)
    return _report(summary, ramp_figure(studies, _output(args, "ramp")))


_COMMANDS = (
    # (name, arguments, handler, help, whether it trains torch networks)
    (
        "growth",
        _growth_arguments,
        _growth,
        "the self-play growth model on expanders, grids, cycles and barbells",
        False,
    ),
    (
        "classifier",
        _classifier_arguments,
        _classifier,
        "an explicit zero-loss ReLU classifier, against gradient descent",
        True,
    ),
    (
        "overparam",
        _overparam_arguments,
        _overparam,
        "explicit zero-loss deep ReLU networks for N <= M: test error across widths",
        True,
    ),
    (
        "flow",
        _flow_arguments,
        _flow,
        "the adapted gradient flow against plain gradient descent",
        True,
    ),
    (
        "depth",
        _depth_arguments,
        _depth,
        "numerical rank of the training Jacobian as depth grows",
        True,
    ),
    (
        "ramp",
        _ramp_arguments,
        _ramp,
        "ramp networks R^Q -> R^Q: global minimizers and the 2^Q - 1 configurations",
        True,
    ),
)
