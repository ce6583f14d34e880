"""Timing shared by the benchmarks that measure a call against its baseline in one run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """The median of `repeat` calls, in milliseconds: one slow call on a shared machine
    (another process took the core) does not move it."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
