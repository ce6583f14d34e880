"""The records a form's own record owns (an estate's contracts, a company's staff): a short
list with New, Edit and Delete, each opening or asking in the owning form. One widget, so the
estate and company forms look and behave alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ui.widgets.plain_table import PlainTable


class RecordList(QWidget):
    new_requested = Signal()
    edit_requested = Signal(object)  # the row's key
    delete_requested = Signal(object)

    def __init__(self, headers: Sequence[str], new: str, edit: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.table = PlainTable(headers)
        self.new_button = QPushButton(new)
        self.edit_button = QPushButton(edit)
        self.delete_button = QPushButton(QCoreApplication.translate("RecordList", "Delete"))
        buttons = QVBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        self.new_button.clicked.connect(self.new_requested)
        self.edit_button.clicked.connect(self._edit)
        self.table.doubleClicked.connect(lambda _index: self._edit())
        self.delete_button.clicked.connect(self._ask_delete)

    def set_rows(self, rows: Sequence[Sequence[Any]], keys: Sequence[Any]) -> None:
        self.table.set_rows(rows, keys)

    def texts(self) -> list[list[str]]:
        return self.table.texts()

    def _edit(self) -> None:
        if (key := self.table.selected_key()) is not None:
            self.edit_requested.emit(key)

    def _ask_delete(self) -> None:
        key = self.table.selected_key()
        if key is None:
            return
        rows = self.table.selectionModel().selectedRows()
        name = self.table.item(rows[0].row(), 0).text() if rows else ""
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("RecordList", "Delete"),
            QCoreApplication.translate(
                "RecordList",
                "Delete “%1”? It stays in the history and is reported upward as deleted.",
            ).replace("%1", name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_requested.emit(key)
