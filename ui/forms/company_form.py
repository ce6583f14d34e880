"""The company form: credit code (GB 32100) checked by the service, shown at the field; the
company's staff (项目负责人, contacts, certificates) and its service contracts, each opened in
its own form (ui.forms.staff_form, ui.forms.contract_form) once the company is saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QTabWidget, QWidget
from sqlalchemy.orm import Session

from app.codes import MarketStatus, PartyOrg
from app.db import Database
from app.rules.credit import CreditStanding
from app.rules.units import hundredths_text
from app.services.companies import (
    CompanyIn,
    ContractRow,
    StaffRow,
    contracts_of,
    create_company,
    delete_contract,
    delete_staff,
    get_company,
    staff_of,
    update_company,
)
from app.services.credit import company_credit
from ui.forms.form_dialog import FormDialog
from ui.ops import Op
from ui.widgets.fields import CodeCombo, OptionalDateEdit
from ui.widgets.personal_edit import PersonalEdit
from ui.widgets.record_list import RecordList


class CompanyForm(FormDialog):
    record_table = "property_company"

    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        super().__init__(db, uuid, parent)
        self.setWindowTitle(self.tr("Property company") if uuid else self.tr("New company"))
        with db.reader() as session:
            loaded = get_company(session, uuid) if uuid else CompanyIn()
            standing = company_credit(session, uuid, date.today()) if uuid else None
        self.name = self.add_field("name", self.tr("Company name"), QLineEdit())
        self.credit_code = self.add_field(
            "credit_code", self.tr("Unified social credit code"), QLineEdit()
        )
        self.credit_code.setMaxLength(24)
        self.credit_code.setPlaceholderText(self.tr("18 characters, e.g. 91340603MA2W000184"))
        self.legal_rep = self.add_field("legal_rep", self.tr("Legal representative"), QLineEdit())
        self.contact_person = self.add_field("contact_person", self.tr("Contact"), QLineEdit())
        self.contact_phone = self.add_field(
            "contact_phone", self.tr("Contact phone"), PersonalEdit("contact_phone")
        )
        self.address = self.add_field("address", self.tr("Address"), QLineEdit())
        self.party_org = self.add_field(
            "party_org", self.tr("Party organisation"), CodeCombo(PartyOrg.choices())
        )
        self.party_org_since = self.add_field(
            "party_org_since", self.tr("Party organisation since"), OptionalDateEdit()
        )
        # Read-only: computed from the company's dated credit items (wuye credit, DOMAIN.md §9).
        self.credit = QLabel(self.credit_text(standing))
        self.credit.setObjectName("credit")
        self.form.addRow(self.tr("Credit"), self.credit)
        self.market_status = self.add_field(
            "market_status", self.tr("Market status"), CodeCombo(MarketStatus.choices())
        )
        self.load(loaded)
        self.tabs = QTabWidget()
        self.staff = RecordList(
            [self.tr("Name"), self.tr("Role"), self.tr("Phone"), self.tr("Certificates"),
             self.tr("Estate served")],
            self.tr("New staff member…"), self.tr("Edit staff member…"),
        )  # fmt: skip
        self.tabs.addTab(self.staff, self.tr("Staff"))
        self.contracts = RecordList(
            [self.tr("Estate"), self.tr("Start"), self.tr("End"), self.tr("Contract state"),
             self.tr("Selection method"), self.tr("Fee"), self.tr("Project manager")],
            self.tr("New contract…"), self.tr("Edit contract…"),
        )  # fmt: skip
        self.tabs.addTab(self.contracts, self.tr("Service contracts"))
        self.tabs.setMaximumHeight(220)
        self.setMinimumWidth(680)
        self.extra.addWidget(self.tabs)
        self.staff.new_requested.connect(lambda: self.open_staff(None))
        self.staff.edit_requested.connect(self.open_staff)
        self.staff.delete_requested.connect(lambda uuid: self.remove(delete_staff, uuid))
        self.contracts.new_requested.connect(lambda: self.open_contract(None))
        self.contracts.edit_requested.connect(self.open_contract)
        self.contracts.delete_requested.connect(lambda uuid: self.remove(delete_contract, uuid))
        self.saved.connect(lambda _uuid: self.reload_lists())
        self.reload_lists()
        self.name.setFocus()

    def remove(self, delete: Callable[[Session, str], None], uuid: str) -> Op:
        """A staff member or contract, deleted at once (a tombstone), not with the next save."""
        return self.write_now(lambda session: delete(session, uuid), self.reload_lists)

    def reload_lists(self) -> None:
        if self.uuid is None:
            return
        with self.db.reader() as session:
            staff = staff_of(session, self.uuid)
            contracts = contracts_of(session, company_uuid=self.uuid)
        self.show_staff(staff)
        self.show_contracts(contracts)

    def show_staff(self, rows: list[StaffRow]) -> None:
        self.staff.set_rows(
            [[s.name, s.role, s.phone, s.certificate, s.estate_name] for s in rows],
            [s.uuid for s in rows],
        )

    def show_contracts(self, rows: list[ContractRow]) -> None:
        self.contracts.set_rows(
            [
                [c.estate_name, c.start_date.isoformat() if c.start_date else self.tr("unknown"),
                 c.end_date.isoformat() if c.end_date else self.tr("indefinite"),
                 c.state.label, c.selection_method, hundredths_text(c.fee_fen_per_m2_month),
                 c.manager]
                for c in rows
            ],
            [c.uuid for c in rows],
        )  # fmt: skip

    def open_staff(self, uuid: str | None):  # type: ignore[no-untyped-def]
        """Staff belong to a saved company: a new company is saved first (and stays open)."""
        from ui.forms.staff_form import StaffForm

        if self.uuid is None:  # opened once the save has committed (see `opened`)
            self.store(lambda _saved: self.open_staff(uuid))
            return None
        form = StaffForm(self.db, uuid, self, company_uuid=self.uuid)
        form.saved.connect(lambda _uuid: self.reload_lists())
        form.open()
        self.staff_form = form
        self.opened.emit(form)
        return form

    def open_contract(self, uuid: str | None):  # type: ignore[no-untyped-def]
        from ui.forms.contract_form import ContractForm

        if self.uuid is None:  # opened once the save has committed (see `opened`)
            self.store(lambda _saved: self.open_contract(uuid))
            return None
        form = ContractForm(self.db, uuid, self, company_uuid=self.uuid)
        form.saved.connect(lambda _uuid: self.reload_lists())
        form.open()
        self.contract_form = form
        self.opened.emit(form)
        return form

    def credit_text(self, standing: CreditStanding | None) -> str:
        if standing is None:
            return self.tr("Computed from credit records once the company is saved")
        return (
            self.tr("%1 points, grade %2 (from %3 current credit records)")
            .replace("%1", str(standing.score))
            .replace("%2", standing.band)
            .replace("%3", str(len(standing.counted)))
        )

    def load(self, data: CompanyIn) -> None:
        self.name.setText(data.name)
        self.credit_code.setText(data.credit_code)
        self.legal_rep.setText(data.legal_rep)
        self.contact_person.setText(data.contact_person)
        self.contact_phone.setText(data.contact_phone)
        self.address.setText(data.address)
        self.party_org.set_value(data.party_org)
        self.party_org_since.set_value(data.party_org_since)
        self.market_status.set_value(data.market_status)

    def value(self) -> CompanyIn:
        return CompanyIn(
            credit_code=self.credit_code.text(),
            name=self.name.text(),
            legal_rep=self.legal_rep.text(),
            contact_person=self.contact_person.text(),
            contact_phone=self.contact_phone.text(),
            address=self.address.text(),
            party_org=self.party_org.value(),
            party_org_since=self.party_org_since.value(),
            market_status=self.market_status.value(),
        )

    def collect(self) -> Callable[[Session], str]:
        uuid, value = self.uuid, self.value()

        def write(session: Session) -> str:
            if uuid is None:
                return create_company(session, value)
            update_company(session, uuid, value)
            return uuid

        return write

    def write(self, session: Session) -> str:
        return self.collect()(session)
