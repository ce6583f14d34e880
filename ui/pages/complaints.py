"""投诉: complaints with intake, response and closure times; filters by handling state,
estate and company. Complaints carry no deadline yet (DOMAIN.md §7: `complaint_sla_days` is
undefined), so this list has no overdue filter or colour."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.db import Database
from app.services.companies import company_choices
from app.services.complaints import COMPLAINTS
from app.services.estates import estate_matches
from ui.forms.complaint_form import ComplaintForm
from ui.pages.case_page import CasePage
from ui.widgets.fields import CodeCombo

OPEN, CLOSED = "open", "closed"


class ComplaintsPage(CasePage):
    watches = frozenset({"complaint", "problem"})
    title = "投诉台账"
    overdue_filter = None

    def __init__(self, db: Database, today: date | None = None, parent=None) -> None:
        headers = [
            self.tr("Received"),
            self.tr("Channel"),
            self.tr("Category"),
            self.tr("Complaint"),
            self.tr("Estate"),
            self.tr("First response"),
            self.tr("Closed"),
            self.tr("Satisfaction"),
        ]
        super().__init__(db, COMPLAINTS, headers, today, parent)
        with db.reader() as session:
            estates = estate_matches(session, limit=2000)
            companies = company_choices(session)
        self.state = CodeCombo(
            [
                ("", self.tr("Open and closed")),
                (OPEN, self.tr("Open only")),
                (CLOSED, self.tr("Closed only")),
            ]
        )
        self.state.currentIndexChanged.connect(self.apply_query)
        self.filter_bar.insertWidget(0, self.state)
        self.add_filter("estate", self.tr("All estates"), estates.choices, estates.more)
        self.add_filter("company", self.tr("All companies"), companies)
        for column, width in ((0, 130), (3, 240), (5, 130), (6, 130)):
            self.table.setColumnWidth(column, width)

    def extra_filters(self) -> tuple[tuple[str, Any], ...]:
        state = self.state.value() if hasattr(self, "state") else ""
        return (("open", None if not state else state == OPEN),)

    def add_filter(
        self, key: str, label: str, choices: list[tuple[str, str]], more: int = 0
    ) -> CodeCombo:
        combo = super().add_filter(key, label, choices, more)
        self.filter_bar.removeWidget(combo)  # after the state box
        self.filter_bar.insertWidget(len(self.filters), combo)
        return combo

    def search_hint(self) -> str:
        return self.tr("Search complaint or outcome (Ctrl+F)")

    def make_form(self, uuid: str | None) -> ComplaintForm:
        return ComplaintForm(self.db, uuid, self, today=self.today)
