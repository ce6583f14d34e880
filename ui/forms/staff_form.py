"""A property company's staff member (项目负责人 and the others): role, contacts, certificates,
the estate a manager serves. Saved through app.services.companies, like the Excel import."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from app.codes import StaffRole
from app.db import Database
from app.services.companies import (
    StaffIn,
    company_choices,
    get_staff,
    save_staff,
    update_staff,
)
from ui.forms.form_dialog import FormDialog
from ui.widgets.estate_picker import EstatePicker
from ui.widgets.fields import CodeCombo
from ui.widgets.personal_edit import PersonalEdit


class StaffForm(FormDialog):
    record_table = "company_staff"

    def __init__(
        self,
        db: Database,
        uuid: str | None = None,
        parent: QWidget | None = None,
        *,
        company_uuid: str | None = None,
        estate_uuid: str | None = None,
    ) -> None:
        super().__init__(db, uuid, parent)
        self.setWindowTitle(self.tr("Staff member") if uuid else self.tr("New staff member"))
        with db.reader() as session:
            companies = company_choices(session)
            loaded = (
                get_staff(session, uuid)
                if uuid
                else StaffIn(company_uuid or "", "", estate_uuid=estate_uuid)
            )
        self.company = self.add_field("company_uuid", self.tr("Company"), CodeCombo(companies))
        self.name = self.add_field("name", self.tr("Name"), QLineEdit())
        self.role = self.add_field("role", self.tr("Role"), CodeCombo(StaffRole.choices()))
        self.phone = self.add_field("phone", self.tr("Phone"), PersonalEdit("phone"))
        self.id_number = self.add_field(
            "id_number", self.tr("ID number"), PersonalEdit("id_number")
        )
        self.id_number.setMaxLength(18)
        self.certificate = self.add_field("certificate", self.tr("Certificates"), QLineEdit())
        self.certificate.setPlaceholderText(
            self.tr("name and number, e.g. 物业管理师 WY2026000123")
        )
        self.estate = self.add_field(
            "estate_uuid", self.tr("Estate served"), EstatePicker(db.reader, optional=True)
        )
        self.company.set_value(loaded.company_uuid or None)
        self.name.setText(loaded.name)
        self.role.set_value(loaded.role)
        self.phone.setText(loaded.phone)
        self.id_number.setText(loaded.id_number)
        self.certificate.setText(loaded.certificate)
        self.estate.set_value(loaded.estate_uuid)
        self.name.setFocus()

    def value(self) -> StaffIn:
        return StaffIn(
            company_uuid=self.company.value(),
            name=self.name.text(),
            role=self.role.value(),
            phone=self.phone.text(),
            id_number=self.id_number.text(),
            estate_uuid=self.estate.value(),
            certificate=self.certificate.text(),
        )

    def write(self, session: Session) -> str:
        if self.uuid is None:
            return save_staff(session, self.value(), today=date.today())[0]
        update_staff(session, self.uuid, self.value(), today=date.today())
        return self.uuid
