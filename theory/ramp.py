"""Ramp networks `R^Q -> R^Q` with L >= Q hidden layers: explicit minimizers.

The network has L hidden layers `h -> sigma(W h + b)` on `R^Q`, sigma the
ramp function `max(x, 0)` (ReLU), and an affine readout; the data are Q
small clusters in `R^Q`, class j with target `y_j = e_j`, and the cost is
`C = (1/N) sum_i |f(x_i) - y_(j(i))|^2`.

For a subset S of the classes, the configuration `theta_S` is: one
truncation layer (`theory.truncation`) for each class of S, collapsing it to
a point and moving nothing else; identity layers for the rest of the depth
(`sigma(h - a) + a` with the apex `a` below every point, so nothing is cut);
and the least-squares readout of the resulting points. At any local minimum
the readout is the least-squares one, since C is a convex quadratic in it,
so `theta_S` is the candidate minimizer of its configuration.

- S = all classes (needs L >= Q): the Q collapse points are mapped exactly
  onto the targets, `C = 0`, a global minimum. It is degenerate: every
  apex inside its gap, every angle below the largest that fits and every
  identity layer's apex below the data give `C = 0`.
- S a proper subset: the 2^Q - 1 other configurations, each with its own
  cost. `ramp_study` measures at each the cost, the gradient and the
  Hessian's spectrum, which decide whether it is a local minimum.

Within one configuration (the same units active on the same points) the
cost is a polynomial in the parameters, so the gradient and Hessian are
computed exactly by autograd, in float64.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

import numpy as np
import torch

from theory.classifier import CONE_SHAPE, collapse_classes, well_separated_clusters
from theory.errors import TheoryError
from theory.truncation import relu

__all__ = [
    "Configuration",
    "RampNetwork",
    "RampStudy",
    "configuration_network",
    "ramp_study",
    "stratum_infimum",
]

# How far below the data an identity layer's apex sits, as a share of the
# data's extent: any positive value keeps every point strictly active.
LIFT = 0.5
# Other members of the global minimizers' family: (lift, (angle share,
# apex position)), spread over the ranges every value of which works.
FAMILY = ((0.1, (0.2, 0.3)), (2.0, (0.8, 0.7)), (10.0, (0.5, 0.9)))
# An eigenvalue of the Hessian within this of 0, relative to the largest,
# counts as zero (a flat, degenerate direction).
FLAT = 1e-9


@dataclass(frozen=True)
class RampNetwork:
    """A ramp network's parameters, and its cost on data.

    Attributes:
        layers: `(W (Q, Q), b (Q,))` of each hidden layer, then the readout.
    """

    layers: tuple[tuple[np.ndarray, np.ndarray], ...]

    def flat(self) -> np.ndarray:
        """All parameters in one vector `(P,)`, layer by layer, weight then bias."""
        return np.concatenate([np.concatenate([w.ravel(), b]) for w, b in self.layers])

    def __call__(self, x: np.ndarray) -> np.ndarray:
        *hidden, (weight, bias) = self.layers
        for w, b in hidden:
            x = relu(x @ w.T + b)
        return x @ weight.T + bias


def _unflatten(
    theta: torch.Tensor, q: int, depth: int
) -> list[tuple[torch.Tensor, torch.Tensor]]:
    size = q * q + q
    return [
        (
            theta[i * size : i * size + q * q].reshape(q, q),
            theta[i * size + q * q : (i + 1) * size],
        )
        for i in range(depth + 1)
    ]


def _cost(
    theta: torch.Tensor, x: torch.Tensor, y: torch.Tensor, depth: int
) -> torch.Tensor:
    """`C(theta)` on inputs `x` `(N, Q)` with targets `y` `(N, Q)`."""
    *hidden, (weight, bias) = _unflatten(theta, x.shape[1], depth)
    h = x
    for w, b in hidden:
        h = torch.relu(h @ w.T + b)
    return torch.sum((h @ weight.T + bias - y) ** 2) / len(x)


def configuration_network(
    x: np.ndarray,
    labels: np.ndarray,
    collapsed: tuple[int, ...],
    depth: int,
    lift: float = LIFT,
    shape: tuple[float, float] = CONE_SHAPE,
) -> RampNetwork:
    """`theta_S` for `S = collapsed`: truncations, identity layers, LS readout.

    Args:
        x: `(N, Q)` inputs; labels: `(N,)` classes 0..Q-1 (targets `e_j`).
        collapsed: the classes S to collapse, one hidden layer each.
        depth: L, at least `len(collapsed)`.
        lift: see LIFT.
        shape: the truncations' `(angle share, apex position)`, see
            `theory.classifier.CONE_SHAPE`.

    Raises:
        TheoryError: if `depth < len(collapsed)`, or as
            `theory.classifier.collapse_classes`.
    """
    q = x.shape[1]
    if depth < len(collapsed):
        raise TheoryError(
            f"collapsing {len(collapsed)} classes needs as many layers, not {depth}"
        )
    cones, _, _ = collapse_classes(x, labels, list(collapsed), True, shape)
    pairs = [(cone.matrix, cone.apex) for cone in cones]
    current = x
    for cone in cones:
        current = cone.truncate(current)
    low, extent = current.min(axis=0), np.ptp(current, axis=0).max()
    for _ in range(depth - len(cones)):
        pairs.append((np.eye(q), low - lift * extent))
    layers = _as_layers(pairs)
    hidden = RampNetwork(tuple(layers) + ((np.eye(q), np.zeros(q)),))
    features = _hidden(hidden, x)
    lifted = np.c_[features, np.ones(len(x))]
    solution = np.linalg.lstsq(lifted, np.eye(q)[labels], rcond=None)[0]
    return RampNetwork(tuple(layers) + ((solution[:-1].T, solution[-1]),))


def _as_layers(
    pairs: list[tuple[np.ndarray, np.ndarray]],
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Ordinary layers from truncations `(W_l, a_l)`: `A_l = W_l W_(l-1)^-1`,
    `beta_l = W_l (a_(l-1) - a_l)`, as in `theory.classifier`."""
    layers = [(pairs[0][0], -pairs[0][0] @ pairs[0][1])]
    for (w_prev, a_prev), (w, a) in zip(pairs, pairs[1:]):
        layers.append((w @ np.linalg.inv(w_prev), w @ (a_prev - a)))
    return layers


