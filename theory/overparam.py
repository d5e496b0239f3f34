"""Overparametrized deep ReLU networks with N <= M: explicit zero-loss minimizers.

When the N training inputs `x_i` in `R^M` are linearly independent (so
N <= M), the linear map `B = Y^T (X X^T)^-1 X` sends each `x_i` to its target
`y_i`. A ReLU network of any depth L and width d >= M realizes it on the
training data: every layer is a random matrix whose bias lifts all training
pre-activations above zero, so ReLU is the identity there and the hidden
layers compose to an affine `x -> T x + t` with T of full column rank; the
readout `A = B T^+`, `c = -A t` then gives `f(x) = B x` wherever every hidden
unit is active, in particular `f(x_i) = y_i`: zero training loss.

So on the active region the function does not depend on the width, the
depth or the random draw, and neither does its test error. Outside it (a
test point that switches some unit off) it can: `Interpolant.active` says
where the claim applies, and the study measures how much of the test set
that is. The biases are set from the training data alone: each unit's
lowest training pre-activation is lifted to `MARGIN` times its training
range, so test points somewhat beyond the training range stay active.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import torch

from theory import nets
from theory.errors import TheoryError
from theory.truncation import relu

__all__ = [
    "MARGIN",
    "Interpolant",
    "OverparamStudy",
    "WidthPoint",
    "explicit_interpolant",
    "gaussian_classes",
    "overparam_study",
]

MARGIN = 1.0
"""Each unit's bias puts its lowest training pre-activation at this multiple
of the unit's training range above zero: a test point then stays active
unless it lies a whole training range below every training point along
that unit's direction."""


@dataclass(frozen=True)
class Interpolant:
    """An explicit zero-loss network and the linear map it realizes.

    Attributes:
        layers: `(weight, bias)` of each hidden layer, then the readout.
        linear: `B` `(Q, M)`, the minimum-norm linear interpolant.
    """

    layers: tuple[tuple[np.ndarray, np.ndarray], ...]
    linear: np.ndarray

    @property
    def depth(self) -> int:
        return len(self.layers) - 1

    @property
    def width(self) -> int:
        return len(self.layers[0][1])

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """The network's outputs `(k, Q)` at `x` `(k, M)`."""
        *hidden, (weight, bias) = self.layers
        for a, b in hidden:
            x = relu(x @ a.T + b)
        return x @ weight.T + bias

    def active(self, x: np.ndarray) -> np.ndarray:
        """Whether every hidden pre-activation is positive at each row of `x` `(k,)`."""
        alive = np.ones(len(x), dtype=bool)
        for a, b in self.layers[:-1]:
            x = x @ a.T + b
            alive &= np.all(x > 0, axis=1)
            x = relu(x)
        return alive


def explicit_interpolant(
    x: np.ndarray,
    y: np.ndarray,
    width: int,
    depth: int,
    rng: np.random.Generator,
    margin: float = MARGIN,
) -> Interpolant:
    """The explicit zero-loss network of depth `depth` and width `width`.

    Args:
        x: training inputs `(N, M)`, linearly independent rows (N <= M).
        y: targets `(N, Q)`.
        width: hidden width d >= M.
        depth: hidden layers L >= 1.
        rng: draws the hidden weights (any draw works).
        margin: see MARGIN.

    Raises:
        TheoryError: if N > M, the inputs are linearly dependent, or
            width < M.
    """
    n, m = x.shape
    if n > m:
        raise TheoryError(f"N = {n} training points exceed the input dimension M = {m}")
    if np.linalg.matrix_rank(x) < n:
        raise TheoryError("the training inputs are linearly dependent")
    if width < m:
        raise TheoryError(f"width {width} is below the input dimension {m}")
    linear = y.T @ np.linalg.solve(x @ x.T, x)
    layers = []
    h, fan_in = x, m
    for _ in range(depth):
        weight = rng.normal(size=(width, fan_in)) / np.sqrt(fan_in)
        pre = h @ weight.T
        low, high = pre.min(axis=0), pre.max(axis=0)
        bias = -low + margin * (high - low)
        layers.append((weight, bias))
        h, fan_in = pre + bias, width
    # On active inputs the hidden layers compose to x -> T x + t.
    transform, shift = np.eye(m), np.zeros(m)
    for weight, bias in layers:
        transform, shift = weight @ transform, weight @ shift + bias
    readout = linear @ np.linalg.pinv(transform)
    layers.append((readout, -readout @ shift))
    return Interpolant(tuple(layers), linear)


