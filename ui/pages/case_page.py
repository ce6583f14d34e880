"""A casework list (联席会议, 问题整改, 投诉, 督查督办): the ledger page with its filters on a
row of their own, an "overdue only" switch, and rows coloured by lateness on the page's day.

The day is the page's `today` (the real date unless set): the overdue filter and the colours
both read it, so what is red is exactly what the filter keeps.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout

from app.db import Database
from app.services.listing import Listing
from ui.models.due_list_model import DueListModel
from ui.pages.ledger_page import LedgerPage
from ui.widgets.fields import CodeCombo


class CasePage(LedgerPage):
    model: DueListModel
    open_states: tuple[str, ...] = ()  # statuses whose deadline still counts
    deadline_key = "deadline"  # the listing column holding the deadline
    overdue_filter: str | None = "overdue_on"  # the listing filter taking a day, or None

    def __init__(
        self, db: Database, listing: Listing, headers: list[str], today: date | None = None,
        parent=None,
    ) -> None:  # fmt: skip
        self._first_day = today or date.today()
        super().__init__(db, listing, headers, parent)
        self.delete_button.setVisible(False)  # casework is closed (销号), never deleted
        self.filter_bar = QHBoxLayout()
        self.overdue_only = QCheckBox(QCoreApplication.translate("CasePage", "Overdue only"))
        self.overdue_only.setVisible(self.overdue_filter is not None)
        self.overdue_only.toggled.connect(self.apply_query)
        self.filter_bar.addStretch(1)
        self.filter_bar.addWidget(self.overdue_only)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, self.filter_bar)

    @property
    def today(self) -> date:
        return self.model.today

    def set_today(self, day: date) -> None:
        """Read lateness on `day` (tests, and a worker checking what will be late)."""
        self.model.set_today(day)
        self.apply_query()

    # --- LedgerPage hooks ---------------------------------------------------------------
    def make_model(self, listing: Listing, headers: list[str]) -> DueListModel:
        return DueListModel(
            self.db.reader, listing, headers, self.open_deadline, self._first_day, self
        )

    def open_deadline(self, values: dict[str, Any]) -> date | None:
        """The row's deadline while it is open, else None (done rows are never late)."""
        if values.get("status") in self.open_states:
            return values.get(self.deadline_key)
        return None

    def extra_filters(self) -> tuple[tuple[str, Any], ...]:
        if self.overdue_filter is None:
            return ()
        return ((self.overdue_filter, self.today if self.overdue_only.isChecked() else None),)

    def delete_selected(self) -> None:
        """Casework is closed (销号) or reopened, never deleted: the Delete key does nothing."""

    def add_filter(
        self, key: str, label: str, choices: list[tuple[str, str]], more: int = 0
    ) -> CodeCombo:
        """`more`: choices left out of a long list; the list's last line says how many."""
        combo = CodeCombo([])
        combo.set_choices([("", label), *choices], more)
        combo.setCurrentIndex(0)
        combo.setMaximumWidth(260)
        combo.currentIndexChanged.connect(self.apply_query)
        self.filters[key] = combo
        self.filter_bar.insertWidget(len(self.filters) - 1, combo)
        return combo
