"""The estate form: every task-1 ledger field, validated by app.services.estates; its buildings
as a sub-table saved in the same transaction (app.services.buildings), and its service
contracts with their 项目负责人 (ui.forms.contract_form)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.codes import ManagementType
from app.db import Database
from app.errors import InputError, Problem
from app.rules.units import hundredths_text
from app.services.buildings import (
    BuildingIn,
    BuildingRow,
    delete_building,
    estate_buildings,
    save_building,
    update_building,
)
from app.services.companies import ContractRow, contracts_of, delete_contract
from app.services.estates import EstateIn, create_estate, get_estate, update_estate
from app.services.offices import communities
from ui.forms.form_dialog import FormDialog
from ui.ops import Op
from ui.widgets.field_error import error_label
from ui.widgets.fields import CodeCombo, HundredthsEdit, OptionalIntEdit, count_box
from ui.widgets.record_list import RecordList

NAME, FLOORS, HOUSEHOLDS, LIFT = range(4)


class EstateForm(FormDialog):
    record_table = "estate"

    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        super().__init__(db, uuid, parent)
        self.setWindowTitle(self.tr("Estate") if uuid else self.tr("New estate"))
        with db.reader() as session:
            choices = communities(session)
            loaded = get_estate(session, uuid) if uuid else EstateIn()
            buildings = estate_buildings(session, uuid) if uuid else []
            contracts = contracts_of(session, estate_uuid=uuid) if uuid else []

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
        side_by_side = QHBoxLayout()
        side_by_side.addWidget(facilities)
        self.extra.addLayout(side_by_side)

        flags = QGroupBox(self.tr("Category"))
        row = QGridLayout(flags)
        self.is_old = QCheckBox(self.tr("Old estate"))
        self.is_resettlement = QCheckBox(self.tr("Resettlement estate"))
        self.is_affordable = QCheckBox(self.tr("Affordable housing"))
        self.committee_required = QCheckBox(self.tr("Should form an owners' committee"))
        for col, box in enumerate([self.is_old, self.is_resettlement, self.is_affordable]):
            row.addWidget(box, 0, col)
        row.addWidget(self.committee_required, 1, 0, 1, 3)
        side_by_side.addWidget(flags)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._buildings_tab(), self.tr("Buildings of the estate"))
        self.tabs.addTab(self._contracts_tab(), self.tr("Service contracts"))
        self.tabs.setFixedHeight(210)
        self.setMinimumWidth(680)
        self.extra.addWidget(self.tabs)
        for key, widget in [("elevators", self.elevators), ("parking_spaces", self.parking_spaces),
                            ("ev_chargers", self.ev_chargers)]:  # fmt: skip
            self.fields[key] = widget
            self.errors[key] = self.general_error

        self.load(loaded)
        self.show_buildings(buildings)
        self.show_contracts(contracts)
        self.saved.connect(lambda _uuid: self.reload_ledgers())
        self.name.setFocus()

    # --- buildings ----------------------------------------------------------------------
    def _buildings_tab(self) -> QWidget:
        tab = QWidget()
        self.buildings = QTableWidget(0, 4)
        self.buildings.setHorizontalHeaderLabels(
            [self.tr("Building"), self.tr("Floors"), self.tr("Households"), self.tr("Lift")]
        )
        self.buildings.verticalHeader().setVisible(False)
        self.buildings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.buildings.horizontalHeader().setStretchLastSection(True)
        self.buildings.setColumnWidth(NAME, 200)
        self.buildings.setColumnWidth(FLOORS, 90)
        self.buildings.setColumnWidth(HOUSEHOLDS, 90)
        self.buildings.verticalHeader().setDefaultSectionSize(26)
        self.add_building_button = QPushButton(self.tr("Add building"))
        self.remove_building_button = QPushButton(self.tr("Remove building"))
        self.buildings_error = error_label()
        self.fields["buildings"], self.errors["buildings"] = self.buildings, self.buildings_error
        self._removed_buildings: list[str] = []
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_building_button)
        buttons.addWidget(self.remove_building_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.buildings, 1)
        row.addLayout(buttons)
        column = QVBoxLayout(tab)
        column.addLayout(row)
        column.addWidget(self.buildings_error)
        self.add_building_button.clicked.connect(lambda: self.add_building())
        self.remove_building_button.clicked.connect(self.remove_selected_building)
        return tab

    def add_building(self, name: str = "", floors: int | None = None, households: int = 0,
                     lift: bool = False, uuid: str | None = None) -> int:  # fmt: skip
        """A row of the sub-table; saved with the estate."""
        row = self.buildings.rowCount()
        self.buildings.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, uuid)
        self.buildings.setItem(row, NAME, item)
        floors_box = OptionalIntEdit(1, 200)
        floors_box.set_value(floors)
        self.buildings.setCellWidget(row, FLOORS, floors_box)
        households_box = count_box(10_000)
        households_box.setValue(households)
        self.buildings.setCellWidget(row, HOUSEHOLDS, households_box)
        lift_box = QCheckBox()
        lift_box.setChecked(lift)
        self.buildings.setCellWidget(row, LIFT, lift_box)
        if not name:
            self.buildings.setCurrentCell(row, NAME)
            self.buildings.editItem(item)
        return row

    def remove_selected_building(self) -> None:
        for row in sorted({i.row() for i in self.buildings.selectedIndexes()}, reverse=True):
            uuid = self.buildings.item(row, NAME).data(Qt.ItemDataRole.UserRole)
            if uuid:
                self._removed_buildings.append(uuid)
            self.buildings.removeRow(row)

    def show_buildings(self, rows: list[BuildingRow]) -> None:
        self.buildings.setRowCount(0)
        self._removed_buildings = []
        for b in rows:
            self.add_building(b.name, b.floors, b.households, b.has_elevator, b.uuid)

    def building_rows(self) -> list[tuple[str | None, BuildingIn]]:
        """(uuid or None, the row as typed); the estate's uuid is filled in at save."""
        rows = []
        for r in range(self.buildings.rowCount()):
            item = self.buildings.item(r, NAME)
            floors = self.buildings.cellWidget(r, FLOORS)
            households = self.buildings.cellWidget(r, HOUSEHOLDS)
            lift = self.buildings.cellWidget(r, LIFT)
            rows.append((
                item.data(Qt.ItemDataRole.UserRole) if item else None,
                BuildingIn("", item.text() if item else "", floors.value_or_none(),
                           households.value(), lift.isChecked()),
            ))  # fmt: skip
        return rows

    # --- contracts ----------------------------------------------------------------------
    def _contracts_tab(self) -> QWidget:
        self.contracts = RecordList(
            [self.tr("Company"), self.tr("Start"), self.tr("End"), self.tr("Contract state"),
             self.tr("Selection method"), self.tr("Fee"), self.tr("Project manager")],
            self.tr("New contract…"), self.tr("Edit contract…"),
        )  # fmt: skip
        self.contracts.new_requested.connect(lambda: self.open_contract(None))
        self.contracts.edit_requested.connect(self.open_contract)
        self.contracts.delete_requested.connect(self.remove_contract)
        return self.contracts

    def remove_contract(self, uuid: str) -> Op:
        """Deleted at once (a tombstone, like every ledger delete), not with the next save."""
        return self.write_now(lambda session: delete_contract(session, uuid), self.reload_ledgers)

    def show_contracts(self, rows: list[ContractRow]) -> None:
        self.contracts.set_rows(
            [
                [c.company_name, c.start_date.isoformat() if c.start_date else self.tr("unknown"),
                 c.end_date.isoformat() if c.end_date else self.tr("indefinite"),
                 c.state.label, c.selection_method, hundredths_text(c.fee_fen_per_m2_month),
                 c.manager]
                for c in rows
            ],
            [c.uuid for c in rows],
        )  # fmt: skip

    def open_contract(self, uuid: str | None):  # type: ignore[no-untyped-def]
        """A contract belongs to a saved estate: a new estate is saved first (and stays open)."""
        from ui.forms.contract_form import ContractForm

        if self.uuid is None:  # opened once the save has committed (see `opened`)
            self.store(lambda _saved: self.open_contract(uuid))
            return None
        form = ContractForm(self.db, uuid, self, estate_uuid=self.uuid)
        form.saved.connect(lambda _uuid: self.reload_ledgers())
        form.open()
        self.contract_form = form
        self.opened.emit(form)
        return form

    def reload_ledgers(self) -> None:
        if self.uuid is None:
            return
        with self.db.reader() as session:
            buildings = estate_buildings(session, self.uuid)
            contracts = contracts_of(session, estate_uuid=self.uuid)
        self.show_buildings(buildings)
        self.show_contracts(contracts)

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
        """The estate and its buildings' sub-table, read here on the GUI thread."""
        uuid, value, today = self.uuid, self.value(), date.today()
        rows, removed = self.building_rows(), list(self._removed_buildings)

        def write(session: Session) -> str:
            if uuid is None:
                saved = create_estate(session, value, today=today)
            else:
                update_estate(session, uuid, value, today=today)
                saved = uuid
            write_buildings(session, saved, rows, removed)
            return saved

        return write

    def write(self, session: Session) -> str:
        return self.collect()(session)


def write_buildings(
    session: Session,
    estate_uuid: str,
    rows: list[tuple[str | None, BuildingIn]],
    removed: list[str],
) -> None:
    """The sub-table's rows saved with their estate; problems addressed to their row."""
    for uuid in removed:
        delete_building(session, uuid)
    problems: list[Problem] = []
    for r, (uuid, data) in enumerate(rows):
        data.estate_uuid = estate_uuid
        try:
            if uuid:
                update_building(session, uuid, data)
            else:
                save_building(session, data)
        except InputError as exc:
            problems += [
                Problem(f"buildings.{r}.{p.field}", f"第{r + 1}行：{p.message}")
                for p in exc.problems
            ]
    if problems:
        raise InputError(problems)
