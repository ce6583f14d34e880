"""The company form: credit code (GB 32100) checked by the service, shown at the field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from app.codes import MarketStatus, PartyOrg
from app.db import Database
from app.services.companies import CompanyIn, create_company, get_company, update_company
from ui.forms.form_dialog import FormDialog
from ui.widgets.fields import CodeCombo, OptionalIntEdit


class CompanyForm(FormDialog):
    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        super().__init__(db, uuid, parent)
        self.setWindowTitle(self.tr("Property company") if uuid else self.tr("New company"))
        with db.reader() as session:
            loaded = get_company(session, uuid) if uuid else CompanyIn()
        self.name = self.add_field("name", self.tr("Company name"), QLineEdit())
        self.credit_code = self.add_field(
            "credit_code", self.tr("Unified social credit code"), QLineEdit()
        )
        self.credit_code.setMaxLength(24)
        self.credit_code.setPlaceholderText(self.tr("18 characters, e.g. 91340603MA2W000184"))
        self.legal_rep = self.add_field("legal_rep", self.tr("Legal representative"), QLineEdit())
        self.contact_person = self.add_field("contact_person", self.tr("Contact"), QLineEdit())
        self.contact_phone = self.add_field("contact_phone", self.tr("Contact phone"), QLineEdit())
        self.address = self.add_field("address", self.tr("Address"), QLineEdit())
        self.party_org = self.add_field(
            "party_org", self.tr("Party organisation"), CodeCombo(PartyOrg.choices())
        )
        self.credit_score = self.add_field(
            "credit_score", self.tr("Credit score"), OptionalIntEdit(0, 200)
        )
        self.credit_grade = self.add_field("credit_grade", self.tr("Credit grade"), QLineEdit())
        self.market_status = self.add_field(
            "market_status", self.tr("Market status"), CodeCombo(MarketStatus.choices())
        )
        self.load(loaded)
        self.name.setFocus()

    def load(self, data: CompanyIn) -> None:
        self.name.setText(data.name)
        self.credit_code.setText(data.credit_code)
        self.legal_rep.setText(data.legal_rep)
        self.contact_person.setText(data.contact_person)
        self.contact_phone.setText(data.contact_phone)
        self.address.setText(data.address)
        self.party_org.set_value(data.party_org)
        self.credit_score.set_value(data.credit_score)
        self.credit_grade.setText(data.credit_grade)
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
            credit_score=self.credit_score.value_or_none(),
            credit_grade=self.credit_grade.text(),
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
