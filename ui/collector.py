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

    def collect_due(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return
