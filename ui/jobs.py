"""Work off the UI thread: a Job runs one core function in its own Session and hands back
plain values (never ORM objects or sessions) through signals, or what went wrong as a
`Failure`: input problems to show at their fields, a known failure in one Chinese line, or a
bug, whose traceback goes to the log file and never in front of a user.

Database jobs share one single-thread pool, so they never race each other for the write lock.
A write job also finds out which tables it changed (`changed`), for ui/ops.py to announce.

A job often outlives the page that started it (the page is closed, or every page is rebuilt
when an office is added). Its callbacks are mostly lambdas over the page, which Qt cannot tie
to the page: they ran on the deleted page ("Internal C++ object already deleted", "Signal
source has been deleted" on stderr). So the worker emits on `ends`, which lives as long as the
job and which the operation layer hears (a write must still be announced and an op let go);
`signals`, the one pages connect to, is a child of the job's `owner` and hears `ends` through
queued signal-to-signal connections: deleted with its owner, it takes its connections and its
pending deliveries with it, and no callback of a closed page runs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal

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
        owner: QObject | None = None,
    ):
        super().__init__()
        self.ends = JobSignals()  # emitted on by the worker; heard by the operation layer
        self.signals = JobSignals(owner)  # for the owner's callbacks: gone with the owner
        self._relayed = False
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
        self.ends.progress.emit(done, total)

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
            self.ends.cancelled.emit()
        except Exception as exc:  # every failure is said; a bug is also logged
            failure = failure_of(exc, database=self._database(), write=self._write)
            self.ends.failure.emit(failure)
            self.ends.failed.emit(failure.message)
        else:
            self.ends.finished.emit(result)

    def relay(self) -> None:
        """Pass `ends` on to `signals`, once, just before the job is queued: after the
        operation layer's own connections, so an op has handled an outcome (announced a
        write, called its success) before the owner's callbacks and waiting tests hear it."""
        if self._relayed:
            return
        self._relayed = True
        queued = Qt.ConnectionType.QueuedConnection  # delivered on the GUI thread, in order
        for name in ("progress", "finished", "failed", "failure", "cancelled"):
            getattr(self.ends, name).connect(getattr(self.signals, name), queued)
        if self.signals.parent() is not None:
            # A page starts a job at every refresh: once the last signal has been heard
            # (`failed` comes after `failure`) they leave the page and go with the job.
            for last in (self.signals.finished, self.signals.failed, self.signals.cancelled):
                last.connect(self._let_go)

    def _let_go(self, *_args: object) -> None:
        if shiboken6.isValid(self.signals):
            self.signals.setParent(None)

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

        job.ends.finished.connect(lambda _result: changes().announce(job.changed))
    return submit(job)


def submit(job: Job) -> Job:
    """Queue `job` on the database pool, its outcome relayed to `signals` (see `Job.relay`)."""
    job.relay()
    database_pool().start(job)
    return job
