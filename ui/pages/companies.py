"""物业企业: property service companies."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy.orm import Session

from app.codes import MarketStatus, PartyOrg
from app.db import Database
from app.services.companies import COMPANIES, delete_company
from ui.forms.company_form import CompanyForm
from ui.pages.ledger_page import LedgerPage


class CompaniesPage(LedgerPage):
    import_kind = "company"
    import_kinds = ("staff", "contract")
    watches = frozenset({"property_company", "company_staff", "service_contract"})
    title = "物业服务企业台账"

    def __init__(self, db: Database, parent=None) -> None:
        headers = [
            self.tr("Company"),
            self.tr("Credit code"),
            self.tr("Legal representative"),
            self.tr("Contact"),
            self.tr("Contact phone"),
            self.tr("Party organisation"),
            self.tr("Market status"),
        ]
        super().__init__(db, COMPANIES, headers, parent)
        self.add_filter("party_org", self.tr("Any party organisation"), PartyOrg.choices())
        self.add_filter("market_status", self.tr("Any market status"), MarketStatus.choices())
        self.table.setColumnWidth(0, 240)
        self.table.setColumnWidth(1, 170)
        # 信用档案 beside Edit: Enter and a double-click stay the company form.
        self.credit_button = QPushButton(self.tr("Credit record…"))
        self.bar.insertWidget(self.bar.indexOf(self.delete_button) + 1, self.credit_button)
        self.credit_button.clicked.connect(self.open_credit)
        self.credit_dialog = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "credit_button"):
            self.credit_button.setEnabled(self.selected_row() is not None)

    def open_credit(self):  # type: ignore[no-untyped-def]
        """信用档案 of the selected company (ui/dialogs/credit_dialog.py, loaded on first use)."""
        row = self.selected_row()
        if row is None:
            return None
        from ui.dialogs.credit_dialog import CreditDialog

        dialog = CreditDialog(self.db, self.model.uuid_at(row), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # not one per opening left
        dialog.open()
        self.credit_dialog = dialog
        return dialog

    def search_hint(self) -> str:
        return self.tr("Search company, credit code or legal representative (Ctrl+F)")

    def make_form(self, uuid: str | None) -> CompanyForm:
        return CompanyForm(self.db, uuid, self)

    def delete_record(self, session: Session, uuid: str) -> None:
        delete_company(session, uuid, today=date.today())
