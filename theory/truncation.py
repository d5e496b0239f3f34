"""Truncation maps: a ReLU layer read as an operation on its input space.

A layer `h -> sigma(W h + b)` with `W` invertible is, up to the affine map
`z -> W^-1 (z - b)` that the next layer absorbs, the truncation

    tau(x) = W^-1 (sigma(W x + b) - b) = W^-1 sigma(W (x - a)) + a,

with apex `a = -W^-1 b`. It fixes every point of the cone `{W (x - a) >= 0}`
and sends every point of the opposite cone `{W (x - a) <= 0}` to the apex:
placing one cluster of training points in the opposite cone and everything
else in the cone collapses that cluster to one point and moves nothing else.

The cones here are simplicial and nearly half-spaces: the rows of `W` are
`cos(phi) n + sin(phi) s_i`, `n` the unit axis and `s_i` the `m` vertices of a
regular simplex centred at 0 in the hyperplane orthogonal to `n`. As the angle
`phi -> 0` the cone tends to the half-space `{<n, x - a> >= 0}`, so any two
finite sets strictly separated by a hyperplane through `a` fit, one in each
cone, for `phi` small enough; `largest_angle` computes how small.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from theory.errors import TheoryError

__all__ = [
    "Cone",
    "householder",
    "largest_angle",
    "relu",
    "simplex_directions",
]


def relu(z: np.ndarray) -> np.ndarray:
    """The ramp function `max(z, 0)`, elementwise."""
    return np.maximum(z, 0.0)


def simplex_directions(m: int) -> np.ndarray:
    """The `m` vertices of a regular simplex centred at 0 in `R^(m-1)`, unit length.

    Returns:
        `(m, m - 1)`: rows of norm 1 (for m >= 2) summing to 0, with
        `<s_i, s_j> = -1 / (m - 1)` for `i != j`; `(1, 0)` for m = 1.
    """
    if m == 1:
        return np.zeros((1, 0))
    centred = np.eye(m) - 1.0 / m
    # An orthonormal basis of the hyperplane sum(x) = 0: the first m - 1
    # left singular vectors of the centring projection.
    basis = np.linalg.svd(centred)[0][:, : m - 1]
    vertices = centred @ basis
    return vertices / np.linalg.norm(vertices, axis=1, keepdims=True)


def householder(axis: np.ndarray) -> np.ndarray:
    """An orthogonal, symmetric `H` `(m, m)` with `H @ axis = e_1` and `H @ e_1 = axis`.

    Args:
        axis: a unit vector `(m,)`.
    """
    m = len(axis)
    reflect = axis.astype(np.float64) - np.eye(m)[0]
    norm = reflect @ reflect
    if norm < 1e-30:
        return np.eye(m)
    return np.eye(m) - 2.0 * np.outer(reflect, reflect) / norm


@dataclass(frozen=True)
class Cone:
    """A simplicial cone `{x : W (x - apex) >= 0}` around a unit `axis`.

    Attributes:
        apex: the apex `a`, `(m,)`.
        axis: the unit axis `n`, `(m,)`.
        angle: `phi` in `(0, pi/2)`; the cone contains every direction within
            `pi/2 - phi` of the axis (a half-space as `phi -> 0`).
    """

    apex: np.ndarray
    axis: np.ndarray
    angle: float

    @property
    def matrix(self) -> np.ndarray:
        """`W` `(m, m)`: row i is `cos(phi) n + sin(phi) s_i` in input coordinates."""
        m = len(self.axis)
        frame = np.zeros((m, m))
        frame[:, 0] = np.cos(self.angle)
        frame[:, 1:] = np.sin(self.angle) * simplex_directions(m)
        return frame @ householder(self.axis)

    @property
    def bias(self) -> np.ndarray:
        """`b = -W a`, `(m,)`: the layer is `sigma(W x + b)`."""
        return -self.matrix @ self.apex

    def truncate(self, x: np.ndarray) -> np.ndarray:
        """`tau(x) = W^-1 sigma(W (x - a)) + a` for each row of `x` `(k, m)`."""
        weight = self.matrix
        inside = relu((x - self.apex) @ weight.T)
        return np.linalg.solve(weight, inside.T).T + self.apex

    def contains(self, x: np.ndarray, sign: int = 1) -> np.ndarray:
        """Whether each row of `x` `(k, m)` lies strictly inside the cone
        (`sign = 1`) or the opposite cone (`sign = -1`); `(k,)` bool."""
        return np.all(sign * (x - self.apex) @ self.matrix.T > 0, axis=1)


def largest_angle(
    apex: np.ndarray, axis: np.ndarray, inside: np.ndarray, opposite: np.ndarray
) -> float:
    """The largest angle `phi*` for which the cone fits both point sets.

    For every angle in `(0, phi*)` the cone with this apex and axis contains
    every row of `inside` `(k, m)` strictly, and its opposite every row of
    `opposite` `(l, m)`.

    Returns:
        `phi*` in `(0, pi/2]`.

    Raises:
        TheoryError: if a point of `inside` is not strictly on the positive
            side of the hyperplane through `apex` orthogonal to `axis`, or a
            point of `opposite` not strictly on the negative side.
    """
    m = len(axis)
    simplex = simplex_directions(m)
    reflect = householder(axis)
    bound = np.inf
    for points, sign in ((inside, 1.0), (opposite, -1.0)):
        if len(points) == 0:
            continue
        frame = (points - apex) @ reflect.T
        height = sign * frame[:, 0]
        if np.any(height <= 0):
            raise TheoryError(
                "the hyperplane through the apex does not separate the sets"
            )
        # Row i of sign * W z is cos(phi) height + sin(phi) sign <s_i, z'>.
        spread = (
            np.max(-sign * frame[:, 1:] @ simplex.T, axis=1) if m > 1 else 0 * height
        )
        limited = spread > 0
        if limited.any():
            bound = min(bound, float(np.min(height[limited] / spread[limited])))
    return float(np.arctan(bound)) if np.isfinite(bound) else np.pi / 2
