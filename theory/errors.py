"""The one exception the theory commands raise for input they cannot use."""

__all__ = ["TheoryError"]


class TheoryError(Exception):
    """An expected failure, stated in one line: a missing run directory, a
    graph too small for a measurement, data that violate a construction's
    hypothesis (for example classes that are not separable). The command line
    prints the message and exits with code 3."""
