"""A record form: one transaction per save; problems shown at their field, in Chinese.

The form holds no rules: it builds the service's input from its widgets and shows what the
service refuses. The same checks therefore guard the CLI and the Excel import.

Saving is an operation (ui/ops.py): `collect()` reads the widgets on the GUI thread and
hands back the function `write` that runs on the database thread; refused input comes back
to the fields, any other failure (a locked or read-only database) to the line under them, and
the form stays open. Tests wait for `saved` or `refused`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import Problem
from ui.jobs import Failure
from ui.ops import Op
from ui.widgets.field_error import ProblemsDisplay, error_label, with_error


class FormDialog(QDialog):
    saved = Signal(str)
    refused = Signal()  # a save that did not happen: problems or a failure are shown
    opened = Signal(object)  # what a save went on to open (a linked form, a dialog)

    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.uuid = uuid
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._saving: Op | None = None
        self.setModal(True)
        self.setMinimumWidth(520)
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        self.extra = QVBoxLayout()
        outer.addLayout(self.extra)
        self.general_error = error_label()
        self.problems_display = ProblemsDisplay(self.general_error, self.errors)
        outer.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        """A row with the widget and, under it, the place its error message appears."""
        box, error = with_error(widget)
        self.form.addRow(label, box)
        self.fields[key] = widget
        self.errors[key] = error
        return widget

    # --- subclasses ---------------------------------------------------------------------
    def write(self, session: Session) -> str:
        """Save through a service and return the record's uuid; raise InputError to refuse.

        Runs on the database thread: read widgets only (the form is disabled meanwhile),
        never change them; or override `collect` to read them first."""
        raise NotImplementedError

    def collect(self) -> Callable[[Session], str]:
        """On the GUI thread, before a save: what the database thread runs."""
        return self.write

    def written(self, uuid: str) -> None:
        """On the GUI thread, after a save committed: show what the save gave (new ids)."""

    # --- saving -------------------------------------------------------------------------
    def save(self) -> None:
        self.store(lambda _uuid: self.accept())

    def store(self, then: Callable[[str], None] | None = None) -> Op | None:
        """Save and stay open, then `then(uuid)` (a form that goes on to open a linked
        record); None if a save is already running."""
        if self._saving is not None:
            return None
        self.clear_problems()
        write = self.collect()

        def saved(uuid: str) -> None:
            self.uuid = uuid
            self.written(uuid)
            self.saved.emit(uuid)
            if then is not None:
                then(uuid)

        def refused(problems: tuple[Problem, ...]) -> None:
            self.show_problems(problems)
            self.refused.emit()

        def failed(failure: Failure) -> None:
            self.problems_display.say(failure.message)
            self.refused.emit()

        op = Op(self, self.db.sessions, lambda session, _job: write(session), write=True)
        self._saving = op.success(saved).problems(refused).failure(failed).finally_(self._idle)
        self._set_busy(True)
        op.run()
        return op

    def busy(self) -> bool:
        """A save, or what it went on to do, is still running."""
        return bool(self.property("wuye_ops"))

    def _idle(self) -> None:
        self._saving = None
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def write_now(
        self, work: Callable[[Session], object], then: Callable[[], None] | None = None
    ) -> Op:
        """A write of the form's that is not its save (a linked record deleted at once): on the
        operation layer like the save, its refusal or failure said on the form."""
        self.clear_problems()
        op = Op(self, self.db.sessions, lambda session, _job: work(session), write=True)
        op.success(lambda _result: then() if then is not None else None)
        op.problems(self.show_problems)
        op.failure(lambda failure: self.problems_display.say(failure.message)).run()
        return op

    def clear_problems(self) -> None:
        self.problems_display.clear()

    def show_problems(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems_display.show(problems)
        first = next((k for k in self.fields if self.errors[k].isVisible()), None)
        if first:
            self.fields[first].setFocus(Qt.FocusReason.OtherFocusReason)
