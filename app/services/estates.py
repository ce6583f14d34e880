"""Estates: create, edit, delete with the task-1 ledger's validation; the estate list."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Label, Select, func, or_, select
from sqlalchemy.orm import Session

from app.codes import ManagementType, OrgLevel
from app.errors import InputError, NotFound, Problem
from app.models import Committee, Estate, Org, PropertyCompany, ServiceContract
from app.rules.units import hundredths_text
from app.services.companies import current_contract
from app.services.listing import Column, Listing, ListQuery, contains
from app.services.offices import in_subtree, office_tally, subtree_codes


@dataclass
class EstateIn:
    """An estate as a form or a ledger row gives it: plain, typed values."""

    community_code: str = ""
    name: str = ""
    address: str = ""
    management_type: str = ManagementType.PROFESSIONAL.value
    built_year: int | None = None
    floor_area_dm2: int | None = None
    households: int = 0
    building_count: int = 0
    is_old: bool = False
    is_resettlement: bool = False
    is_affordable: bool = False
    elevators: int = 0
    parking_spaces: int = 0
    ev_chargers: int = 0
    has_management_room: bool = False
    service_grade: str = ""
    fee_fen_per_m2_month: int | None = None
    committee_required: bool = True


FIELDS = tuple(f.name for f in fields(EstateIn))
COUNTS = ("building_count", "elevators", "parking_spaces", "ev_chargers")


def estate_field_problems(data: EstateIn, *, today: date) -> list[Problem]:
    """Checks of the row itself; scope and uniqueness need the database (estate_problems)."""
    problems: list[Problem] = []
    name = data.name.strip()
    if not name:
        problems.append(Problem("name", "小区名称不能为空"))
    elif len(name) > 80:
        problems.append(Problem("name", "小区名称不能超过80个字"))
    if ManagementType.from_text(data.management_type) is None:
        problems.append(Problem("management_type", "请选择管理类型"))
    if data.built_year is not None and not 1949 <= data.built_year <= today.year:
        problems.append(Problem("built_year", f"建成年份应在1949至{today.year}年之间"))
    if data.households <= 0:
        problems.append(Problem("households", "户数应大于0"))
    for key in COUNTS:
        if getattr(data, key) < 0:
            problems.append(Problem(key, "数量不能为负数"))
    if data.floor_area_dm2 is not None and data.floor_area_dm2 <= 0:
        problems.append(Problem("floor_area_dm2", "建筑面积应大于0"))
    if data.fee_fen_per_m2_month is not None and data.fee_fen_per_m2_month < 0:
        problems.append(Problem("fee_fen_per_m2_month", "收费标准不能为负数"))
    return problems


def community_problem() -> Problem:
    return Problem("community_code", "请选择本辖区内的社区")


def duplicate_name_problem(name: str) -> Problem:
    return Problem("name", f"本社区已有名为“{name}”的小区")


def estate_problems(
    session: Session, data: EstateIn, *, today: date, editing: str | None = None
) -> list[Problem]:
    problems = estate_field_problems(data, today=today)
    name = data.name.strip()
    in_scope = session.scalar(
        select(Org.code).where(
            Org.code == data.community_code,
            Org.level == OrgLevel.COMMUNITY,
            Org.code.in_(subtree_codes(session)),
        )
    )
    if not in_scope:
        problems.insert(0, community_problem())
    elif name:
        clash = select(Estate.uuid).where(
            Estate.community_code == data.community_code, Estate.name == name
        )
        if editing:
            clash = clash.where(Estate.uuid != editing)
        if session.scalar(clash):
            problems.append(duplicate_name_problem(name))
    return problems


def clean_estate(data: EstateIn) -> dict[str, object]:
    values = dict(vars(data))  # not asdict(): its deep copy was a tenth of a 100,000-row import
    values["name"] = data.name.strip()
    values["address"] = data.address.strip()
    values["service_grade"] = data.service_grade.strip()
    values["management_type"] = str(ManagementType.from_text(data.management_type))
    return values


def create_estate(session: Session, data: EstateIn, *, today: date) -> str:
    if problems := estate_problems(session, data, today=today):
        raise InputError(problems)
    estate = Estate(**clean_estate(data))
    session.add(estate)
    session.flush()
    return estate.uuid


def get_estate(session: Session, uuid: str) -> EstateIn:
    estate = session.get(Estate, uuid)
    if estate is None:
        raise NotFound("小区", uuid)
    return EstateIn(**{key: getattr(estate, key) for key in FIELDS})


def update_estate(session: Session, uuid: str, data: EstateIn, *, today: date) -> None:
    estate = session.get(Estate, uuid)
    if estate is None:
        raise NotFound("小区", uuid)
    if problems := estate_problems(session, data, today=today, editing=uuid):
        raise InputError(problems)
    for key, value in clean_estate(data).items():
        setattr(estate, key, value)
    session.flush()


def delete_estate(session: Session, uuid: str) -> None:
    """Tombstones the estate with its buildings, committees and contracts (none stand alone)."""
    estate = session.get(Estate, uuid)
    if estate is None:
        raise NotFound("小区", uuid)
    for committee in session.scalars(select(Committee).where(Committee.estate_uuid == uuid)):
        for member in committee.members:
            session.delete(member)
        session.delete(committee)
    for contract in session.scalars(
        select(ServiceContract).where(ServiceContract.estate_uuid == uuid)
    ):
        session.delete(contract)
    session.delete(estate)
    session.flush()


def _estate_base(session: Session) -> Select[tuple[str]]:
    return select(Estate.uuid).where(in_subtree(session, Estate.community_code))


COMMUNITY_NAME = (
    select(Org.name).where(Org.code == Estate.community_code).scalar_subquery().label("community")
)


def current_contract_value(column: ColumnElement[Any], label: str) -> Label[Any]:
    """A column of the contract in force today (the latest started, if two overlap) or of its
    company, per estate: derived from the contracts, never stored twice
    (app/models/company.py)."""
    return (
        select(column)
        .select_from(ServiceContract)
        .join(PropertyCompany, ServiceContract.company_uuid == PropertyCompany.uuid)
        .where(
            ServiceContract.estate_uuid == Estate.uuid,
            ServiceContract.deleted.is_(False),
            *current_contract(func.current_date()),
        )
        .order_by(ServiceContract.start_date.desc())
        .limit(1)
        .scalar_subquery()
        .label(label)
    )


CURRENT_COMPANY = current_contract_value(PropertyCompany.name, "company")


def _yes(value: object) -> str:
    return "是" if value else ""


ESTATES = Listing(
    base=_estate_base,
    tally=office_tally(Estate.__table__),  # type: ignore[arg-type]
    uuid=Estate.uuid,
    columns=[
        Column("name", Estate.name, nullable=False, sort=Estate.name_key),
        Column("community", COMMUNITY_NAME),
        Column("address", Estate.address),
        Column("management_type", Estate.management_type, display=ManagementType.label_of),
        Column("households", Estate.households, nullable=False),
        Column("building_count", Estate.building_count, nullable=False),
        Column("floor_area", Estate.floor_area_dm2, display=hundredths_text, null_sort=-1),
        Column("built_year", Estate.built_year, null_sort=-1),
        Column("is_old", Estate.is_old, display=_yes, null_sort=False),
        Column("company", CURRENT_COMPANY),
    ],
    search=lambda word, dialect: or_(
        contains(Estate.name, Estate.address, index="estate")(word, dialect),
        Estate.community_code.in_(select(Org.code).where(contains(Org.name)(word, dialect))),
    ),
    default_sort="name",
    filters={"management_type": Estate.management_type, "community": Estate.community_code},
)


def estate_choices(session: Session, text: str = "", limit: int = 50) -> list[tuple[str, str]]:
    """(uuid, "社区 · 小区") matching `text`, for pickers that search as the user types."""
    rows = ESTATES.page(session, ListQuery(text=text), limit=limit)
    return [(row.uuid, f"{row.values[1]} · {row.values[0]}") for row in rows]


@dataclass(frozen=True)
class EstateMatches:
    """A picker's first `limit` matches and how many more there are: a picker never cuts its
    list without saying so (the demo's 60 estates once showed 50, the rest unreachable)."""

    choices: list[tuple[str, str]]
    more: int


PICKER_LIMIT = 200  # a street office's estates all fit; a district's list says "还有 N 条"


def estate_matches(session: Session, text: str = "", limit: int = PICKER_LIMIT) -> EstateMatches:
    """`estate_choices` plus the count of matches left out (counted only when the page is full)."""
    choices = estate_choices(session, text, limit)
    more = 0
    if len(choices) >= limit:
        more = ESTATES.count(session, ListQuery(text=text)) - len(choices)
    return EstateMatches(choices, max(0, more))


def estate_label(session: Session, uuid: str) -> str:
    row = session.execute(
        select(Org.name, Estate.name)
        .join(Org, Org.code == Estate.community_code)
        .where(Estate.uuid == uuid)
    ).one_or_none()
    return f"{row[0]} · {row[1]}" if row else ""
