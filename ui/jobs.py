"""Work off the UI thread: a Job runs one core function in its own Session and hands back
plain values (never ORM objects or sessions) through signals, or its exception as text.

Database jobs share one single-thread pool, so they never race each other for the write lock.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import WuyeError
from app.progress import Cancelled

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

Work = Callable[["Session", "Job"], Any]


class JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Job(QRunnable):
    def __init__(self, sessions: sessionmaker[Session], work: Work, *, write: bool = False):
        super().__init__()
        self.signals = JobSignals()
        self._sessions = sessions
        self._work = work
        self._write = write
        self._cancel = threading.Event()
        self.setAutoDelete(False)  # the caller holds it while its signals may still fire

    # app.progress.Progress, for core functions that report and poll for cancel
    def report(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            if self._write:
                with self._sessions.begin() as session:  # any raise rolls back
                    result = self._work(session, self)
            else:
                with self._sessions() as session:
                    result = self._work(session, self)
        except Cancelled:
            self.signals.cancelled.emit()
        except WuyeError as exc:
            self.signals.failed.emit(str(exc))
        except Exception:  # a bug: shown with its traceback, never swallowed
            self.signals.failed.emit(traceback.format_exc())
        else:
            self.signals.finished.emit(result)


_pool: QThreadPool | None = None


def database_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


def start(job: Job) -> Job:
    database_pool().start(job)
    return job
