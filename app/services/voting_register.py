"""The unit and owner register (房屋与业主名册) the owners' decisions count over (issue 15).

One service for the window, the Excel import (`unit` kind) and the demo: `save_unit` checks
a unit with its owners whole and replaces its owners, so a half-edited owner list is never
stored. The head-count identity of an owner is the normalised ID number or credit code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from app.errors import InputError, Problem
from app.models import Building, Estate, HousingUnit, UnitOwner
from app.rules.credit_code import validate_credit_code
from app.rules.phone import validate_phone
from app.rules.resident_id import validate_resident_id
from app.rules.voting_tally import Holding

AREA_SOURCES = {"register": "不动产登记簿", "survey": "测绘", "contract": "买卖合同"}


def area_source_code(text: str) -> str | None:
    """不动产登记簿 / 测绘 / 买卖合同 (or the codes); precedence is the order above."""
    text = (text or "").strip()
    for code, label in AREA_SOURCES.items():
        if text in (code, label) or (text and label.startswith(text)):
            return code
    return None


@dataclass(frozen=True)
class OwnerIn:
    name: str
    id_number: str = ""  # resident ID, or an 18-char credit code for a legal person
    phone: str = ""


@dataclass(frozen=True)
class UnitIn:
    building_uuid: str
    room: str
    area_dm2: int
    area_source: str = "register"
    is_parking: bool = False
    developer_unsold: bool = False
    owners: Sequence[OwnerIn] = field(default_factory=tuple)


def owner_problems(owner: OwnerIn, today: date, where: str) -> tuple[list[Problem], OwnerIn, bool]:
    """Check one owner: (problems, the owner with cleaned values, is a legal person)."""
    problems: list[Problem] = []
    if not owner.name.strip():
        problems.append(Problem("owner", f"{where}业主姓名（名称）必填"))
    number = owner.id_number.strip()
    legal = len(number) == 18 and not number[:17].isdigit()
    if number:
        check = validate_credit_code(number) if legal else validate_resident_id(number, today)
        if not check.ok:
            what = "统一社会信用代码" if legal else "身份证号码"
            problems.append(Problem("id_number", f"{where}{what}有误：{'；'.join(check.errors)}"))
        number = check.value
    phone = owner.phone.strip()
    if phone:
        checked = validate_phone(phone)
        if not checked.ok:
            problems.append(Problem("phone", f"{where}联系电话有误：{'；'.join(checked.errors)}"))
        phone = checked.value
    return problems, OwnerIn(owner.name.strip(), number, phone), legal


def save_unit(session: Session, data: UnitIn, *, today: date) -> tuple[str, bool]:
    """Create or update the building's unit of that room, owners replaced whole.
    Returns (uuid, created). InputError (nothing written) on any bad field."""
    room = data.room.strip()
    problems: list[Problem] = []
    if not room:
        problems.append(Problem("room", "房号必填"))
    if data.area_dm2 <= 0:
        problems.append(Problem("area", "专有部分面积应大于0"))
    if data.area_source not in AREA_SOURCES:
        problems.append(Problem("area_source", "面积来源应为不动产登记簿、测绘或买卖合同"))
    if not data.owners and not data.developer_unsold:
        problems.append(Problem("owner", "业主必填（开发建设单位未售房屋除外）"))
    owners: list[tuple[OwnerIn, bool]] = []
    for i, owner in enumerate(data.owners, start=1):
        where = f"第{i}位业主：" if len(data.owners) > 1 else ""
        found, cleaned, legal = owner_problems(owner, today, where)
        problems += found
        owners.append((cleaned, legal))
    if problems:
        raise InputError(problems)
    unit = session.scalar(
        select(HousingUnit).where(
            HousingUnit.building_uuid == data.building_uuid, HousingUnit.room == room
        )
    )
    created = unit is None
    if unit is None:
        unit = HousingUnit(building_uuid=data.building_uuid, room=room)
        session.add(unit)
    unit.area_dm2 = data.area_dm2
    unit.area_source = data.area_source
    unit.is_parking = data.is_parking
    unit.developer_unsold = data.developer_unsold
    stored = [] if created else list(unit.owners)
    wanted = [(o.name, o.id_number, o.phone, legal) for o, legal in owners]
    have = [(o.owner_name, o.id_number, o.phone, o.legal_person) for o in stored]
    if wanted != have:
        for old in stored:
            session.delete(old)
        session.flush()
        for i, (name, number, phone, legal) in enumerate(wanted):
            session.add(
                UnitOwner(
                    unit=unit, owner_name=name, id_number=number, phone=phone,
                    legal_person=legal, sort_order=i,
                )
            )  # fmt: skip
    session.flush()
    return unit.uuid, created


class UnitRef(NamedTuple):
    """A unit as the count and the ballot entry know it: plain values, any thread. A named
    tuple, since a tally reads the whole register (20,000 units) each time."""

    uuid: str
    building_uuid: str
    building: str
    room: str
    area_dm2: int
    is_parking: bool
    developer_unsold: bool
    owner_keys: frozenset[str]

    @property
    def label(self) -> str:
        """楼栋-房号, as ballots are typed."""
        return f"{self.building}-{self.room}"

    def holding(self) -> Holding:
        return Holding(
            self.uuid, self.area_dm2, self.owner_keys, self.developer_unsold, self.is_parking
        )


def estate_units(session: Session, estate_uuid: str) -> list[UnitRef]:
    """Every unit of the estate with its owners' head-count keys, in two plain Core queries
    (no ORM rows, no GROUP BY or ORDER BY: those were most of a 20,000-unit tally). An owner
    without an ID number is known by name, within the estate only."""
    unit, building, owner = HousingUnit.__table__, Building.__table__, UnitOwner.__table__
    joined = unit.join(building, building.c.uuid == unit.c.building_uuid)
    live = (building.c.estate_uuid == estate_uuid, building.c.deleted == false(),
            unit.c.deleted == false())  # fmt: skip
    connection = session.connection()
    keys: dict[str, set[str]] = {}
    owners = connection.execute(
        select(owner.c.unit_uuid, owner.c.id_number, owner.c.owner_name)
        .select_from(joined.join(owner, owner.c.unit_uuid == unit.c.uuid))
        .where(*live, owner.c.deleted == false())
    )
    for unit_uuid, number, name in owners:
        keys.setdefault(unit_uuid, set()).add(number or f"name:{name}")
    empty: frozenset[str] = frozenset()
    rows = connection.execute(
        select(
            unit.c.uuid, unit.c.building_uuid, building.c.name, unit.c.room, unit.c.area_dm2,
            unit.c.is_parking, unit.c.developer_unsold,
        ).select_from(joined).where(*live)
    )  # fmt: skip
    return [
        UnitRef(u, b, name, room, area, bool(parking), bool(dev),
                frozenset(keys[u]) if u in keys else empty)
        for u, b, name, room, area, parking, dev in rows
    ]  # fmt: skip


def register_version(session: Session) -> tuple[int, int, int]:
    """Changes whenever any unit, owner or building is written (seq only grows, tombstones
    too): a cached head count is reused only while it is unchanged."""
    connection = session.connection()
    return tuple(  # type: ignore[return-value]
        connection.execute(select(func.max(t.c.seq))).scalar() or 0
        for t in (HousingUnit.__table__, UnitOwner.__table__, Building.__table__)
    )


def estate_by_name(session: Session, name: str) -> Estate:
    """The estate called `name` (an estate the office has exactly one of)."""
    found = session.scalars(select(Estate).where(Estate.name == name.strip())).all()
    if not found:
        raise InputError(Problem("estate", f"没有名为“{name}”的小区"))
    if len(found) > 1:
        raise InputError(Problem("estate", f"有{len(found)}个名为“{name}”的小区，请先区分名称"))
    return found[0]
