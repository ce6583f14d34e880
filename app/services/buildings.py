"""Buildings (楼栋) of an estate: the unit the task-9 building boards hang on."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError, NotFound, Problem
from app.models import Building, Estate


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
