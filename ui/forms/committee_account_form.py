"""A committee's accounts for one period (公共收益、维修资金使用、经费开支): lines typed in 元,
stored in fen by app.services.committee_accounts, the service the 公示 print reads."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
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
from sqlalchemy.orm import Session

from app.db import Database
from app.rules.committee_accounts import (
    SECTIONS,
    LineIn,
    parse_yuan,
    section_total,
    yuan,
)
from app.services.committee_accounts import AccountIn, get_account, save_account
from app.services.committee_records import committee_choices
from ui.forms.form_dialog import FormDialog
from ui.widgets.field_error import error_label
from ui.widgets.fields import CodeCombo

SECTION, ITEM, AMOUNT, NOTE = range(4)


class CommitteeAccountForm(FormDialog):
    record_table = "committee_account"

    def __init__(
        self,
        db: Database,
        uuid: str | None = None,
        parent: QWidget | None = None,
        *,
        committee: str = "",
    ):
        super().__init__(db, uuid, parent)
        self.setWindowTitle(self.tr("Committee accounts") if uuid else self.tr("New accounts"))
        self.setMinimumWidth(680)
        with db.reader() as session:
            loaded = get_account(session, uuid) if uuid else AccountIn(committee_uuid=committee)
            choices = committee_choices(session, limit=10_000)
        picker = QWidget()
        row = QHBoxLayout(picker)
        row.setContentsMargins(0, 0, 0, 0)
        self.committee_search = QLineEdit()
        self.committee_search.setPlaceholderText(self.tr("Type to find an estate"))
        self.committee = CodeCombo(choices)
        row.addWidget(self.committee_search, 1)
        row.addWidget(self.committee, 2)
        self.add_field("committee_uuid", self.tr("Committee"), picker)
        self.fields["committee_uuid"] = self.committee
        self.committee_search.textChanged.connect(self.find_committees)
        self.period = self.add_field("period", self.tr("Period"), QLineEdit())
        self.period.setPlaceholderText(self.tr("e.g. 2026-Q3, 2026-H1, 2026-07 or 2026"))
        self.notes = self.add_field("notes", self.tr("Notes"), QLineEdit())

        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.lines = QTableWidget(0, 4)
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Section"), self.tr("Item"), self.tr("Amount (yuan)"), self.tr("Note")]
        )
        self.lines.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.verticalHeader().setVisible(False)
        self.lines.setMinimumHeight(220)
        buttons = QHBoxLayout()
        self.add_line_button = QPushButton(self.tr("Add line"))
        self.remove_line_button = QPushButton(self.tr("Remove line"))
        self.totals = QLabel()
        buttons.addWidget(self.add_line_button)
        buttons.addWidget(self.remove_line_button)
        buttons.addStretch(1)
        buttons.addWidget(self.totals)
        column.addWidget(self.lines)
        column.addLayout(buttons)
        self.lines_error = error_label()
        column.addWidget(self.lines_error)
        self.extra.addWidget(box)
        self.fields["lines"] = self.lines
        self.errors["lines"] = self.lines_error
        self.add_line_button.clicked.connect(lambda: self.add_line(LineIn(SECTIONS[0][0], "", 0)))
        self.remove_line_button.clicked.connect(self.remove_selected_line)
        self.lines.itemChanged.connect(self.update_totals)

        self.committee.set_value(loaded.committee_uuid)
        if self.committee.currentIndex() < 0 and self.committee.count():
            self.committee.setCurrentIndex(0)
        self.period.setText(loaded.period)
        self.notes.setText(loaded.notes)
        for line in loaded.lines:
            self.add_line(line)
        self.update_totals()

    def find_committees(self, text: str) -> None:
        with self.db.reader() as session:
            choices = committee_choices(session, text)
        self.committee.set_choices(choices, 0)
        if self.committee.currentIndex() < 0 and self.committee.count():
            self.committee.setCurrentIndex(0)

    # --- lines --------------------------------------------------------------------------
    def add_line(self, line: LineIn) -> int:
        row = self.lines.rowCount()
        self.lines.blockSignals(True)
        self.lines.insertRow(row)
        section = CodeCombo(list(SECTIONS))
        section.set_value(line.section)
        section.currentIndexChanged.connect(self.update_totals)
        self.lines.setCellWidget(row, SECTION, section)
        self.lines.setItem(row, ITEM, QTableWidgetItem(line.item))
        self.lines.setItem(row, AMOUNT, QTableWidgetItem(yuan(line.amount_fen) if line.amount_fen
                                                         else ""))  # fmt: skip
        self.lines.setItem(row, NOTE, QTableWidgetItem(line.note))
        self.lines.blockSignals(False)
        self.update_totals()
        return row

    def remove_selected_line(self) -> None:
        for row in sorted({i.row() for i in self.lines.selectedIndexes()}, reverse=True):
            self.lines.removeRow(row)
        self.update_totals()

    def line_values(self) -> list[LineIn]:
        """The typed lines; an amount that is no number goes as 0, which the service refuses
        on its own row."""
        out = []
        for row in range(self.lines.rowCount()):
            section = self.lines.cellWidget(row, SECTION)
            assert isinstance(section, CodeCombo)
            cells = [self.lines.item(row, c) for c in (ITEM, AMOUNT, NOTE)]
            item, amount, note = (c.text() if c else "" for c in cells)
            out.append(LineIn(section.value(), item, parse_yuan(amount) or 0, note))
        return out

    def update_totals(self) -> None:
        lines = self.line_values()
        self.totals.setText(
            "  ".join(
                f"{label} {yuan(section_total(lines, section))}" for section, label in SECTIONS
            )
        )

    # --- save ---------------------------------------------------------------------------
    def value(self) -> AccountIn:
        return AccountIn(
            self.committee.value(), self.period.text(), self.notes.text(), self.line_values()
        )

    def collect(self) -> Callable[[Session], str]:
        uuid, value = self.uuid, self.value()
        return lambda session: save_account(session, uuid, value)

    def write(self, session: Session) -> str:
        return self.collect()(session)
