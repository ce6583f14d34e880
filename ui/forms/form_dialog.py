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
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
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
from app.db.sync import utc_now
from app.drafts import discard_draft, draft_path, write_draft
from app.errors import Problem
from app.rules.roles import may_unmask, may_write, write_refusal
from app.services.audit_log import record_unmask
from ui.forms.draft_fields import field_values, restore_values, watch
from ui.jobs import Failure
from ui.ops import Op
from ui.widgets.field_error import ProblemsDisplay, error_label, with_error
from ui.widgets.personal_edit import PersonalEdit


class FormDialog(QDialog):
    # The record's table, named in the audit row of a reveal of its personal fields.
    record_table = ""
    # Unsaved edits kept as a draft in the user's folder (app/drafts.py) and offered back
    # after a crash; a form that cannot be reopened as (db, uuid) says False.
    keeps_drafts = True
    DRAFT_DELAY_MS = 800  # after the last edit: typing does not write a file per key
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
        self.personal: list[PersonalEdit] = []
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(self.DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self._draft_baseline: dict[str, Any] | None = None
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
        self.history_button = self.buttons.addButton(
            self.tr("History…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.history_button.clicked.connect(self.show_history)
        self.history_button.setEnabled(uuid is not None)
        # Personal fields load masked; 录入员 and 管理员 may show them in clear, audited.
        self.reveal_button = self.buttons.addButton(
            self.tr("Show personal data"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.reveal_button.clicked.connect(self.reveal_personal)
        self.reveal_button.setVisible(False)
        if not may_write(db.context.role):  # 查看, or signed out: the services refuse anyway
            refusal = write_refusal(db.context.role, db.context.actor)
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(refusal)
            note = QLabel(refusal)
            note.setObjectName("wuye_read_only")
            note.setWordWrap(True)
            note.setStyleSheet("color: #555;")
            outer.insertWidget(outer.count() - 1, note)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    def add_field(self, key: str, label: str, widget: QWidget) -> QWidget:
        """A row with the widget and, under it, the place its error message appears."""
        box, error = with_error(widget)
        self.form.addRow(label, box)
        self.fields[key] = widget
        self.errors[key] = error
        if isinstance(widget, PersonalEdit):
            self.personal.append(widget)
            widget.masking_changed.connect(self.update_reveal)
        return widget

    # --- drafts -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._draft_baseline is None:
            self.track_drafts()

    def track_drafts(self) -> None:
        """From now on an edit is kept as a draft: the fields as loaded are the baseline."""
        if not self.keeps_drafts or self.db.on_server or self._draft_baseline is not None:
            return
        self._draft_baseline = field_values(self.fields)
        watch(self.fields, self._draft_timer.start)

    def draft_form(self) -> str:
        return f"{type(self).__module__}:{type(self).__qualname__}"

    def keep_draft(self) -> Path | None:
        """Write the fields to the draft if they differ from what was loaded (or saved)."""
        if self._draft_baseline is None:
            return None
        values = field_values(self.fields)
        if values == self._draft_baseline:
            self.discard_draft()
            return None
        try:
            return write_draft(self.db.path, self.draft_form(), self.uuid, self.windowTitle(),
                               values, now=datetime.now())  # fmt: skip
        except OSError:  # a full or read-only user folder: the form itself still works
            return None

    def discard_draft(self) -> None:
        self._draft_timer.stop()
        if self.keeps_drafts and not self.db.on_server:
            discard_draft(draft_path(self.db.path, self.draft_form(), self.uuid))

    def restore_draft(self, values: dict[str, Any]) -> None:
        """A draft offered back after a crash: the fields as they were, kept as a draft."""
        self.track_drafts()
        restore_values(self.fields, values)
        self.keep_draft()

    def reject(self) -> None:
        """Cancel drops the edits on purpose: their draft goes too."""
        self.discard_draft()
        super().reject()

    # --- personal data ------------------------------------------------------------------
    def masked_fields(self) -> list[str]:
        """The personal fields shown masked now (a form with a roster adds its own)."""
        return [w.field for w in self.personal if w.masked()]

    def unmask(self) -> None:
        """Show every masked personal field in clear (after the reveal was audited)."""
        for widget in self.personal:
            widget.reveal()

    def update_reveal(self) -> None:
        """The reveal button: only for a role that may see personal data in clear, and only
        while something is masked."""
        allowed = may_unmask(self.db.context.role) and self.uuid is not None
        self.reveal_button.setVisible(bool(allowed and self.masked_fields()))

    def reveal_personal(self) -> Op | None:
        """显示个人信息: the audit row ("unmasked X of record Y") commits first, then the
        fields show in clear; a role that may not is refused by the service, on the form."""
        fields = self.masked_fields()
        if self.uuid is None or not fields:
            return None
        table, row = self.record_table, self.uuid

        def audit(session: Session, _job: object) -> None:
            record_unmask(session, table=table, row=row, fields=fields, now=utc_now())

        def shown(_result: object) -> None:
            self.unmask()
            self.update_reveal()

        return self.write_now_op(audit, shown)

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
        if not may_write(self.db.context.role):  # signed out or 查看 since the form opened
            self.problems_display.say(write_refusal(self.db.context.role, self.db.context.actor))
            self.refused.emit()
            return None
        write = self.collect()

        def saved(uuid: str) -> None:
            self.discard_draft()  # the new record's draft was filed under no uuid
            self.uuid = uuid
            if self._draft_baseline is not None:
                self._draft_baseline = field_values(self.fields)
            self.history_button.setEnabled(True)
            self.update_reveal()
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

    def show_history(self) -> QDialog | None:
        """修改记录: this record's own audit rows, read on the operation layer."""
        if self.uuid is None:
            return None
        from ui.dialogs.record_history import RecordHistoryDialog

        dialog = RecordHistoryDialog(self.db, self.uuid, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.load()
        return dialog

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
        return self.write_now_op(
            lambda session, _job: work(session),
            lambda _result: then() if then is not None else None,
        )

    def write_now_op(
        self, work: Callable[[Session, object], object], then: Callable[[object], None]
    ) -> Op:
        self.clear_problems()
        op = Op(self, self.db.sessions, work, write=True)
        op.success(then)
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
