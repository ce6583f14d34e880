"""The `unit` import kind (房屋与业主名册, issue 15): one row per owner of a unit; rows of the
same building and room are its co-owners, saved together through `save_unit`. A building
the estate does not have yet is created, and the report says so as a warning."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError, Problem
from app.models import Building, Estate
from app.services.buildings import BuildingIn, save_building
from app.services.ledger_import import ImportOutcome, RowIn, RowProblem, _Rows
from app.services.voting_register import (
    OwnerIn,
    UnitIn,
    area_source_code,
    owner_problems,
    save_unit,
)

UNIT_FIELDS = ("area", "area_source", "developer_unsold")


class UnitRows(_Rows):
    """Rows grouped by estate, building and room; a group with any bad row is refused whole
    (saving the others would drop a co-owner)."""

    def __init__(self, session: Session, today: date, outcome: ImportOutcome) -> None:
        super().__init__(session, today, outcome)
        self.estates: dict[str, list[str]] = {}
        for uuid, name in session.execute(select(Estate.uuid, Estate.name)):
            self.estates.setdefault(name, []).append(uuid)
        self.groups: dict[tuple[str, str, str], list[RowIn]] = {}
        self.broken: set[tuple[str, str, str]] = set()

    def add(self, row: RowIn) -> None:
        problems: list[Problem] = []
        name = str(row.cells.get("estate") or "").strip()
        found = self.estates.get(name, [])
        if name and not found:
            problems.append(Problem("estate", f"没有“{name}”小区，请先导入小区台账"))
        elif len(found) > 1:
            problems.append(Problem("estate", f"有{len(found)}个“{name}”小区，无法区分"))
        source = str(row.cells.get("area_source") or "").strip()
        if source and area_source_code(source) is None:
            problems.append(Problem("area_source", "应为不动产登记簿、测绘或买卖合同"))
        owner = self._owner(row)
        if owner is not None:
            problems += owner_problems(owner, self.today, "")[0]
        elif not row.cells.get("developer_unsold"):
            problems.append(Problem("owner_name", "业主必填（开发建设单位未售房屋除外）"))
        building = str(row.cells.get("building") or "").strip()
        room = str(row.cells.get("room") or "").strip()
        key = (found[0] if len(found) == 1 else "", building, room)
        if all(key):
            self.groups.setdefault(key, []).append(row)
            if problems or row.errors:
                self.broken.add(key)
        if problems or row.errors:
            self.refuse(row, problems)

    @staticmethod
    def _owner(row: RowIn) -> OwnerIn | None:
        name = str(row.cells.get("owner_name") or "").strip()
        if not name:
            return None
        return OwnerIn(
            name, str(row.cells.get("id_number") or ""), str(row.cells.get("phone") or "")
        )

    def finish(self) -> None:
        buildings: dict[tuple[str, str], str] = {}
        for (estate, building, room), rows in self.groups.items():
            if (estate, building, room) in self.broken:
                self._refuse_rest(rows, "同一房屋的其他行存在问题，本房屋各行均未导入")
                continue
            first = rows[0].cells
            clash = [
                r for r in rows[1:] for f in UNIT_FIELDS
                if f in r.cells and r.cells.get(f) != first.get(f)
            ]  # fmt: skip
            if clash:
                for r in clash:
                    self.refuse(
                        r,
                        [
                            Problem(
                                "area",
                                f"与第{rows[0].number}行（同一房屋）的面积、来源或未售标记不一致",
                            )
                        ],
                    )
                self._refuse_rest(rows, "同一房屋的各行不一致，本房屋各行均未导入")
                continue
            if (estate, building) not in buildings:
                buildings[(estate, building)] = self._building(estate, building, rows[0])
            owners = [o for r in rows if (o := self._owner(r)) is not None]
            data = UnitIn(
                buildings[(estate, building)], room, int(first.get("area") or 0),
                area_source_code(str(first.get("area_source") or "")) or "register",
                developer_unsold=bool(first.get("developer_unsold")), owners=owners,
            )  # fmt: skip
            try:
                _, created = save_unit(self.session, data, today=self.today)
            except InputError as exc:
                self.refuse(rows[0], exc.problems)
                self._refuse_rest(rows, "同一房屋的其他行存在问题，本房屋各行均未导入")
                continue
            self.outcome.count("created" if created else "updated")

    def _building(self, estate: str, name: str, row: RowIn) -> str:
        uuid = self.session.scalar(
            select(Building.uuid).where(Building.estate_uuid == estate, Building.name == name)
        )
        if uuid is None:
            uuid, _ = save_building(self.session, BuildingIn(estate, name))
            self.outcome.warnings.append(
                RowProblem(row.number, "building", f"小区中原无“{name}”，已新建该楼栋")
            )
        return uuid

    def _refuse_rest(self, rows: list[RowIn], why: str) -> None:
        refused = {p.row for p in self.outcome.problems}
        for row in rows:
            if row.number not in refused:
                self.refuse(row, [Problem("room", why)])
