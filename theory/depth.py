"""Depth and rank: the training Jacobian of deeper ReLU networks, and gradient descent.

For N training inputs and one output, gradient descent on the squared error
moves the outputs by `f' = -(2/N) J J^T (f - y)`: near initialization each
eigen-direction of the tangent kernel `J J^T` converges at its own rate, the
slowest at `lambda_min / lambda_max` of the fastest (with the largest
stable step). When J loses rank, some directions do not move at all. This
module measures the singular values of J at initialization as the depth
grows, and the loss plain gradient descent reaches in a fixed number of
steps.

Whether depth costs rank depends on the initialization. Two are compared:
torch's default for `nn.Linear` (weights and biases uniform with variance
`1 / (3 fan_in)`, which shrinks a ReLU signal by about `sqrt(6)` per layer
until the biases dominate and all inputs look alike) and He's (normal
weights of variance `2 / fan_in`, zero biases, which keeps the signal's
scale).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from theory import nets

__all__ = [
    "INITIALIZATIONS",
    "RANK_TOLERANCE",
    "DepthPoint",
    "DepthStudy",
    "depth_study",
    "numerical_rank",
]

INITIALIZATIONS = ("default", "he")

RANK_TOLERANCE = 1e-3
"""A singular value below this share of the largest counts as lost: its
direction then converges over 10^6 times more slowly than the fastest."""


def numerical_rank(singular: np.ndarray, tolerance: float = RANK_TOLERANCE) -> int:
    """How many of the `singular` values exceed `tolerance` times the largest."""
    singular = np.asarray(singular)
    return int(np.sum(singular > tolerance * singular.max()))


def _initialize(model: nn.Sequential, scheme: str, seed: int) -> None:
    """Re-draw `model`'s weights by `scheme` from `seed` ("default" keeps them)."""
    if scheme == "he":
        generator = torch.Generator().manual_seed(seed)
        for module in model:
            if isinstance(module, nn.Linear):
                weight = torch.empty(module.weight.shape, dtype=module.weight.dtype)
                nn.init.kaiming_normal_(
                    weight, nonlinearity="relu", generator=generator
                )
                with torch.no_grad():
                    module.weight.copy_(weight)
                nn.init.zeros_(module.bias)


@dataclass(frozen=True)
class DepthPoint:
    """One depth and initialization.

    Attributes:
        depth: hidden layers; init: the initialization scheme.
        parameters: P.
        singular: singular values of J at initialization, decreasing, `(N,)`.
        losses: plain gradient descent's loss curve from there.
    """

    depth: int
    init: str
    parameters: int
    singular: np.ndarray
    losses: np.ndarray

    @property
    def rank(self) -> int:
        return numerical_rank(self.singular)

    @property
    def condition(self) -> float:
        """`lambda_max / lambda_min` of the tangent kernel `J J^T`."""
        return float((self.singular[0] / self.singular[-1]) ** 2)


@dataclass(frozen=True)
class DepthStudy:
    """Rank and convergence across depths, for each initialization.

    Attributes:
        points, width, steps: N, the hidden width, the descent steps.
        results: one DepthPoint per (init, depth), inits in order.
        seconds: wall time.
    """

    points: int
    width: int
    steps: int
    results: tuple[DepthPoint, ...]
    seconds: float

    def of(self, init: str) -> list[DepthPoint]:
        return [r for r in self.results if r.init == init]

    def summary(self) -> str:
        parts = []
        for init in dict.fromkeys(r.init for r in self.results):
            rows = self.of(init)
            ranks = "/".join(str(r.rank) for r in rows)
            losses = "/".join(_ratio(r.losses) for r in rows)
            parts.append(
                f"{init} init rank {ranks}, "
                f"loss ratio after {self.steps} steps {losses}"
            )
        depths = "/".join(str(r.depth) for r in self.of(self.results[0].init))
        return (
            f"depth: N={self.points}, width {self.width}, depths {depths}: "
            + "; ".join(parts)
        )


def _ratio(losses: np.ndarray) -> str:
    final = losses[-1] / losses[0]
    return f"{final:.0e}" if np.isfinite(final) else "diverged"


def depth_study(
    inputs: np.ndarray,
    targets: np.ndarray,
    depths: tuple[int, ...],
    width: int,
    steps: int,
    seed: int,
    inits: tuple[str, ...] = INITIALIZATIONS,
) -> DepthStudy:
    """Measure J's singular values and train by gradient descent at each depth.

    Gradient descent minimizes `mean((f - y)^2)` with the step
    `N Q / (4 lambda_max(J J^T))`: near initialization direction i shrinks by
    `1 - lambda_i / (2 lambda_max)` per step. (With twice that step, the
    linearization's optimum, a 32-layer He-initialized network's loss
    diverged in one of our runs.)

    Args:
        inputs: `(N, M)`; targets: `(N, Q)`.
        depths: hidden depths; width: hidden width.
        steps: gradient-descent steps per network.
        seed: every network's initialization.
        inits: initialization schemes, from INITIALIZATIONS.
    """
    start = time.perf_counter()
    x, y = nets.as_tensor(inputs), nets.as_tensor(targets)
    results = []
    for init in inits:
        for depth in depths:
            model = nets.mlp(
                [inputs.shape[1]] + [width] * depth + [targets.shape[1]], seed
            )
            _initialize(model, init, seed)
            jacobian = nets.flat_jacobian(model, x)
            singular = torch.linalg.svdvals(jacobian).cpu().numpy()
            rate = y.numel() / (4 * singular[0] ** 2)
            trained = nets.train(model, x, y, steps, rate, optimizer="sgd")
            results.append(
                DepthPoint(
                    depth, init, nets.parameter_count(model), singular, trained.losses
                )
            )
    return DepthStudy(
        len(inputs), width, steps, tuple(results), time.perf_counter() - start
    )
