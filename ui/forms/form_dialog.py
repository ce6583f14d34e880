"""A record form: one transaction per save; problems shown at their field, in Chinese.

The form holds no rules: it builds the service's input from its widgets and shows what the
service refuses. The same checks therefore guard the CLI and the Excel import.
"""

from __future__ import annotations

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
from app.errors import InputError, Problem, WuyeError
from ui.widgets.field_error import error_label, with_error


class FormDialog(QDialog):
    saved = Signal(str)

    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.uuid = uuid
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.setModal(True)
        self.setMinimumWidth(520)
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        self.extra = QVBoxLayout()
        outer.addLayout(self.extra)
        self.general_error = error_label()
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
        """Save through a service and return the record's uuid; raise InputError to refuse."""
        raise NotImplementedError

    # --- saving -------------------------------------------------------------------------
    def save(self) -> None:
        if self.store() is not None:
            self.accept()

    def store(self) -> str | None:
        """Save and stay open (a form that goes on to open a linked record); None if refused."""
        self.clear_problems()
        try:
            with self.db.sessions.begin() as session:
                uuid = self.write(session)
        except InputError as exc:
            self.show_problems(exc.problems)
            return None
        except WuyeError as exc:
            self.show_problems([Problem("", str(exc))])
            return None
        self.uuid = uuid
        self.saved.emit(uuid)
        return uuid

    def clear_problems(self) -> None:
        for label in [*self.errors.values(), self.general_error]:
            label.clear()
            label.setVisible(False)

    def show_problems(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        by_label: dict[QLabel, list[str]] = {}
        for problem in problems:
            # "members.2.phone" belongs under the roster: match on the leading part too.
            label = self.errors.get(problem.field) or self.errors.get(
                problem.field.split(".")[0], self.general_error
            )
            by_label.setdefault(label, []).append(problem.message)
        for label, messages in by_label.items():
            label.setText("；".join(messages))
            label.setVisible(True)
        first = next((k for k in self.fields if self.errors[k].isVisible()), None)
        if first:
            self.fields[first].setFocus(Qt.FocusReason.OtherFocusReason)
