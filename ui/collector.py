"""Python's cycle collector runs on whatever thread happens to allocate. When that is a job's
pool thread and the garbage holds Qt widgets, Qt objects are freed off the GUI thread and the
process crashes (seen in the tests: 6 crashes in 8 runs once jobs ran in the background).

So automatic collection is switched off and the GUI thread collects on a timer, generation by
generation as the thresholds say, the usual remedy in PyQt/PySide programs.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(INTERVAL_MS)

    @staticmethod
    def settle() -> None:
        """Once the program has started (modules, SQLAlchemy's mapped classes, the first
        page): collect once, then keep what is alive out of every later collection
        (`gc.freeze`); it lives as long as the program. A full collection then scans what
        came after instead of some 170,000 objects: 104 ms of the GUI thread's CPU at load
        14, every few seconds (issue 18). The program's start alone calls it (ui/app.py
        `run`): tests make many windows, and a frozen one would never be collected."""
        gc.collect()
        gc.freeze()

    def collect_due(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return
