"""Work off the UI thread: a Job runs one core function in its own Session and hands back
plain values (never ORM objects or sessions) through signals, or what went wrong as a
`Failure`: input problems to show at their fields, a known failure in one Chinese line, or a
bug, whose traceback goes to the log file and never in front of a user.

Database jobs share one single-thread pool, so they never race each other for the write lock.
A write job also finds out which tables it changed (`changed`), for ui/ops.py to announce.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from app.errors import InputError, Problem
from app.failures import describe
from app.logfile import LOGGER, log_file
from app.progress import Cancelled

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

Work = Callable[["Session", "Job"], Any]
ALL_TABLES = frozenset({"*"})  # a write that cannot say what it changed (a package merge)

log = logging.getLogger(f"{LOGGER}.jobs")


@dataclass(frozen=True)
class Failure:
    """Why a job did not finish: `problems` for refused input, else `message`; `bug` when the
    failure was not foreseen (its traceback is in the log file)."""

    message: str
    problems: tuple[Problem, ...] = ()
    bug: bool = False


def failure_of(exc: BaseException, *, database: object = None, write: bool = False) -> Failure:
    """Sort an exception into what the window shows; a bug's traceback is logged here."""
    if isinstance(exc, InputError):
        return Failure(str(exc), exc.problems)
    known = describe(exc, database=database)  # type: ignore[arg-type]
    if known is not None:
        return Failure(known)
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return Failure(bug_message(type(exc).__name__, write=write), bug=True)


def bug_message(kind: str, *, write: bool = False) -> str:
    """What a user reads about a bug: that it happened, whether anything was kept, where the
    details are. (QCoreApplication.translate is safe on any thread.)"""
    if write:
        text = QCoreApplication.translate(
            "Op", "The program met an error (%1); the changes were not saved."
        )
    else:
        text = QCoreApplication.translate("Op", "The program met an error (%1).")
    text = text.replace("%1", kind)
    where = log_file()
    if where is not None:
        text += QCoreApplication.translate("Op", " The details are in the log %1").replace(
            "%1", str(where)
        )
    return text


class JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)  # the Failure's message
    failure = Signal(object)  # the Failure itself
    cancelled = Signal()


class Job(QRunnable):
    def __init__(
        self,
        sessions: sessionmaker[Session],
        work: Work,
        *,
        write: bool = False,
        tables: Iterable[str] = (),
    ):
        super().__init__()
        self.signals = JobSignals()
        self._sessions = sessions
        self._work = work
        self._write = write
        self._cancel = threading.Event()
        self._declared = frozenset(tables)
        self.changed = self._declared  # a write adds what it wrote, before `finished`
        self.setAutoDelete(False)  # the caller holds it while its signals may still fire

    @property
    def write(self) -> bool:
        return self._write

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
                from app.db.changed_tables import audit_mark, tables_since

                with self._sessions() as session:  # closed without commit: rolled back
                    mark = audit_mark(session)
                    result = self._work(session, self)  # may commit or roll back itself
                    self.changed = tables_since(session, mark) | self._declared
                    session.commit()
            else:
                with self._sessions() as session:
                    result = self._work(session, self)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # every failure is said; a bug is also logged
            failure = failure_of(exc, database=self._database(), write=self._write)
            self.signals.failure.emit(failure)
            self.signals.failed.emit(failure.message)
        else:
            self.signals.finished.emit(result)

    def _database(self) -> object:
        bind = self._sessions.kw.get("bind")
        url = getattr(bind, "url", None)
        return getattr(url, "database", None)


_pool: QThreadPool | None = None


def database_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


def start(job: Job) -> Job:
    """Run `job` on the pool; a write's changed tables are announced (ui/ops.py) when it
    finishes. Prefer an `Op`, which also says what went wrong."""
    if job.write or job.changed:
        from ui.ops import changes

        job.signals.finished.connect(lambda _result: changes().announce(job.changed))
    database_pool().start(job)
    return job
