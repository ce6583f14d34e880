"""The estate form: every task-1 ledger field, validated by app.services.estates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget
from sqlalchemy.orm import Session

from app.codes import ManagementType
from app.db import Database
from app.services.estates import EstateIn, create_estate, get_estate, update_estate
from app.services.offices import communities
from ui.forms.form_dialog import FormDialog
from ui.widgets.fields import CodeCombo, HundredthsEdit, OptionalIntEdit, count_box


class EstateForm(FormDialog):
    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        super().__init__(db, uuid, parent)
        self.setWindowTitle(self.tr("Estate") if uuid else self.tr("New estate"))
        with db.reader() as session:
            choices = communities(session)
            loaded = get_estate(session, uuid) if uuid else EstateIn()

        self.community = self.add_field("community_code", self.tr("Community"), CodeCombo(choices))
        self.name = self.add_field("name", self.tr("Estate name"), QLineEdit())
        self.address = self.add_field("address", self.tr("Address"), QLineEdit())
        self.management_type = self.add_field(
            "management_type",
            self.tr("Management type"),
            CodeCombo(ManagementType.choices()),
        )
        self.households = self.add_field("households", self.tr("Households"), count_box())
        self.building_count = self.add_field(
            "building_count", self.tr("Buildings"), count_box(10_000)
        )
        self.floor_area = self.add_field(
            "floor_area_dm2", self.tr("Floor area (m²)"), HundredthsEdit()
        )
        self.built_year = self.add_field(
            "built_year", self.tr("Year built"), OptionalIntEdit(1949, date.today().year)
        )
        self.fee = self.add_field(
            "fee_fen_per_m2_month", self.tr("Property fee (yuan/m²·month)"), HundredthsEdit()
        )
        self.service_grade = self.add_field("service_grade", self.tr("Service grade"), QLineEdit())

        facilities = QGroupBox(self.tr("Facilities"))
        grid = QGridLayout(facilities)
        self.elevators = count_box(10_000)
        self.parking_spaces = count_box()
        self.ev_chargers = count_box(100_000)
        for col, (label, box) in enumerate(
            [
                (self.tr("Elevators"), self.elevators),
                (self.tr("Parking spaces"), self.parking_spaces),
                (self.tr("EV chargers"), self.ev_chargers),
            ]
        ):
            grid.addWidget(QLabel(label), 0, col)
            grid.addWidget(box, 1, col)
        self.has_management_room = QCheckBox(self.tr("Has a property management room"))
        grid.addWidget(self.has_management_room, 2, 0, 1, 3)
        self.extra.addWidget(facilities)

        flags = QGroupBox(self.tr("Category"))
        row = QGridLayout(flags)
        self.is_old = QCheckBox(self.tr("Old estate"))
        self.is_resettlement = QCheckBox(self.tr("Resettlement estate"))
        self.is_affordable = QCheckBox(self.tr("Affordable housing"))
        self.committee_required = QCheckBox(self.tr("Should form an owners' committee"))
        for col, box in enumerate([self.is_old, self.is_resettlement, self.is_affordable]):
            row.addWidget(box, 0, col)
        row.addWidget(self.committee_required, 1, 0, 1, 3)
        self.extra.addWidget(flags)
        for key, widget in [("elevators", self.elevators), ("parking_spaces", self.parking_spaces),
                            ("ev_chargers", self.ev_chargers)]:  # fmt: skip
            self.fields[key] = widget
            self.errors[key] = self.general_error

        self.load(loaded)
        self.name.setFocus()

    def load(self, data: EstateIn) -> None:
        self.community.set_value(data.community_code or None)
        if not data.community_code and self.community.count():
            self.community.setCurrentIndex(0)
        self.name.setText(data.name)
        self.address.setText(data.address)
        self.management_type.set_value(data.management_type)
        self.households.setValue(data.households)
        self.building_count.setValue(data.building_count)
        self.floor_area.set_value(data.floor_area_dm2)
        self.built_year.set_value(data.built_year)
        self.fee.set_value(data.fee_fen_per_m2_month)
        self.service_grade.setText(data.service_grade)
        self.elevators.setValue(data.elevators)
        self.parking_spaces.setValue(data.parking_spaces)
        self.ev_chargers.setValue(data.ev_chargers)
        self.has_management_room.setChecked(data.has_management_room)
        self.is_old.setChecked(data.is_old)
        self.is_resettlement.setChecked(data.is_resettlement)
        self.is_affordable.setChecked(data.is_affordable)
        self.committee_required.setChecked(data.committee_required)

    def value(self) -> EstateIn:
        return EstateIn(
            community_code=self.community.value(),
            name=self.name.text(),
            address=self.address.text(),
            management_type=self.management_type.value(),
            built_year=self.built_year.value_or_none(),
            floor_area_dm2=self.floor_area.value(),
            households=self.households.value(),
            building_count=self.building_count.value(),
            is_old=self.is_old.isChecked(),
            is_resettlement=self.is_resettlement.isChecked(),
            is_affordable=self.is_affordable.isChecked(),
            elevators=self.elevators.value(),
            parking_spaces=self.parking_spaces.value(),
            ev_chargers=self.ev_chargers.value(),
            has_management_room=self.has_management_room.isChecked(),
            service_grade=self.service_grade.text(),
            fee_fen_per_m2_month=self.fee.value(),
            committee_required=self.committee_required.isChecked(),
        )

    def collect(self) -> Callable[[Session], str]:
        uuid, value, today = self.uuid, self.value(), date.today()

        def write(session: Session) -> str:
            if uuid is None:
                return create_estate(session, value, today=today)
            update_estate(session, uuid, value, today=today)
            return uuid

        return write

    def write(self, session: Session) -> str:
        return self.collect()(session)
