"""The window's one operation layer: every write and every slow read goes through an `Op`.

An Op runs a function of a Session on the database pool (ui/jobs.py: one thread, so one
writer), off the GUI thread, and hands its outcome back on the GUI thread: the result to
`success`; refused input (`InputError`) to `problems`, which a form shows at its fields; a
known failure (locked or read-only database, a file that cannot be written) as one Chinese
line; a bug logged with its traceback and said in one Chinese line. A write announces the
tables it changed on the application's `Changes` hub before `success` runs, so every open page
showing those tables refreshes itself; pages never call each other.

Learned from Anki's CollectionOp/QueryOp (qt/aqt/operations/__init__.py: an op is built,
given callbacks, then run in the background; its changes go to a hook each screen listens
to) and Picard's run_task (picard/util/thread.py: the result or the exception is posted back
to the main thread, tracebacks logged, never lost).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import Problem
from ui.job_progress import attach_progress
from ui.jobs import ALL_TABLES, Failure, Job, Work, submit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

__all__ = ["ALL_TABLES", "Changes", "Op", "changes", "show_failure"]


class Changes(QObject):
    """App-wide: the tables a write changed ("*": anything), for pages to refresh from."""

    tables_changed = Signal(object)  # frozenset[str]

    def announce(self, tables: Iterable[str]) -> None:
        tables = frozenset(tables)
        if tables:
            self.tables_changed.emit(tables)


def changes() -> Changes:
    """The application's hub (one per QApplication, made on first use)."""
    app = QCoreApplication.instance()
    assert app is not None, "the application must exist before the changes hub"
    hub = app.findChild(Changes, "wuye_changes")
    if hub is None:
        hub = Changes(app)
        hub.setObjectName("wuye_changes")
    return hub


def touches(changed: frozenset[str], watched: Iterable[str]) -> bool:
    """Whether a change concerns a page that shows `watched` tables."""
    return "*" in changed or not changed.isdisjoint(watched)


def show_failure(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """A failure's message in a window-modal box, opened without blocking (tests find it as
    the parent's child `wuye_failure`)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)  # fmt: skip
    box.setObjectName("wuye_failure")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


_RUNNING: set[Op] = set()


class Op:
    """One write or slow read, built then run: `Op(parent, db.sessions, work, write=True)
    .success(done).problems(show).run()`. `work(session, job)` runs off the GUI thread and
    must neither touch widgets nor return ORM objects (plain values only)."""

    def __init__(
        self,
        parent: QWidget,
        sessions: sessionmaker[Session],
        work: Work,
        *,
        write: bool = False,
        tables: Iterable[str] = (),
        title: str = "",
    ) -> None:
        self.parent = parent
        self.job = Job(sessions, work, write=write, tables=tables, owner=parent)
        self._setup(title)

    @classmethod
    def of(cls, parent: QWidget, job: Job, title: str = "") -> Op:
        """An op over a job already made (pages that keep their Job to cancel or test it)."""
        op = cls.__new__(cls)
        op.parent = parent
        op.job = job
        op._setup(title)
        return op

    def _setup(self, title: str) -> None:
        self.title = title or QCoreApplication.translate("Op", "Not done")
        self._success: Callable[[Any], None] | None = None
        self._problems: Callable[[tuple[Problem, ...]], None] | None = None
        self._failure: Callable[[Failure], None] | None = None
        self._finally: Callable[[], None] | None = None
        self._cancelled: Callable[[], None] | None = None
        self._progress: str | None = None

    # --- building -------------------------------------------------------------------------
    def success(self, callback: Callable[[Any], None]) -> Op:
        self._success = callback
        return self

    def problems(self, callback: Callable[[tuple[Problem, ...]], None]) -> Op:
        """Refused input goes here (shown at the fields) instead of a message box."""
        self._problems = callback
        return self

    def failure(self, callback: Callable[[Failure], None]) -> Op:
        """Any failure goes here instead of a message box (a form shows it in its own line)."""
        self._failure = callback
        return self

    def finally_(self, callback: Callable[[], None]) -> Op:
        """Runs last, whatever the outcome: the caller becomes idle."""
        self._finally = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Op:
        self._cancelled = callback
        return self

    def with_progress(self, label: str) -> Op:
        """A progress dialog with Cancel, shown if the work takes more than half a second."""
        self._progress = label
        self.title = label
        return self

    # --- running --------------------------------------------------------------------------
    def run(self) -> Job:
        signals = self.job.ends  # heard even once the parent is gone: the op must end
        signals.finished.connect(self._finished)
        signals.failure.connect(self._failed)
        signals.cancelled.connect(self._was_cancelled)
        if self._progress is not None:
            attach_progress(self.parent, self.job, self._progress)
        running = self.parent.property("wuye_ops") or []  # keep the op alive while it runs
        self.parent.setProperty("wuye_ops", [*running, self])
        _RUNNING.add(self)  # alive until it ends, even if its widget is closed first
        submit(self.job)  # not jobs.start: the op announces, before `success`
        return self.job

    def _parent_gone(self) -> bool:
        """The widget that started the op was closed and deleted meanwhile: nothing to show."""
        return not shiboken6.isValid(self.parent)

    def _done(self) -> None:
        _RUNNING.discard(self)
        if self._parent_gone():
            return
        running = self.parent.property("wuye_ops") or []
        self.parent.setProperty("wuye_ops", [op for op in running if op is not self])
        if self._finally is not None:
            self._finally()

    def _finished(self, result: Any) -> None:
        try:
            changes().announce(self.job.changed)  # pages refresh before the caller goes on
            if self._success is not None and not self._parent_gone():
                self._success(result)
        finally:
            self._done()

    def _failed(self, failure: Failure) -> None:
        try:
            if self._parent_gone():
                return  # the failure is already in the log if it was a bug
            if failure.problems and self._problems is not None:
                self._problems(failure.problems)
            elif self._failure is not None:
                self._failure(failure)
            else:
                show_failure(self.parent, self.title, failure.message)
        finally:
            self._done()

    def _was_cancelled(self) -> None:
        try:
            if self._cancelled is not None and not self._parent_gone():
                self._cancelled()
        finally:
            self._done()
