"""楼栋: every building of the office's estates, to find one by estate or name and edit it. The
estate form edits the same rows as its sub-table; both go through app.services.buildings."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.db import Database
from app.services.buildings import BUILDINGS, delete_building
from ui.forms.building_form import BuildingForm
from ui.pages.ledger_page import LedgerPage


class BuildingsPage(LedgerPage):
    import_kind = "building"
    title = "楼栋台账"

    def __init__(self, db: Database, parent=None) -> None:  # type: ignore[no-untyped-def]
        headers = [
            self.tr("Estate"),
            self.tr("Building"),
            self.tr("Community"),
            self.tr("Floors"),
            self.tr("Households"),
            self.tr("Lift"),
        ]
        super().__init__(db, BUILDINGS, headers, parent)
        self.table.setColumnWidth(0, 180)
        self.table.setColumnWidth(1, 140)
        self.table.setColumnWidth(2, 140)

    def search_hint(self) -> str:
        return self.tr("Search building or estate (Ctrl+F)")

    def make_form(self, uuid: str | None) -> BuildingForm:
        return BuildingForm(self.db, uuid, self)

    def record_name(self, row: int) -> str:
        return f"{self.model.index(row, 0).data()} {self.model.index(row, 1).data()}"

    def delete_record(self, session: Session, uuid: str) -> None:
        delete_building(session, uuid)
