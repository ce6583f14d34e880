"""业主委员会: owners' committees and PMCs with their rosters."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from sqlalchemy.orm import Session

from app.codes import CommitteeKind, CommitteeStatus
from app.db import Database
from app.services.committees import COMMITTEES, delete_committee
from ui.forms.committee_account_form import CommitteeAccountForm
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
        # A period's 公共收益、维修资金使用、经费开支 of the chosen committee (task 4 公示).
        self.accounts_button = QPushButton(self.tr("Accounts…"))
        self.accounts_button.setToolTip(
            self.tr("Enter the selected committee's accounts of a period, for its public notice")
        )
        self.bar.insertWidget(self.bar.indexOf(self.delete_button) + 1, self.accounts_button)
        self.accounts_button.clicked.connect(self.new_accounts)
        self.table.selectionModel().selectionChanged.connect(self._update_accounts_button)
        self._update_accounts_button()

    def _update_accounts_button(self) -> None:
        self.accounts_button.setEnabled(self.selected_row() is not None)

    def new_accounts(self) -> CommitteeAccountForm | None:
        row = self.selected_row()
        if row is None:
            return None
        form = CommitteeAccountForm(self.db, None, self, committee=self.model.uuid_at(row))
        form.saved.connect(lambda _uuid: self.changed.emit())
        form.open()
        self.current_form = form
        return form

    def search_hint(self) -> str:
        return self.tr("Search estate or community (Ctrl+F)")

    def make_form(self, uuid: str | None) -> CommitteeForm:
        return CommitteeForm(self.db, uuid, self)

    def delete_record(self, session: Session, uuid: str) -> None:
        delete_committee(session, uuid)
