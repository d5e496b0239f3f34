"""The mathematics behind leanplay, checked numerically (`leanplay theory ...`).

- `theory.graphs`, `theory.growth`: the self-play growth model on expanders,
  grids, cycles, barbells and a run's theorem graph, against the spectral
  gap and the conductance;
- `theory.truncation`, `theory.classifier`: an explicit zero-loss ReLU
  classifier built from truncation maps;
- `theory.overparam`: explicit zero-loss deep networks for N <= M;
- `theory.flow`: the adapted gradient flow against gradient descent;
- `theory.depth`: the training Jacobian's rank as depth grows;
- `theory.ramp`: global minimizers and the other configurations of ramp
  networks `R^Q -> R^Q`;
- `theory.run_data`: a run directory read without touching it;
- `theory.cli`: `register(subparsers)` adds the `theory` command.

Importing this package is light; torch is imported by the modules that
train networks.
"""

from theory.cli import register
from theory.errors import TheoryError

__all__ = ["TheoryError", "register"]
