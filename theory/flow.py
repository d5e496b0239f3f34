"""The adapted gradient flow: outputs move on straight lines to their targets.

Stack a network's outputs on the training set into `f(theta)` in `R^(NQ)` and
let `J = df/dtheta` `(NQ, P)`. If J has full rank NQ, the flow

    theta' = -J^T (J J^T)^-1 (f(theta) - y)

gives `f' = J theta' = -(f - y)`, so `f(t) - y = e^-t (f(0) - y)`: every
output travels the straight segment to its target, all at the one rate 1,
and the loss `|f - y|^2 / 2` falls as `e^-2t`. Plain gradient descent,
`theta' = -J^T (f - y)`, moves the outputs by `f' = -J J^T (f - y)` instead:
at the rates of the eigenvalues of the tangent kernel `J J^T`, along curved
paths.

Both are integrated here with Euler steps: the adapted step of size `eta`
multiplies the residual by `1 - eta` up to O(eta^2), so the path stays
within O(eta) of the straight line.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.nn.utils import parameters_to_vector, vector_to_parameters

from theory import nets
from theory.errors import TheoryError

__all__ = [
    "ACTIVATIONS",
    "FlowStudy",
    "FlowTrace",
    "adapted_step",
    "flow_study",
    "integrate",
    "path_deviation",
]

ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh}
"""The heads' hidden activations: ReLU, as in the seed results, and tanh,
smooth, for which the flow's Jacobian is continuous along the path."""

# Relative size below which a singular value of J counts as zero: far above
# float64 rounding of a small network's Jacobian (1e-13), far below the
# smallest singular values of a full-rank head at initialization (1e-3).
RANK_TOLERANCE = 1e-9


@dataclass(frozen=True)
class FlowTrace:
    """The outputs along one integration.

    Attributes:
        outputs: `f(theta_k)` stacked, `(steps + 1, N * Q)`.
        targets: `y` stacked, `(N * Q,)`.
        seconds: wall time of the steps.
    """

    outputs: np.ndarray
    targets: np.ndarray
    seconds: float

    @property
    def losses(self) -> np.ndarray:
        """`mean((f - y)^2)` at each step, `(steps + 1,)`."""
        return np.mean((self.outputs - self.targets) ** 2, axis=1)

    @property
    def deviation(self) -> float:
        """The largest distance of the output path from the straight segment
        `f(0) -> y`, relative to its length."""
        return float(path_deviation(self.outputs, self.targets).max())

    def decay_factors(self) -> np.ndarray:
        """The loss's factor over each step, `losses[k + 1] / losses[k]`, `(steps,)`.

        One uniform exponential rate is a constant factor: `(1 - eta)^2` for
        the adapted flow.
        """
        losses = self.losses
        return losses[1:] / losses[:-1]


