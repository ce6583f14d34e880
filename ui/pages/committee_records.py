"""业主委员会 履职清单 and 负面清单 (task 4): two lists in tabs, each with its form, its Excel
import (kinds duty and negative) and export in the import template's shape."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.db import Database
from app.models import DutyRecord, NegativeRecord
from app.services.committee_records import delete_record
from app.services.ledger_exports import DUTY_LIST, NEGATIVE_LIST
from ui.forms.committee_record_forms import DutyForm, NegativeForm
from ui.pages.ledger_page import LedgerPage


class DutyPage(LedgerPage):
    import_kind = "duty"
    watches = frozenset({"duty_record", "committee", "estate"})
    title = "业主委员会履职清单"

    def __init__(self, db: Database, parent=None) -> None:
        headers = [self.tr("Community"), self.tr("Estate"), self.tr("Term"), self.tr("Date"),
                   self.tr("Duty"), self.tr("Details")]  # fmt: skip
        super().__init__(db, DUTY_LIST, headers, parent)

    def search_hint(self) -> str:
        return self.tr("Search estate or category (Ctrl+F)")

    def make_form(self, uuid: str | None) -> DutyForm:
        return DutyForm(self.db, uuid, self)

    def delete_record(self, session: Session, uuid: str) -> None:
        delete_record(session, DutyRecord, uuid)


class NegativePage(LedgerPage):
    import_kind = "negative"
    watches = frozenset({"negative_record", "committee", "committee_member", "estate"})
    title = "业主委员会负面清单"

    def __init__(self, db: Database, parent=None) -> None:
        headers = [self.tr("Community"), self.tr("Estate"), self.tr("Term"), self.tr("Date"),
                   self.tr("Breach"), self.tr("Details"), self.tr("Member concerned"),
                   self.tr("Measure"), self.tr("Handled on"), self.tr("Handling")]  # fmt: skip
        super().__init__(db, NEGATIVE_LIST, headers, parent)

    def search_hint(self) -> str:
        return self.tr("Search estate or category (Ctrl+F)")

    def make_form(self, uuid: str | None) -> NegativeForm:
        return NegativeForm(self.db, uuid, self)

    def delete_record(self, session: Session, uuid: str) -> None:
        delete_record(session, NegativeRecord, uuid)


class CommitteeRecordsPage(QWidget):
    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.duties = DutyPage(db)
        self.negatives = NegativePage(db)
        self.tabs.addTab(self.duties, self.tr("Duty list (履职清单)"))
        self.tabs.addTab(self.negatives, self.tr("Negative list (负面清单)"))
        QVBoxLayout(self).addWidget(self.tabs)
