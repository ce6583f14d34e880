"""One candidate's eligibility checks (推荐关、审核关): passed or not, who checked, when.

The dialog only edits the list; the committee form saves it with the roster, where the
service refuses to seat a member whose checks are not all passed (app/rules/vetting.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules.vetting import CHECKS, STAGE_LABELS, CheckIn
from ui.widgets.fields import OptionalDateEdit

STAGE, ITEM, PASSED, CHECKED_BY, CHECKED_ON = range(5)


class VettingDialog(QDialog):
    def __init__(self, name: str, checks: list[CheckIn], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Eligibility checks: %1").replace("%1", name))
        self.setMinimumWidth(760)
        recorded = {c.item: c for c in checks}
        self.notes = {c.item: c.note for c in checks}
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("A member is seated only when every check is recorded as passed."))
        )

        # Most checks of one stage are done by one body on one day: fill them in once.
        quick = QHBoxLayout()
        self.quick_by = QLineEdit()
        self.quick_by.setPlaceholderText(self.tr("Checked by"))
        self.quick_on = OptionalDateEdit()
        self.quick_on.set_value(date.today())
        self.fill_button = QPushButton(self.tr("Fill empty rows"))
        quick.addWidget(self.quick_by, 2)
        quick.addWidget(self.quick_on, 1)
        quick.addWidget(self.fill_button)
        layout.addLayout(quick)

        self.table = QTableWidget(len(CHECKS), 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Stage"),
                self.tr("Condition"),
                self.tr("Passed"),
                self.tr("Checked by"),
                self.tr("Checked on"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for row, item in enumerate(CHECKS):
            check = recorded.get(item.code)
            for column, text in ((STAGE, STAGE_LABELS[item.stage]), (ITEM, item.label)):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, cell)
            passed = QTableWidgetItem()
            passed.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            passed.setCheckState(
                Qt.CheckState.Checked if check and check.passed else Qt.CheckState.Unchecked
            )
            self.table.setItem(row, PASSED, passed)
            self.table.setItem(row, CHECKED_BY, QTableWidgetItem(check.checked_by if check else ""))
            when = OptionalDateEdit()
            when.set_value(check.checked_on if check else None)
            self.table.setCellWidget(row, CHECKED_ON, when)
        self.table.setMinimumHeight(240)
        layout.addWidget(self.table)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fill_button.clicked.connect(self.fill_empty)

    def date_edit(self, row: int) -> OptionalDateEdit:
        edit = self.table.cellWidget(row, CHECKED_ON)
        assert isinstance(edit, OptionalDateEdit)
        return edit

    def fill_empty(self) -> None:
        """Checker and date into the rows that have neither; ticks stay the worker's call."""
        for row in range(self.table.rowCount()):
            by = self.table.item(row, CHECKED_BY)
            if by is not None and not by.text().strip() and self.quick_by.text().strip():
                by.setText(self.quick_by.text().strip())
            if self.date_edit(row).value() is None:
                self.date_edit(row).set_value(self.quick_on.value())

    def set_passed(self, row: int, passed: bool) -> None:
        item = self.table.item(row, PASSED)
        assert item is not None
        item.setCheckState(Qt.CheckState.Checked if passed else Qt.CheckState.Unchecked)

    def checks(self) -> list[CheckIn]:
        """Rows the worker touched (ticked, or given a checker or date); untouched rows are
        not recorded, so "not yet checked" stays apart from "checked and failed"."""
        result = []
        for row, item in enumerate(CHECKS):
            passed = self.table.item(row, PASSED)
            by = self.table.item(row, CHECKED_BY)
            ticked = bool(passed and passed.checkState() == Qt.CheckState.Checked)
            who = by.text().strip() if by else ""
            when = self.date_edit(row).value()
            if ticked or who or when:
                result.append(CheckIn(item.code, ticked, who, when, self.notes.get(item.code, "")))
        return result
