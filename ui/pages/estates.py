"""小区台账: the estate ledger."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.codes import ManagementType
from app.db import Database
from app.services.estates import ESTATES, delete_estate
from app.services.offices import communities
from ui.forms.estate_form import EstateForm
from ui.pages.ledger_page import LedgerPage


class EstatesPage(LedgerPage):
    import_kind = "estate"
    import_kinds = ("building", "contract")
    watches = frozenset({"estate", "building", "service_contract", "property_company", "org"})
    title = "小区台账"

    def __init__(self, db: Database, parent=None) -> None:
        headers = [
            self.tr("Estate"),
            self.tr("Community"),
            self.tr("Address"),
            self.tr("Management type"),
            self.tr("Households"),
            self.tr("Buildings"),
            self.tr("Floor area (m²)"),
            self.tr("Year built"),
            self.tr("Old estate"),
            self.tr("Current company"),
        ]
        super().__init__(db, ESTATES, headers, parent)
        with db.reader() as session:
            community_choices = communities(session)
        self.add_filter("management_type", self.tr("All types"), ManagementType.choices())
        self.add_filter("community", self.tr("All communities"), community_choices)
        self.table.setColumnWidth(0, 160)
        self.table.setColumnWidth(2, 220)
        self.table.setColumnWidth(3, 120)

    def search_hint(self) -> str:
        return self.tr("Search estate, address or community (Ctrl+F)")

    def make_form(self, uuid: str | None) -> EstateForm:
        return EstateForm(self.db, uuid, self)

    def delete_record(self, session: Session, uuid: str) -> None:
        delete_estate(session, uuid)
