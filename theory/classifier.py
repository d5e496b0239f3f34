"""An explicitly constructed ReLU classifier with zero training loss.

For Q classes in `R^M` the network has Q hidden layers of width M and an
affine readout to `R^Q`; its weights are written down, not trained. Hidden
layer l is the truncation map of one class (see `theory.truncation`): the
class's points lie in the opposite cone and collapse to its apex, all other
points (the classes still to come and the apexes of those already collapsed)
lie in the cone and do not move. After the Q layers each class is one point,
and the readout maps those Q points to the one-hot targets exactly, which
needs them affinely independent (Q <= M + 1). Written as an ordinary network,
layer l has weight `W_l W_(l-1)^-1` and bias `W_l (a_(l-1) - a_l)`: each
layer's parameters are accumulated from the truncations before it.

Each truncation is described by the class's mean `c` (M numbers), the offset
`s` of its apex along the axis, and the cone angle `phi`: the apex is
`c + s n`, and in the best case the axis `n` is the unit vector from `c` to
the mean of what must stay fixed (the other classes' means, the earlier
apexes). Then every weight and bias is a function of Q(M + 2) numbers. When
that axis does not separate the class (classes that are not small,
well-separated clusters), a separating axis is searched for instead, at M
more numbers for that class; if none is found the classes are not
sequentially linearly separable and the construction does not apply.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import numpy as np
import torch

from theory import nets
from theory.errors import TheoryError
from theory.nets import Trained
from theory.truncation import Cone, largest_angle, relu

__all__ = [
    "Baseline",
    "ClassifierStudy",
    "ExplicitClassifier",
    "classifier_study",
    "collapse_classes",
    "explicit_classifier",
    "one_hot",
    "separating_axis",
    "well_separated_clusters",
]

logger = logging.getLogger(__name__)

# The cone angle is half the largest that fits and the apex sits in the
# middle of the gap, so that every point is strictly inside its cone by a
# margin and rounding cannot move it out. Any share in (0, 1) and position
# in (0, 1) give a zero-loss network too.
CONE_SHAPE = (0.5, 0.5)
# Corrections the separating-axis search makes before it declares the two
# sets not linearly separable (a sign, not a proof, that they are not): on
# runs/demo's 175 theorem embeddings in R^6 to R^12 every topic axis the
# search was needed for took at most 100; 200 times that leaves room.
SEPARATOR_CORRECTIONS = 20_000


def one_hot(labels: np.ndarray, classes: int) -> np.ndarray:
    """`(N, classes)` float64 rows `e_label`."""
    return np.eye(classes)[np.asarray(labels, dtype=np.intp)]


def well_separated_clusters(
    classes: int, dims: int, per_class: int, radius: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Q small clusters in `R^M`: means on the unit sphere, points within `radius`.

    Returns:
        `(x (Q * per_class, M), labels (Q * per_class,))`.
    """
    means = rng.normal(size=(classes, dims))
    means /= np.linalg.norm(means, axis=1, keepdims=True)
    direction = rng.normal(size=(classes, per_class, dims))
    direction /= np.linalg.norm(direction, axis=2, keepdims=True)
    distance = radius * rng.random((classes, per_class, 1)) ** (1 / dims)
    x = (means[:, None, :] + direction * distance).reshape(-1, dims)
    return x, np.repeat(np.arange(classes), per_class)