def gaussian_classes(
    classes: int, dims: int, count: int, separation: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """`count` points of Q Gaussian classes in `R^M`: unit noise around random means.

    The means are `separation` times a standard normal vector, so classes
    overlap and a test error is there to measure.

    Returns:
        `(x (count, M), labels (count,))`; the class means are fixed by the
        first draws of `rng`.
    """
    means = separation * rng.normal(size=(classes, dims)) / np.sqrt(dims)
    labels = rng.integers(classes, size=count)
    return means[labels] + rng.normal(size=(count, dims)), labels


@dataclass(frozen=True)
class WidthPoint:
    """The measurements at one width.

    Attributes:
        width: hidden width d.
        explicit_loss: training mean squared error of the explicit network,
            per depth, `(depths,)`.
        explicit_error: its test classification error, per depth.
        active: the share of test points in its active region, per depth.
        descent_loss: training loss reached by gradient descent (Adam) on
            the same architecture at the first depth.
        descent_error: its test error.
    """

    width: int
    explicit_loss: np.ndarray
    explicit_error: np.ndarray
    active: np.ndarray
    descent_loss: float
    descent_error: float


@dataclass(frozen=True)
class OverparamStudy:
    """Test error across widths for the explicit minimizer and gradient descent.

    Attributes:
        points, dims, test_points: N, M and the test set size.
        depths: the depths of the explicit networks.
        linear_error: the test error of `B x` itself.
        widths: one WidthPoint per width.
        seconds: the study's wall time.
    """

    points: int
    dims: int
    test_points: int
    depths: tuple[int, ...]
    linear_error: float
    widths: tuple[WidthPoint, ...]
    seconds: float

    def summary(self) -> str:
        errors = np.array([w.explicit_error for w in self.widths])
        losses = np.array([w.explicit_loss for w in self.widths])
        active = np.array([w.active for w in self.widths])
        descent = [w.descent_error for w in self.widths]
        return (
            f"overparam: N={self.points} <= M={self.dims}, widths "
            f"{self.widths[0].width}..{self.widths[-1].width}, depths "
            f"{','.join(map(str, self.depths))}: explicit training loss <= "
            f"{losses.max():.1e}, test error {errors.min():.3f}..{errors.max():.3f} "
            f"(B x: {self.linear_error:.3f}; {active.min():.0%}..{active.max():.0%} of "
            f"{self.test_points} test points active); gradient descent test error "
            f"{min(descent):.3f}..{max(descent):.3f}"
        )


def _error(outputs: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(outputs.argmax(axis=1) != labels))


def overparam_study(
    x: np.ndarray,
    labels: np.ndarray,
    test_x: np.ndarray,
    test_labels: np.ndarray,
    widths: tuple[int, ...],
    depths: tuple[int, ...],
    steps: int,
    seed: int,
    margin: float = MARGIN,
) -> OverparamStudy:
    """Explicit minimizers and gradient descent across widths, on one split.

    Targets are one-hot; test error is the share of test points whose
    largest output is not their class.

    Args:
        x, labels: training inputs `(N, M)` and classes `(N,)`, N <= M.
        test_x, test_labels: the test set.
        widths: hidden widths, each >= M.
        depths: hidden depths of the explicit networks; gradient descent uses
            the first.
        steps: Adam steps of each gradient-descent network.
        seed: draws the explicit weights and the networks' initialization.
        margin: the explicit networks' bias margin, see MARGIN.

    Raises:
        TheoryError: as `explicit_interpolant`.
    """
    start = time.perf_counter()
    classes = int(max(labels.max(), test_labels.max())) + 1
    y = np.eye(classes)[labels]
    rng = np.random.default_rng(seed)
    points = []
    inputs, targets = nets.as_tensor(x), nets.as_tensor(y)
    probe = nets.as_tensor(test_x)
    for width in widths:
        built = [
            explicit_interpolant(x, y, width, depth, rng, margin) for depth in depths
        ]
        model = nets.mlp([x.shape[1]] + [width] * depths[0] + [classes], seed)
        trained = nets.train(model, inputs, targets, steps, lr=1e-3, stop_below=1e-10)
        with torch.no_grad():
            predicted = model(probe).cpu().numpy()
        points.append(
            WidthPoint(
                width,
                np.array([np.mean((f(x) - y) ** 2) for f in built]),
                np.array([_error(f(test_x), test_labels) for f in built]),
                np.array([f.active(test_x).mean() for f in built]),
                trained.final,
                _error(predicted, test_labels),
            )
        )
    linear = built[0].linear
    return OverparamStudy(
        len(x),
        x.shape[1],
        len(test_x),
        tuple(depths),
        _error(test_x @ linear.T, test_labels),
        tuple(points),
        time.perf_counter() - start,
    )
