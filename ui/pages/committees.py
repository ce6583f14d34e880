"""业主委员会: owners' committees and PMCs with their rosters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton
from sqlalchemy.orm import Session

from app.codes import CommitteeKind, CommitteeStatus
from app.db import Database
from app.services.committees import COMMITTEES, delete_committee
from ui.forms.committee_account_form import CommitteeAccountForm
from ui.forms.committee_form import CommitteeForm
from ui.jobs import Job
from ui.ops import Op
from ui.pages.ledger_page import LedgerPage
from ui.widgets.pdf_output import ask_pdf_path


class CommitteesPage(LedgerPage):
    import_kind = "committee"
    watches = frozenset({"committee", "committee_member", "estate"})
    title = "业主委员会台账"
    accounts_printed = Signal(str)  # the 公示's title and version, said under the list

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
        # The accounts' 公示 as the next version (masked always: it goes on the wall, so a
        # 查看 account prints it too).
        self.print_accounts_button = QPushButton(self.tr("Print accounts notice…"))
        self.print_accounts_button.setToolTip(
            self.tr("Print the selected committee's accounts of a period as a public notice")
        )
        self.bar.insertWidget(self.bar.indexOf(self.accounts_button) + 1,
                              self.print_accounts_button)  # fmt: skip
        self.print_accounts_button.clicked.connect(self.choose_accounts_print)
        self.accounts_printed.connect(self.count_label.setText)
        self.table.selectionModel().selectionChanged.connect(self._update_accounts_button)
        self.model.modelReset.connect(self._update_accounts_button)
        self._update_accounts_button()

    def _update_accounts_button(self) -> None:
        chosen = self.selected_row() is not None
        self.accounts_button.setEnabled(chosen)
        self.print_accounts_button.setEnabled(chosen)

    def accounts_of_selected(self) -> list[tuple[str, str]]:
        from app.services.committee_accounts import account_choices

        row = self.selected_row()
        if row is None:
            return []
        with self.db.reader() as session:
            return account_choices(session, self.model.uuid_at(row))

    def choose_accounts_print(self) -> None:
        title = self.tr("Print accounts notice")
        choices = self.accounts_of_selected()
        if not choices:
            none = self.tr("This committee has no accounts yet: enter a period's with Accounts…")
            QMessageBox.information(self, title, none)
            return
        labels = [label for _, label in choices]
        label, ok = QInputDialog.getItem(self, title, self.tr("Period"), labels, 0, False)
        if not ok:
            return
        uuid = choices[labels.index(label)][0]
        target = ask_pdf_path(self, "账目公示.pdf")
        if target is not None:
            self.print_accounts(uuid, target)

    def print_accounts(self, account_uuid: str, out: Path) -> Job:
        """Plan, draw and record in one write off the GUI thread: no version without the PDF."""
        from datetime import date

        today = date.today()

        def work(session: Session, _job: Job) -> str:
            from app.services.committee_accounts import (
                plan_accounts_notice,
                record_accounts_print,
            )
            from reports.pdf.committee_accounts import draw_accounts_notice
            from reports.pdf.fonts import configured_fonts

            content = plan_accounts_notice(session, account_uuid=account_uuid, today=today)
            draw_accounts_notice(content, out, fonts=configured_fonts())
            record_accounts_print(session, content)
            return f"{content.title}（第{content.version}版）：{out}"

        op = Op(self, self.db.sessions, work, write=True, tables=("committee_account_print",),
                title=self.tr("Print accounts notice"))  # fmt: skip
        return op.success(self.accounts_printed.emit).run()

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
