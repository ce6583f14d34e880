"""A service contract (物业服务合同) of an estate with a company, and the company's 项目负责人 for
the estate, entered together as the contract names them. Saved through
app.services.companies (`save_contract`/`update_contract`, then `save_staff`) in one
transaction: a refused manager keeps the contract unsaved too."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from sqlalchemy.orm import Session

from app.codes import SelectionMethod, StaffRole
from app.db import Database
from app.errors import InputError, Problem
from app.rules.contracts import Term, term_state
from app.services.companies import (
    ContractIn,
    StaffIn,
    company_choices,
    get_contract,
    manager_contact,
    save_contract,
    save_staff,
    update_contract,
)
from ui.forms.form_dialog import FormDialog
from ui.widgets.estate_picker import EstatePicker
from ui.widgets.fields import CodeCombo, HundredthsEdit, OptionalDateEdit
from ui.widgets.personal_edit import PersonalEdit

# The manager's problems come back under the staff service's keys.
_MANAGER_FIELDS = {"name": "manager", "phone": "manager_phone", "id_number": "manager"}


class ContractForm(FormDialog):
    record_table = "service_contract"

    def __init__(
        self,
        db: Database,
        uuid: str | None = None,
        parent: QWidget | None = None,
        *,
        estate_uuid: str | None = None,
        company_uuid: str | None = None,
    ) -> None:
        super().__init__(db, uuid, parent)
        self.setWindowTitle(self.tr("Service contract") if uuid else self.tr("New contract"))
        manager_name = manager_phone = ""
        with db.reader() as session:
            companies = company_choices(session)
            loaded = (
                get_contract(session, uuid)
                if uuid
                else ContractIn(estate_uuid or "", company_uuid or "", None)
            )
            if uuid:
                manager_name, manager_phone = manager_contact(
                    session, loaded.estate_uuid, loaded.company_uuid
                )
        self.estate = self.add_field(
            "estate_uuid", self.tr("Estate"), EstatePicker(db.reader, optional=False)
        )
        self.company = self.add_field("company_uuid", self.tr("Company"), CodeCombo(companies))
        self.start = self.add_field("start_date", self.tr("Start"), OptionalDateEdit())
        self.end = self.add_field(
            "end_date", self.tr("End (empty: indefinite)"), OptionalDateEdit()
        )
        # 民法典 947–948: warned from 90 days before the end; past it, 不定期 until decided.
        self.term = QLabel()
        self.form.addRow(self.tr("Term"), self.term)
        self.start.dateChanged.connect(self.show_term)
        self.end.dateChanged.connect(self.show_term)
        self.method = self.add_field(
            "selection_method", self.tr("Selection method"), CodeCombo(SelectionMethod.choices())
        )
        self.fee = self.add_field(
            "fee_fen_per_m2_month", self.tr("Fee (yuan/m²·month)"), HundredthsEdit()
        )
        self.manager = self.add_field("manager", self.tr("Project manager"), QLineEdit())
        self.manager_phone = self.add_field(
            "manager_phone", self.tr("Project manager's phone"), PersonalEdit("manager_phone")
        )
        self.estate.set_value(loaded.estate_uuid or None)
        self.company.set_value(loaded.company_uuid or None)
        if not loaded.company_uuid and self.company.count():
            self.company.setCurrentIndex(0)
        self.start.set_value(loaded.start_date)
        self.end.set_value(loaded.end_date)
        self.method.set_value(loaded.selection_method)
        self.fee.set_value(loaded.fee_fen_per_m2_month)
        self.manager.setText(manager_name)
        self.manager_phone.setText(manager_phone)
        self.show_term()

    def show_term(self) -> None:
        """The contract's term today as the dates stand, in red when a decision is due."""
        state = term_state(self.start.value(), self.end.value(), date.today())
        self.term.setText(state.label)
        due = state.term in (Term.EXPIRING, Term.CONTINUED)
        self.term.setStyleSheet("color: #c0392b;" if due else "")

    def value(self) -> ContractIn:
        return ContractIn(
            estate_uuid=self.estate.value() or "",
            company_uuid=self.company.value(),
            start_date=self.start.value(),
            end_date=self.end.value(),
            selection_method=self.method.value(),
            fee_fen_per_m2_month=self.fee.value(),
        )

    def write(self, session: Session) -> str:
        data = self.value()
        if self.uuid is None:
            uuid = save_contract(session, data)[0]
        else:
            update_contract(session, self.uuid, data)
            uuid = self.uuid
        if self.manager.text().strip() or self.manager_phone.text().strip():
            manager = StaffIn(
                data.company_uuid, self.manager.text(), StaffRole.PROJECT_MANAGER.value,
                self.manager_phone.text(), estate_uuid=data.estate_uuid,
            )  # fmt: skip
            try:
                save_staff(session, manager, today=date.today())
            except InputError as exc:
                raise InputError(
                    [Problem(_MANAGER_FIELDS.get(p.field, p.field), p.message)
                     for p in exc.problems]
                ) from exc  # fmt: skip
        return uuid
