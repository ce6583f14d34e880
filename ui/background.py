"""Work on a plain Python thread whose result is handed to the UI thread, for start-up:
loading SQLAlchemy and the models, and reading the 总览's headline figures with sqlite3,
while the window stays responsive (issue 18). Later work runs as `ui.jobs.Job`s, which
need the open database's sessions."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.logfile import LOGGER


class Background(QObject):
    """`Background(work, parent).done.connect(slot)`: `slot(result)` runs on the UI thread
    (a queued signal: this object lives there), with None if `work` raised (logged)."""

    done = Signal(object)

    def __init__(self, work: Callable[[], object], parent: QObject, name: str) -> None:
        super().__init__(parent)
        self._work = work
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Background:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            result = self._work()
        except Exception:  # the ORM: imported again on the UI thread, failing there; figures:
            # none early, the full ones come once the database is open
            logging.getLogger(f"{LOGGER}.start").exception("background start-up work failed")
            result = None
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile (quit after paint)
            self.done.emit(result)
