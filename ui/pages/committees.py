"""业主委员会: owners' committees and PMCs with their rosters."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.codes import CommitteeKind, CommitteeStatus
from app.db import Database
from app.services.committees import COMMITTEES, delete_committee
from ui.forms.committee_form import CommitteeForm
from ui.pages.ledger_page import LedgerPage


class CommitteesPage(LedgerPage):
    import_kind = "committee"
    watches = frozenset({"committee", "committee_member", "estate"})
    title = "业主委员会台账"

    def __init__(self, db: Database, parent=None) -> None:
        headers = [
            self.tr("Estate"),
            self.tr("Community"),
            self.tr("Kind"),
            self.tr("Term"),
            self.tr("Term starts"),
            self.tr("Term ends"),
            self.tr("Members"),
            self.tr("Party share"),
            self.tr("Filed on"),
            self.tr("Status"),
        ]
        super().__init__(db, COMMITTEES, headers, parent)
        self.add_filter("kind", self.tr("All kinds"), CommitteeKind.choices())
        self.add_filter("status", self.tr("Any status"), CommitteeStatus.choices())
        self.table.setColumnWidth(0, 150)

    def search_hint(self) -> str:
        return self.tr("Search estate or community (Ctrl+F)")

    def make_form(self, uuid: str | None) -> CommitteeForm:
        return CommitteeForm(self.db, uuid, self)

    def delete_record(self, session: Session, uuid: str) -> None:
        delete_committee(session, uuid)