@dataclass(frozen=True)
class ExplicitClassifier:
    """The constructed network.

    Attributes:
        cones: the truncation of each hidden layer, in layer order.
        order: the class each layer collapses, `(Q,)`.
        readout: `(Q, M)` weight and `(Q,)` bias of the affine readout, acting
            on the truncated points in input coordinates.
        free_axes: how many classes needed a searched axis instead of the
            mean axis.
    """

    cones: tuple[Cone, ...]
    order: tuple[int, ...]
    readout: tuple[np.ndarray, np.ndarray]
    free_axes: int

    @property
    def classes(self) -> int:
        return len(self.cones)

    @property
    def dims(self) -> int:
        return len(self.cones[0].apex)

    @property
    def described_by(self) -> int:
        """How many numbers determine every weight: `Q (M + 2) + M * free_axes`."""
        return self.classes * (self.dims + 2) + self.dims * self.free_axes

    @property
    def weight_count(self) -> int:
        """Stored weights and biases: Q layers `M x M + M`, readout `Q x M + Q`."""
        m, q = self.dims, self.classes
        return q * (m * m + m) + q * (m + 1)

    def truncated(self, x: np.ndarray) -> np.ndarray:
        """The points after every truncation, in input coordinates, `(N, M)`."""
        for cone in self.cones:
            x = cone.truncate(x)
        return x

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """The outputs `(N, Q)` of the truncation maps and the readout."""
        weight, bias = self.readout
        return self.truncated(x) @ weight.T + bias

    def layers(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The same network as ordinary layers `(weight, bias)`, readout last.

        Hidden layer l computes `sigma(A_l h + beta_l)` with
        `A_1 = W_1`, `beta_1 = -W_1 a_1` and, for l > 1,
        `A_l = W_l W_(l-1)^-1`, `beta_l = W_l (a_(l-1) - a_l)`; the readout
        is `C W_Q^-1 h + (C a_Q + d)`.
        """
        weights = [cone.matrix for cone in self.cones]
        apexes = [cone.apex for cone in self.cones]
        layers = [(weights[0], -weights[0] @ apexes[0])]
        for l in range(1, self.classes):
            inverse = np.linalg.inv(weights[l - 1])
            layers.append(
                (weights[l] @ inverse, weights[l] @ (apexes[l - 1] - apexes[l]))
            )
        weight, bias = self.readout
        last = np.linalg.inv(weights[-1])
        layers.append((weight @ last, weight @ apexes[-1] + bias))
        return layers

    def network(self, x: np.ndarray) -> np.ndarray:
        """The outputs `(N, Q)` computed layer by layer from `layers()`."""
        *hidden, (weight, bias) = self.layers()
        h = x
        for a, b in hidden:
            h = relu(h @ a.T + b)
        return h @ weight.T + bias


def separating_axis(
    inner: np.ndarray, outer: np.ndarray, corrections: int = SEPARATOR_CORRECTIONS
) -> np.ndarray | None:
    """A unit `n` with `<n, x>` below every `<n, p>`, x in `inner`, p in `outer`.

    The perceptron on the lifted points `(-x, 1)`, `(p, -1)`, normalized,
    correcting the worst-classified point each time: for separable sets it
    stops after finitely many corrections.

    Returns:
        The axis `(M,)`, or None if `corrections` corrections did not separate.
    """
    lifted = np.vstack(
        [np.c_[-inner, np.ones(len(inner))], np.c_[outer, -np.ones(len(outer))]]
    )
    lifted /= np.linalg.norm(lifted, axis=1, keepdims=True)
    w = lifted.mean(axis=0)
    for _ in range(corrections):
        scores = lifted @ w
        worst = int(np.argmin(scores))
        if scores[worst] > 0:
            axis = w[:-1]
            return axis / np.linalg.norm(axis)
        w = w + lifted[worst]
    return None


def _cone_along(
    axis: np.ndarray,
    centre: np.ndarray,
    members: np.ndarray,
    others: np.ndarray,
    shape: tuple[float, float],
) -> tuple[float, Cone | None]:
    """The truncation collapsing `members` along `axis`, and its margin.

    Args:
        shape: `(angle share, apex position)`: the cone's angle as a share of
            the largest that fits, and where in the gap the apex sits (0 at
            the members' side, 1 at the others').

    Returns:
        `(margin, cone)`: the gap between the members' and the others'
        projections on the axis, and the cone (None when the gap is not
        positive).
    """
    top = float(np.max((members - centre) @ axis))
    bottom = float(np.min((others - centre) @ axis)) if len(others) else top + 1.0
    margin = bottom - top
    if margin <= 0:
        return margin, None
    share, position = shape
    apex = centre + axis * (top + position * margin)
    angle = share * largest_angle(apex, axis, others, members)
    return margin, Cone(apex, axis, angle)


def collapse_classes(
    x: np.ndarray,
    labels: np.ndarray,
    classes: list[int],
    search_axes: bool = True,
    shape: tuple[float, float] = CONE_SHAPE,
) -> tuple[list[Cone], list[int], int]:
    """Truncations that collapse each of `classes`, one per layer, moving nothing else.

    Classes are taken greedily: each time the one whose mean axis separates
    it by the widest margin from every other point (the other classes, those
    not to be collapsed included, and the earlier collapse points); if none
    does and `search_axes`, the first in label order that `separating_axis`
    separates.

    Args:
        x: `(N, M)`; labels: `(N,)` in 0..Q-1.
        classes: the labels to collapse.
        search_axes: whether to search an axis when the mean axis fails.
        shape: the cones' `(angle share, apex position)`, see CONE_SHAPE.

    Returns:
        `(cones, order, searched)`: the cones in layer order, the class each
        collapses, and how many axes had to be searched.

    Raises:
        TheoryError: if at some step no remaining class can be separated
            from the other points (the classes are not sequentially linearly
            separable, or the search gave up).
    """
    current = np.asarray(x, dtype=np.float64).copy()
    remaining = list(classes)
    cones, order, searched = [], [], 0
    while remaining:
        cls, cone, search = _next_truncation(
            current, labels, remaining, order, search_axes, shape
        )
        current = cone.truncate(current)
        cones.append(cone)
        order.append(cls)
        remaining.remove(cls)
        searched += search
    return cones, order, searched


def explicit_classifier(
    x: np.ndarray, labels: np.ndarray, search_axes: bool = True
) -> ExplicitClassifier:
    """Construct the zero-loss classifier of `x` `(N, M)` with `labels` `(N,)`.

    Labels must be 0..Q-1, each used; the classes are collapsed in the order
    `collapse_classes` chooses.

    Raises:
        TheoryError: if Q > M + 1, if two points coincide with different
            labels, or as `collapse_classes`.
    """
    x = np.asarray(x, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.intp)
    q, m = int(labels.max()) + 1, x.shape[1]
    if q > m + 1:
        raise TheoryError(
            f"{q} classes need an input dimension of at least {q - 1}, not {m}"
        )
    _check_consistent(x, labels)
    start = time.perf_counter()
    cones, order, searched = collapse_classes(x, labels, list(range(q)), search_axes)
    readout = _readout([c.apex for c in cones], order, q)
    logger.info(
        "constructed a %d-class classifier in %.3f s", q, time.perf_counter() - start
    )
    return ExplicitClassifier(tuple(cones), tuple(order), readout, searched)


def _check_consistent(x: np.ndarray, labels: np.ndarray) -> None:
    _, group = np.unique(x, axis=0, return_inverse=True)
    group = group.reshape(-1)
    for g in np.unique(group):
        if len(np.unique(labels[group == g])) > 1:
            raise TheoryError(
                "two identical points carry different labels: no function fits them"
            )


def _next_truncation(
    current: np.ndarray,
    labels: np.ndarray,
    remaining: list[int],
    done: list[int],
    search_axes: bool,
    shape: tuple[float, float],
) -> tuple[int, Cone, bool]:
    """The next class to collapse and its cone; whether its axis was searched."""
    present = [c for c in np.unique(labels) if c not in done]
    centres = {c: current[labels == c].mean(axis=0) for c in present}
    # What must stay fixed, by representative point: the other classes'
    # means and the collapse points of the classes already done.
    anchors = {**centres, **{c: current[labels == c][0] for c in done}}
    best = (0.0, None, None)
    for cls in remaining:
        members, others = current[labels == cls], current[labels != cls]
        rest = [point for c, point in anchors.items() if c != cls]
        if rest:
            direction = np.mean(rest, axis=0) - centres[cls]
        else:
            direction = np.eye(current.shape[1])[0]
        length = np.linalg.norm(direction)
        if length < 1e-12:
            continue  # the others' mean is the class's own: no axis from it
        axis = direction / length
        margin, cone = _cone_along(axis, centres[cls], members, others, shape)
        if cone is not None and margin > best[0]:
            best = (margin, cls, cone)
    if best[1] is not None:
        return best[1], best[2], False
    if search_axes:
        for cls in remaining:
            members, others = current[labels == cls], current[labels != cls]
            axis = separating_axis(members, others)
            if axis is not None:
                _, cone = _cone_along(axis, centres[cls], members, others, shape)
                if cone is not None:
                    return cls, cone, True
    raise TheoryError(
        f"no class among {sorted(remaining)} is linearly separable from the other "
        "points: the classes are not sequentially linearly separable"
    )


def _readout(
    apexes: list[np.ndarray], order: list[int], q: int
) -> tuple[np.ndarray, np.ndarray]:
    """The affine map sending each class's collapse point to its one-hot target."""
    points = np.array([apexes[order.index(c)] for c in range(q)])
    lifted = np.c_[points, np.ones(q)]
    if np.linalg.matrix_rank(lifted) < q:
        raise TheoryError("the collapse points are not affinely independent")
    solution = np.linalg.lstsq(lifted, np.eye(q), rcond=None)[0]
    return solution[:-1].T, solution[-1]


# ---------------------------------------------------------------------------
# Against gradient descent
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Baseline:
    """A network of comparable size trained by gradient descent (full-batch Adam).

    Attributes:
        widths: the layer widths, input first.
        parameters: its number of weights and biases.
        trained: its loss curve and training time.
        accuracy: the share of training points whose largest output is their
            class.
    """

    widths: tuple[int, ...]
    parameters: int
    trained: Trained
    accuracy: float


@dataclass(frozen=True)
class ClassifierStudy:
    """The explicit classifier on one data set, against gradient descent.

    Attributes:
        points, dims, classes: N, M, Q.
        loss: the construction's mean squared error, through the truncations.
        network_loss: the same, through the ordinary layers in torch float64.
        seconds: construction time.
        described_by, weight_count, free_axes: as on ExplicitClassifier.
        same_architecture: gradient descent on Q hidden layers of width M.
        same_count: gradient descent on one hidden layer with about
            `described_by` parameters.
    """

    points: int
    dims: int
    classes: int
    loss: float
    network_loss: float
    seconds: float
    described_by: int
    weight_count: int
    free_axes: int
    same_architecture: Baseline
    same_count: Baseline

    def summary(self) -> str:
        arch, count = self.same_architecture, self.same_count
        return (
            f"classifier: Q={self.classes} classes, N={self.points} points in "
            f"R^{self.dims}: explicit loss {self.loss:.1e} (as torch layers "
            f"{self.network_loss:.1e}) in {self.seconds * 1e3:.0f} ms, "
            f"{self.described_by} numbers (Q(M+2)={self.classes * (self.dims + 2)}, "
            f"{self.free_axes} searched axes), {self.weight_count} weights; "
            f"gradient descent, same architecture: loss {arch.trained.final:.1e}, "
            f"accuracy {arch.accuracy:.2f} in {arch.trained.seconds:.1f} s; "
            f"{count.parameters} parameters: loss {count.trained.final:.1e}, "
            f"accuracy {count.accuracy:.2f}"
        )


def classifier_study(
    x: np.ndarray,
    labels: np.ndarray,
    steps: int,
    seed: int,
    lr: float = 1e-2,
) -> tuple[ClassifierStudy, ExplicitClassifier]:
    """Construct the classifier of `x` `(N, M)`, `labels` `(N,)`, and train baselines.

    Args:
        steps: Adam steps of each baseline; lr: their learning rate (1e-2:
            the fastest of 1e-3, 1e-2, 1e-1 on the synthetic clusters).
        seed: the baselines' initialization.

    Raises:
        TheoryError: as `explicit_classifier`.
    """
    start = time.perf_counter()
    clf = explicit_classifier(x, labels)
    seconds = time.perf_counter() - start
    q, m = clf.classes, clf.dims
    targets = one_hot(labels, q)
    loss = float(np.mean((clf(x) - targets) ** 2))
    inputs, wanted = nets.as_tensor(x), nets.as_tensor(targets)
    widths = (m,) + (m,) * q + (q,)
    model = nets.mlp(list(widths), seed)
    nets.load_layers(model, clf.layers())
    with torch.no_grad():
        network_loss = float(((model(inputs) - wanted) ** 2).mean())
    # One hidden layer of width h has h (M + 1) + Q (h + 1) parameters.
    hidden = max(1, round((clf.described_by - q) / (m + 1 + q)))
    baselines = [
        _baseline(list(w), inputs, wanted, labels, steps, seed, lr)
        for w in (widths, (m, hidden, q))
    ]
    study = ClassifierStudy(
        len(x),
        m,
        q,
        loss,
        network_loss,
        seconds,
        clf.described_by,
        clf.weight_count,
        clf.free_axes,
        *baselines,
    )
    return study, clf


def _baseline(widths, inputs, wanted, labels, steps, seed, lr) -> Baseline:
    model = nets.mlp(widths, seed)
    trained = nets.train(model, inputs, wanted, steps, lr, stop_below=1e-30)
    with torch.no_grad():
        predicted = model(inputs).argmax(dim=1).cpu().numpy()
    accuracy = float(np.mean(predicted == labels))
    return Baseline(tuple(widths), nets.parameter_count(model), trained, accuracy)