def path_deviation(outputs: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """The distance of each `outputs[k]` from the segment `outputs[0] -> targets`.

    Args:
        outputs: `(steps + 1, D)`; targets: `(D,)`.

    Returns:
        `(steps + 1,)`, divided by the segment's length.
    """
    start = outputs[0]
    segment = targets - start
    length = np.linalg.norm(segment)
    along = np.clip((outputs - start) @ segment / length**2, 0.0, 1.0)
    nearest = start + along[:, None] * segment
    return np.linalg.norm(outputs - nearest, axis=1) / length


def adapted_step(
    model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor
) -> torch.Tensor:
    """The adapted flow's velocity `-J^T (J J^T)^-1 (f - y)`, flat `(P,)`.

    Raises:
        TheoryError: if J does not have full row rank (then `J J^T` is
            singular and the flow is not defined).
    """
    jacobian = nets.flat_jacobian(model, inputs)
    with torch.no_grad():
        residual = (model(inputs) - targets).reshape(-1)
    singular = torch.linalg.svdvals(jacobian)
    rank = int(torch.sum(singular > RANK_TOLERANCE * singular[0]))
    if rank < jacobian.shape[0]:
        raise TheoryError(
            f"the Jacobian {tuple(jacobian.shape)} has rank {rank}: the adapted flow "
            "needs full row rank (distinct inputs, at least as many parameters "
            "as outputs)"
        )
    return -jacobian.T @ torch.linalg.solve(jacobian @ jacobian.T, residual)


def _gradient_step(
    model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor
) -> torch.Tensor:
    """Plain gradient descent's velocity `-J^T (f - y)`, flat `(P,)`."""
    model.zero_grad()
    loss = 0.5 * torch.sum((model(inputs) - targets) ** 2)
    loss.backward()
    return -parameters_to_vector(p.grad for p in model.parameters())


def integrate(
    model: nn.Module,
    inputs: torch.Tensor,
    targets: torch.Tensor,
    steps: int,
    step_size: float,
    adapted: bool,
) -> FlowTrace:
    """Euler steps of the adapted flow (`adapted`) or of gradient descent.

    Trains `model` in place.

    Args:
        inputs: `(N, M)`; targets: `(N, Q)`.
        steps: how many steps; step_size: `eta`.

    Raises:
        TheoryError: for the adapted flow, as `adapted_step`.
    """
    velocity = adapted_step if adapted else _gradient_step
    outputs = []
    start = time.perf_counter()
    for _ in range(steps):
        with torch.no_grad():
            outputs.append(model(inputs).reshape(-1).cpu().numpy())
        move = velocity(model, inputs, targets)
        with torch.no_grad():
            theta = parameters_to_vector(model.parameters()) + step_size * move
            vector_to_parameters(theta, model.parameters())
    seconds = time.perf_counter() - start
    with torch.no_grad():
        outputs.append(model(inputs).reshape(-1).cpu().numpy())
    return FlowTrace(np.array(outputs), targets.reshape(-1).cpu().numpy(), seconds)


@dataclass(frozen=True)
class FlowStudy:
    """The adapted flow against gradient descent from the same initialization.

    Attributes:
        activation: the head's hidden activation, a key of ACTIVATIONS.
        points, outputs, parameters: N, Q and P of the head.
        step_size: `eta` of the adapted flow.
        descent_rate: gradient descent's step, `1 / lambda_max(J J^T)` at
            the start (the largest stable step is twice that).
        kernel_condition: `lambda_max / lambda_min` of `J J^T` at the start.
        adapted, descent: the two traces.
    """

    activation: str
    points: int
    outputs: int
    parameters: int
    step_size: float
    descent_rate: float
    kernel_condition: float
    adapted: FlowTrace
    descent: FlowTrace

    def summary(self) -> str:
        a, d = self.adapted, self.descent
        fa, fd = a.decay_factors(), d.decay_factors()
        return (
            f"{self.activation} head with P={self.parameters} parameters, "
            f"N={self.points} x "
            f"Q={self.outputs} outputs, {len(a.outputs) - 1} steps: adapted "
            f"(eta={self.step_size}) loss {a.losses[0]:.2e} -> {a.losses[-1]:.2e}, "
            f"factor per step {fa.min():.4f}..{fa.max():.4f} (ideal "
            f"{(1 - self.step_size) ** 2:.4f}), path deviation {a.deviation:.4f}; "
            f"gradient descent loss -> {d.losses[-1]:.2e}, factor per step "
            f"{fd.min():.4f}..{fd.max():.4f}, path deviation {d.deviation:.3f} "
            f"(kernel condition {self.kernel_condition:.1e})"
        )


def flow_study(
    inputs: np.ndarray,
    targets: np.ndarray,
    hidden: int,
    steps: int,
    step_size: float,
    seed: int,
    activation: str = "relu",
) -> FlowStudy:
    """Train one small head both ways from the same initialization.

    Args:
        inputs: `(N, M)`; targets: `(N, Q)`.
        hidden: the head's hidden width (one ReLU layer).
        steps: Euler steps of each; step_size: the adapted flow's `eta`.
        seed: the initialization.
        activation: a key of ACTIVATIONS.

    Raises:
        TheoryError: if the head has fewer parameters than `N * Q`, or as
            `adapted_step`.
    """
    x, y = nets.as_tensor(inputs), nets.as_tensor(targets)
    widths = [inputs.shape[1], hidden, targets.shape[1]]
    kind = ACTIVATIONS[activation]
    adapted_head = nets.mlp(widths, seed, activation=kind)
    descent_head = nets.mlp(widths, seed, activation=kind)
    parameters = nets.parameter_count(adapted_head)
    if parameters < y.numel():
        raise TheoryError(
            f"a head with {parameters} parameters cannot move {y.numel()} outputs "
            "independently: widen it or use fewer points"
        )
    kernel = nets.flat_jacobian(adapted_head, x)
    eigen = torch.linalg.eigvalsh(kernel @ kernel.T)
    rate = 1.0 / float(eigen[-1])
    adapted = integrate(adapted_head, x, y, steps, step_size, adapted=True)
    descent = integrate(descent_head, x, y, steps, rate, adapted=False)
    return FlowStudy(
        activation,
        len(inputs),
        targets.shape[1],
        parameters,
        step_size,
        rate,
        float(eigen[-1] / eigen[0]),
        adapted,
        descent,
    )
