"""The building form (楼栋) of the 楼栋 page; the estate form edits the same rows as a sub-table.
Both save through app.services.buildings."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import InputError, Problem
from app.services.buildings import BuildingIn, get_building, save_building, update_building
from ui.forms.form_dialog import FormDialog
from ui.widgets.estate_picker import EstatePicker
from ui.widgets.fields import OptionalIntEdit, count_box


class BuildingForm(FormDialog):
    record_table = "building"

    def __init__(
        self,
        db: Database,
        uuid: str | None = None,
        parent: QWidget | None = None,
        *,
        estate_uuid: str | None = None,
    ) -> None:
        super().__init__(db, uuid, parent)
        self.setWindowTitle(self.tr("Building") if uuid else self.tr("New building"))
        with db.reader() as session:
            loaded = get_building(session, uuid) if uuid else BuildingIn(estate_uuid or "", "")
        self.estate = self.add_field(
            "estate_uuid", self.tr("Estate"), EstatePicker(db.reader, optional=False)
        )
        self.name = self.add_field("name", self.tr("Building name"), QLineEdit())
        self.name.setPlaceholderText(self.tr("e.g. 1号楼"))
        self.floors = self.add_field("floors", self.tr("Floors"), OptionalIntEdit(1, 200))
        self.households = self.add_field("households", self.tr("Households"), count_box(10_000))
        self.has_elevator = self.add_field("has_elevator", "", QCheckBox(self.tr("Has a lift")))
        self.estate.set_value(loaded.estate_uuid or None)
        self.name.setText(loaded.name)
        self.floors.set_value(loaded.floors)
        self.households.setValue(loaded.households)
        self.has_elevator.setChecked(loaded.has_elevator)
        self.name.setFocus()

    def value(self) -> BuildingIn:
        return BuildingIn(
            self.estate.value() or "", self.name.text(), self.floors.value_or_none(),
            self.households.value(), self.has_elevator.isChecked(),
        )  # fmt: skip

    def write(self, session: Session) -> str:
        data = self.value()
        if not data.estate_uuid:
            raise InputError(Problem("estate_uuid", "请选择小区"))
        if self.uuid is None:
            return save_building(session, data)[0]
        update_building(session, self.uuid, data)
        return self.uuid
