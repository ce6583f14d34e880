"""Buildings (楼栋) of an estate: the unit the task-9 building boards hang on. The estate form's
sub-table, the 楼栋 page, the CLI and the Excel import all save through `save_building` or
`update_building`, so one set of checks guards them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from app.errors import InputError, NotFound, Problem
from app.models import Building, Estate, Org
from app.services.listing import Column, Listing, contains
from app.services.offices import in_subtree
from app.services.tombstones import tombstone


@dataclass
class BuildingIn:
    estate_uuid: str
    name: str
    floors: int | None = None
    households: int = 0
    has_elevator: bool = False


def building_problems(data: BuildingIn) -> list[Problem]:
    problems: list[Problem] = []
    if not data.name.strip():
        problems.append(Problem("name", "楼栋名称不能为空"))
    if data.floors is not None and not 1 <= data.floors <= 200:
        problems.append(Problem("floors", "层数应在1至200之间"))
    if data.households < 0:
        problems.append(Problem("households", "户数不能为负数"))
    return problems


def save_building(session: Session, data: BuildingIn) -> tuple[str, bool]:
    """Create, or update the estate's building of the same name; returns (uuid, created)."""
    if session.get(Estate, data.estate_uuid) is None:
        raise NotFound("小区", data.estate_uuid)
    if problems := building_problems(data):
        raise InputError(problems)
    name = data.name.strip()
    building = session.scalar(
        select(Building).where(Building.estate_uuid == data.estate_uuid, Building.name == name)
    )
    created = building is None
    if building is None:
        building = Building(estate_uuid=data.estate_uuid, name=name)
        session.add(building)
    building.floors = data.floors
    building.households = data.households
    building.has_elevator = data.has_elevator
    session.flush()
    return building.uuid, created


@dataclass(frozen=True)
class BuildingRow:
    """A building as the estate form's sub-table shows it: plain values, any thread."""

    uuid: str
    name: str
    floors: int | None
    households: int
    has_elevator: bool


def estate_buildings(session: Session, estate_uuid: str) -> list[BuildingRow]:
    rows = session.scalars(
        select(Building).where(Building.estate_uuid == estate_uuid).order_by(Building.name)
    )
    return [BuildingRow(b.uuid, b.name, b.floors, b.households, b.has_elevator) for b in rows]


def get_building(session: Session, uuid: str) -> BuildingIn:
    building = session.get(Building, uuid)
    if building is None:
        raise NotFound("楼栋", uuid)
    return BuildingIn(
        building.estate_uuid, building.name, building.floors, building.households,
        building.has_elevator,
    )  # fmt: skip


def update_building(session: Session, uuid: str, data: BuildingIn) -> None:
    """Edit one building, its name included; another building of the estate keeps its name."""
    building = session.get(Building, uuid)
    if building is None:
        raise NotFound("楼栋", uuid)
    if problems := building_problems(data):
        raise InputError(problems)
    name = data.name.strip()
    clash = session.scalar(
        select(Building.uuid).where(
            Building.estate_uuid == building.estate_uuid, Building.name == name,
            Building.uuid != uuid,
        )
    )  # fmt: skip
    if clash:
        raise InputError(Problem("name", f"本小区已有名为“{name}”的楼栋"))
    building.name = name
    building.floors = data.floors
    building.households = data.households
    building.has_elevator = data.has_elevator
    session.flush()


def delete_building(session: Session, uuid: str) -> None:
    """A tombstone, like every ledger delete: its boards' print history stays readable."""
    tombstone(session, Building, uuid, "楼栋")


def _building_base(session: Session) -> Select[tuple[str]]:
    in_scope = select(Estate.uuid).where(in_subtree(session, Estate.community_code))
    return select(Building.uuid).where(Building.estate_uuid.in_(in_scope))


_ESTATE_NAME = (
    select(Estate.name).where(Estate.uuid == Building.estate_uuid).scalar_subquery().label("estate")
)
_COMMUNITY_NAME = (
    select(Org.name)
    .join(Estate, Estate.community_code == Org.code)
    .where(Estate.uuid == Building.estate_uuid)
    .scalar_subquery()
    .label("community")
)


def _has(value: object) -> str:
    return "有" if value else ""


BUILDINGS = Listing(
    base=_building_base,
    uuid=Building.uuid,
    columns=[
        Column("estate", _ESTATE_NAME),
        Column("name", Building.name, nullable=False),
        Column("community", _COMMUNITY_NAME),
        Column("floors", Building.floors, null_sort=-1),
        Column("households", Building.households, nullable=False),
        Column("has_elevator", Building.has_elevator, display=_has, null_sort=False),
    ],
    search=lambda pattern: or_(
        contains(Building.name)(pattern),
        Building.estate_uuid.in_(select(Estate.uuid).where(Estate.name.like(pattern, escape="\\"))),
    ),
    default_sort="estate",
    filters={"estate": Building.estate_uuid},
)