def _hidden(network: RampNetwork, x: np.ndarray) -> np.ndarray:
    for w, b in network.layers[:-1]:
        x = relu(x @ w.T + b)
    return x


def stratum_infimum(
    x: np.ndarray, labels: np.ndarray, collapsed: tuple[int, ...]
) -> float:
    """The least cost of any parameters that collapse the classes S = `collapsed`.

    With S collapsed to points placed freely and the other classes mapped by
    any affine map, the cost is at least the least-squares error of an affine
    fit of the other classes alone (weighted by their share of the N points),
    and comes arbitrarily close to it by moving the collapse points and
    shrinking the readout.
    """
    rest = ~np.isin(labels, collapsed)
    if not rest.any():
        return 0.0
    q = x.shape[1]
    lifted = np.c_[x[rest], np.ones(rest.sum())]
    targets = np.eye(q)[labels[rest]]
    residual = lifted @ np.linalg.lstsq(lifted, targets, rcond=None)[0] - targets
    return float(np.sum(residual**2) / len(x))


@dataclass(frozen=True)
class Configuration:
    """The measurements at one `theta_S`.

    Attributes:
        collapsed: S.
        cost: `C(theta_S)`.
        gradient: `|grad C|` at `theta_S`.
        readout_gradient: the part of the gradient in the readout's parameters.
        hessian_min: the smallest eigenvalue of the Hessian.
        flat: how many eigenvalues are zero (within FLAT of the largest).
        infimum: `stratum_infimum` of S.
    """

    collapsed: tuple[int, ...]
    cost: float
    gradient: float
    readout_gradient: float
    hessian_min: float
    flat: int
    infimum: float

    @property
    def critical(self) -> bool:
        """Whether the gradient vanishes (below 1e-9)."""
        return self.gradient < 1e-9


