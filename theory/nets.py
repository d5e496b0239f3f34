"""Small torch helpers shared by the ReLU experiments: networks, training, Jacobians.

Everything runs in float64, so that "zero loss" and "full rank" are decided
at double precision, on the device `models.device.pick_device` chooses (a
GPU when one is visible). The networks are tiny: the CPU is as fast.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.func import functional_call, jacrev

from models.device import pick_device

__all__ = [
    "Trained",
    "as_tensor",
    "flat_jacobian",
    "load_layers",
    "mlp",
    "one_thread",
    "parameter_count",
    "train",
]

DTYPE = torch.float64


def as_tensor(array: np.ndarray, device: torch.device | None = None) -> torch.Tensor:
    """A float64 tensor on `device` (default: `pick_device()`)."""
    return torch.as_tensor(
        np.asarray(array), dtype=DTYPE, device=device or pick_device()
    )


@contextlib.contextmanager
def one_thread() -> Iterator[None]:
    """Run torch on one CPU thread inside the block, then restore the count.

    These networks are tiny: on two shared, busy cores (load 4), 2,000 Adam
    steps of the 324-parameter classifier baseline took 117 s on two threads
    and 1.2 s on one.
    """
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def mlp(
    widths: list[int],
    seed: int,
    device: torch.device | None = None,
    activation: type[nn.Module] = nn.ReLU,
) -> nn.Sequential:
    """A fully connected network `widths[0] -> ... -> widths[-1]`, float64.

    Hidden layers use `activation`; the last layer is affine. Weights are
    torch's default initialization, drawn from `seed`.
    """
    generator_state = torch.random.get_rng_state()
    torch.manual_seed(seed)
    try:
        layers: list[nn.Module] = []
        for i, (fan_in, fan_out) in enumerate(zip(widths[:-1], widths[1:])):
            layers.append(nn.Linear(fan_in, fan_out, dtype=DTYPE))
            if i < len(widths) - 2:
                layers.append(activation())
    finally:
        torch.random.set_rng_state(generator_state)
    return nn.Sequential(*layers).to(device or pick_device())


def load_layers(
    model: nn.Sequential, layers: list[tuple[np.ndarray, np.ndarray]]
) -> None:
    """Copy `(weight (out, in), bias (out,))` pairs into the Linear layers of `model`.

    Raises:
        ValueError: if the number or the shapes of the layers differ.
    """
    linear = [m for m in model if isinstance(m, nn.Linear)]
    if len(linear) != len(layers):
        raise ValueError(f"{len(layers)} layers given for {len(linear)} in the model")
    with torch.no_grad():
        for module, (weight, bias) in zip(linear, layers):
            if module.weight.shape != weight.shape or module.bias.shape != bias.shape:
                raise ValueError(
                    f"layer shape {weight.shape} != {tuple(module.weight.shape)}"
                )
            module.weight.copy_(as_tensor(weight, module.weight.device))
            module.bias.copy_(as_tensor(bias, module.bias.device))


def parameter_count(model: nn.Module) -> int:
    """The number of trainable scalars of `model`."""
    return sum(p.numel() for p in model.parameters())


@dataclass(frozen=True)
class Trained:
    """The record of a training run.

    Attributes:
        losses: the loss before each step and after the last, `(steps + 1,)`.
        seconds: wall-clock time of the steps.
    """

    losses: np.ndarray
    seconds: float

    @property
    def final(self) -> float:
        return float(self.losses[-1])


def train(
    model: nn.Module,
    inputs: torch.Tensor,
    targets: torch.Tensor,
    steps: int,
    lr: float,
    optimizer: str = "adam",
    stop_below: float = 0.0,
) -> Trained:
    """Full-batch training on the mean squared error `mean((f(x) - y)^2)`.

    Args:
        model: the network, trained in place.
        inputs: `(N, M)`; targets: `(N, Q)`.
        steps: the most optimizer steps.
        lr: the learning rate.
        optimizer: "adam" or "sgd" (plain gradient descent).
        stop_below: stop early once the loss is below this.

    Raises:
        ValueError: on an unknown optimizer.
    """
    if optimizer not in ("adam", "sgd"):
        raise ValueError(f"optimizer must be 'adam' or 'sgd', not {optimizer!r}")
    kind = torch.optim.Adam if optimizer == "adam" else torch.optim.SGD
    step = kind(model.parameters(), lr=lr)
    losses = []
    start = time.perf_counter()
    for _ in range(steps):
        step.zero_grad()
        loss = torch.mean((model(inputs) - targets) ** 2)
        losses.append(loss.item())
        if losses[-1] < stop_below or not np.isfinite(losses[-1]):
            break
        loss.backward()
        step.step()
    else:
        with torch.no_grad():
            losses.append(torch.mean((model(inputs) - targets) ** 2).item())
    return Trained(np.asarray(losses), time.perf_counter() - start)


def flat_jacobian(model: nn.Module, inputs: torch.Tensor) -> torch.Tensor:
    """The Jacobian of the stacked outputs with respect to all parameters.

    Returns:
        `(N * Q, P)`: row `i * Q + q` is the gradient of output q at input i;
        columns follow `model.parameters()`, each flattened.
    """
    names = [name for name, _ in model.named_parameters()]
    params = {name: p.detach() for name, p in model.named_parameters()}

    def outputs(values: dict[str, torch.Tensor]) -> torch.Tensor:
        return functional_call(model, values, (inputs,)).reshape(-1)

    blocks = jacrev(outputs)(params)
    return torch.cat(
        [blocks[name].reshape(blocks[name].shape[0], -1) for name in names], 1
    )
