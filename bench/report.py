"""One figure of a benchmark, as `bench/run.py` collects it into its table.

Each benchmark prints its own lines and also calls `emit` for every figure that has a target;
when run by `bench/run.py` (which sets WUYE_BENCH_RESULTS to a file), `emit` appends the
figure there as one JSON line. Run alone, a benchmark prints exactly what it printed before.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

RESULTS_ENV = "WUYE_BENCH_RESULTS"


@dataclass(frozen=True)
class Figure:
    figure: str  # what was measured, e.g. "ledger (b) first screen of estate list"
    ours: float
    baseline: float | None  # measured in the same run; None when the target is absolute
    unit: str  # "ms", "pages/s", "s", "MB"…
    target: str  # as the issue states it, e.g. "< 50 ms", "≥ 0.50 ratio"
    met: bool

    @property
    def ratio(self) -> float | None:
        return None if not self.baseline else self.ours / self.baseline


def emit(figure: Figure) -> Figure:
    path = os.environ.get(RESULTS_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(figure), ensure_ascii=False) + "\n")
    return figure