@dataclass(frozen=True)
class RampStudy:
    """Every configuration of one data set.

    Attributes:
        classes, depth, points, parameters: Q, L, N, P.
        configurations: one per subset S, the empty set first, all last.
        family_costs: the cost of other members of the global minimizers'
            family (other apexes, angles and lifts).
        seconds: wall time.
    """

    classes: int
    depth: int
    points: int
    parameters: int
    configurations: tuple[Configuration, ...]
    family_costs: tuple[float, ...]
    seconds: float

    @property
    def global_minimum(self) -> Configuration:
        return self.configurations[-1]

    @property
    def others(self) -> tuple[Configuration, ...]:
        return self.configurations[:-1]

    def summary(self) -> str:
        best = self.global_minimum
        others = self.others
        distinct = len({round(c.cost, 12) for c in others})
        critical = [c for c in others if c.critical]
        minima = [c for c in critical if c.hessian_min > -FLAT]
        return (
            f"ramp: Q={self.classes}, L={self.depth}, N={self.points}, "
            f"P={self.parameters}: "
            f"global minimum cost {best.cost:.1e}, |grad| {best.gradient:.1e}, "
            f"{best.flat} flat Hessian directions, "
            f"{len(self.family_costs)} other members "
            f"cost <= {max(self.family_costs):.1e}; {len(others)} = 2^Q - 1 other "
            f"configurations, {distinct} distinct costs "
            f"{min(c.cost for c in others):.4f}..{max(c.cost for c in others):.4f}, "
            f"{len(critical)} with zero gradient, local minima among them: "
            f"{len(minima)} (S = {_names(minima)})"
        )


def _names(configurations: list[Configuration]) -> str:
    return ", ".join(_name(c.collapsed) for c in configurations) or "-"


def _name(collapsed: tuple[int, ...]) -> str:
    return "{" + ",".join(str(c + 1) for c in collapsed) + "}"


def _measure(
    network: RampNetwork, x: np.ndarray, labels: np.ndarray, depth: int
) -> tuple:
    q = x.shape[1]
    tx = torch.as_tensor(x, dtype=torch.float64)
    ty = torch.as_tensor(np.eye(q)[labels], dtype=torch.float64)
    theta = torch.as_tensor(network.flat(), dtype=torch.float64).requires_grad_(True)
    cost = _cost(theta, tx, ty, depth)
    (gradient,) = torch.autograd.grad(cost, theta)
    cost, gradient = cost.detach(), gradient.detach()
    hessian = torch.autograd.functional.hessian(
        lambda t: _cost(t, tx, ty, depth), theta
    )
    eigen = torch.linalg.eigvalsh(hessian).numpy()
    readout = gradient[-(q * q + q) :]
    flat = int(np.sum(np.abs(eigen) <= FLAT * np.abs(eigen).max()))
    return (
        float(cost),
        float(gradient.norm()),
        float(readout.norm()),
        float(eigen[0]),
        flat,
    )


def ramp_study(
    classes: int,
    depth: int,
    per_class: int,
    radius: float,
    seed: int,
) -> RampStudy:
    """Measure every configuration `theta_S` on Q clusters of `per_class` points.

    Args:
        classes: Q (2 or 3 checks the claim; the count of subsets doubles
            with each class).
        depth: L >= Q.
        per_class: points per cluster; radius: the clusters' radius (means
            on the unit sphere).
        seed: draws the data.

    Raises:
        TheoryError: if L < Q or Q < 1.
    """
    if classes < 1 or depth < classes:
        raise TheoryError(
            f"the global minimizers need L >= Q >= 1 hidden layers, not L={depth}"
        )
    start = time.perf_counter()
    x, labels = well_separated_clusters(
        classes, classes, per_class, radius, np.random.default_rng(seed)
    )
    subsets = [
        s for k in range(classes + 1) for s in itertools.combinations(range(classes), k)
    ]
    configurations = []
    for subset in subsets:
        network = configuration_network(x, labels, subset, depth)
        cost, grad, readout, lowest, flat = _measure(network, x, labels, depth)
        configurations.append(
            Configuration(
                subset,
                cost,
                grad,
                readout,
                lowest,
                flat,
                stratum_infimum(x, labels, subset),
            )
        )
    family = [_family_member(x, labels, depth, *member) for member in FAMILY]
    parameters = (depth + 1) * (classes * classes + classes)
    return RampStudy(
        classes,
        depth,
        len(x),
        parameters,
        tuple(configurations),
        tuple(family),
        time.perf_counter() - start,
    )


def _family_member(
    x: np.ndarray,
    labels: np.ndarray,
    depth: int,
    lift: float,
    shape: tuple[float, float],
) -> float:
    """The cost of another global minimizer, with other lifts, angles and apexes."""
    q = x.shape[1]
    network = configuration_network(x, labels, tuple(range(q)), depth, lift, shape)
    return float(np.sum((network(x) - np.eye(q)[labels]) ** 2) / len(x))
