"""Lists in the shape of the import templates, so an exported ledger imports again unchanged:
every column the template has, in its order, coded values as their Chinese labels.

The columns are built from resources/codes/ledger_columns.json (app.ledger_columns), the one
definition the import, the templates and these exports share: a column added there is exported
without a change here. The committee ledger is its member roster, one row per member, as the
`committee`/`member` import reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from app import codes
from app.ledger_columns import ColumnSpec, ledger_kind
from app.models import (
    Building,
    CandidateCheck,
    Committee,
    CommitteeMember,
    CrossPost,
    DutyRecord,
    Estate,
    NegativeRecord,
    Org,
    PropertyCompany,
    ServiceContract,
)
from app.models.voting import HousingUnit, UnitOwner
from app.rules.masking import mask_field, mask_phone
from app.rules.vetting import CHECKS
from app.services.estates import COMMUNITY_NAME, current_contract_value
from app.services.listing import Column, Listing, contains
from app.services.offices import in_subtree


def _personal(spec: ColumnSpec) -> bool:
    """Phones and ID numbers: masked unless an administrator's audited export."""
    return spec.type == "phone" or spec.field == "id_number"


def _display(spec: ColumnSpec) -> Callable[[Any], str]:
    if spec.type == "phone":  # personal: masked in every list and export (issue 14)
        return lambda value: mask_phone(value) if value else ""
    if spec.field == "id_number":  # the owners' register (issue 15)
        return lambda value: str(mask_field("id_number", value)) if value else ""
    if spec.code_table:
        table = getattr(codes, spec.code_table)
        return lambda value: table.label_of(value)  # type: ignore[no-any-return]
    return lambda value: "" if value is None else str(value)


def _columns(
    kind: str,
    exprs: Mapping[str, ColumnElement[Any]],
    sorts: Mapping[str, ColumnElement[Any]] | None = None,
) -> list[Column]:
    """One list column per template column, keyed by the template's field name; `sorts`:
    what a column sorts by when not its value (a name's pinyin key, as the window's list)."""
    out = []
    for spec in ledger_kind(kind).columns:
        nullable = spec.type in ("text", "year", "date", "hundredths", "phone")
        null_sort: Any = -1 if spec.type in ("year", "hundredths") else ""
        out.append(Column(spec.field, exprs[spec.field], display=_display(spec),
                          null_sort=null_sort, nullable=nullable,
                          sort=(sorts or {}).get(spec.field),
                          personal=_personal(spec)))  # fmt: skip
    return out


def headers(kind: str) -> tuple[str, ...]:
    """The template's headers, which the import recognises first."""
    return tuple(spec.header for spec in ledger_kind(kind).columns)


def _estate_base(session: Session) -> Select[tuple[str]]:
    return select(Estate.uuid).where(in_subtree(session, Estate.community_code))


# The 物业服务企业 columns are the current contract's, as the import links them: an exported
# ledger imports again with every estate's contract "与现有合同一致".
_ESTATE_DERIVED: dict[str, ColumnElement[Any]] = {
    "community": COMMUNITY_NAME,
    "company": current_contract_value(PropertyCompany.name, "company"),
    "company_credit_code": current_contract_value(PropertyCompany.credit_code, "credit_code"),
    "contract_start": current_contract_value(ServiceContract.start_date, "contract_start"),
}
_ESTATE_EXPRS: dict[str, ColumnElement[Any]] = {
    spec.field: _ESTATE_DERIVED[spec.field]
    if spec.field in _ESTATE_DERIVED
    else getattr(Estate, spec.field)
    for spec in ledger_kind("estate").columns
}

ESTATE_LEDGER = Listing(
    base=_estate_base,
    uuid=Estate.uuid,
    columns=_columns("estate", _ESTATE_EXPRS, {"name": Estate.name_key}),
    search=contains(Estate.name, Estate.address),
    default_sort="name",
    filters={"management_type": Estate.management_type, "community": Estate.community_code},
)


def _member_base(session: Session) -> Select[tuple[str]]:
    return (
        select(CommitteeMember.uuid)
        .join(Committee, Committee.uuid == CommitteeMember.committee_uuid)
        .join(Estate, Estate.uuid == Committee.estate_uuid)
        .join(Org, Org.code == Estate.community_code)
        .where(in_subtree(session, Estate.community_code))
    )


_MEMBER_EXPRS: dict[str, ColumnElement[Any]] = {
    "community": Org.name,
    "estate": Estate.name,
    "kind": Committee.kind,
    "term_number": Committee.term_number,
    "elected_on": Committee.elected_on,
    "term_start": Committee.term_start,
    "term_end": Committee.term_end,
    "filed_on": Committee.filed_on,
    "first_meeting_on": Committee.first_meeting_on,
    "status": Committee.status,
    "member_name": CommitteeMember.name,
    "role": CommitteeMember.role,
    "party_member": CommitteeMember.party_member,
    "phone": CommitteeMember.phone,
}

def _member_checks(column: Any, code: str | None = None) -> Any:
    """A member's recorded eligibility check (`code`: its 通过 flag), or across its checks
    (the latest checker and date), as the roster's 资格审查 columns read them."""
    where = [CandidateCheck.member_uuid == CommitteeMember.uuid, CandidateCheck.deleted.is_(False)]
    if code is not None:
        where.append(CandidateCheck.item == code)
        picked = select(column).where(*where).limit(1)
    else:
        picked = select(func.max(column)).where(*where)
    return picked.correlate(CommitteeMember).scalar_subquery()


_MEMBER_EXPRS |= {f"check_{c.code}": _member_checks(CandidateCheck.passed, c.code) for c in CHECKS}
_MEMBER_EXPRS |= {
    "checked_by": _member_checks(CandidateCheck.checked_by),
    "checked_on": _member_checks(CandidateCheck.checked_on),
}

COMMITTEE_ROSTER = Listing(
    base=_member_base,
    uuid=CommitteeMember.uuid,
    columns=_columns("committee", _MEMBER_EXPRS, {"estate": Estate.name_key}),
    search=contains(Estate.name, CommitteeMember.name),
    default_sort="estate",
)


def _item_listing(model: type[DutyRecord] | type[NegativeRecord], kind: str) -> Listing:
    """A 履职清单 or 负面清单 in its import template's shape (one row per item)."""

    def base(session: Session) -> Select[tuple[str]]:
        stmt = (
            select(model.uuid)
            .join(Committee, Committee.uuid == model.committee_uuid)
            .join(Estate, Estate.uuid == Committee.estate_uuid)
            .join(Org, Org.code == Estate.community_code)
        )
        if model is NegativeRecord:  # the member in breach, if one was named
            stmt = stmt.outerjoin(
                CommitteeMember, CommitteeMember.uuid == NegativeRecord.member_uuid
            )
        return stmt.where(in_subtree(session, Estate.community_code), model.deleted.is_(False))

    exprs: dict[str, ColumnElement[Any]] = {
        "community": Org.name,
        "estate": Estate.name,
        "term_number": Committee.term_number,
        "member_name": CommitteeMember.name,
    }
    for spec in ledger_kind(kind).columns:
        if spec.field not in exprs:
            exprs[spec.field] = getattr(model, spec.field)
    return Listing(
        base=base,
        uuid=model.uuid,
        columns=_columns(kind, exprs, {"estate": Estate.name_key}),
        search=contains(Estate.name, model.category),
        default_sort="on",
    )


DUTY_LIST = _item_listing(DutyRecord, "duty")
NEGATIVE_LIST = _item_listing(NegativeRecord, "negative")


# --- 交叉任职 (task 10), one row per record, as the `cross_post` import reads it.
def _cross_post_base(session: Session) -> Select[tuple[str]]:
    return (
        select(CrossPost.uuid)
        .join(Estate, Estate.uuid == CrossPost.estate_uuid)
        .join(Org, Org.code == Estate.community_code)
        .outerjoin(PropertyCompany, PropertyCompany.uuid == CrossPost.company_uuid)
        .where(in_subtree(session, Estate.community_code), CrossPost.deleted.is_(False))
    )


_CROSS_POST_EXPRS: dict[str, ColumnElement[Any]] = {
    "community": Org.name,
    "estate": Estate.name,
    "company": PropertyCompany.name,
    "company_credit_code": PropertyCompany.credit_code,
    **{
        spec.field: getattr(CrossPost, spec.field)
        for spec in ledger_kind("cross_post").columns
        if hasattr(CrossPost, spec.field)
    },
}
CROSS_POST_LIST = Listing(
    base=_cross_post_base,
    uuid=CrossPost.uuid,
    columns=_columns("cross_post", _CROSS_POST_EXPRS, {"estate": Estate.name_key}),
    search=contains(Estate.name, CrossPost.person, CrossPost.post_role),
    default_sort="estate",
)


# --- the owners' register (issue 15): one row per owner, a unit without owners (the
# developer's unsold stock) on one row of its own, as the `unit` import reads it.
def _unit_base(session: Session) -> Select[tuple[str]]:
    return (
        select(_UNIT_ROW)
        .select_from(HousingUnit)
        .join(Building, Building.uuid == HousingUnit.building_uuid)
        .join(Estate, Estate.uuid == Building.estate_uuid)
        .outerjoin(UnitOwner, UnitOwner.unit_uuid == HousingUnit.uuid)
        .where(in_subtree(session, Estate.community_code))
    )


_UNIT_ROW = func.coalesce(UnitOwner.uuid, HousingUnit.uuid)
_UNIT_EXPRS: dict[str, ColumnElement[Any]] = {
    "estate": Estate.name,
    "building": Building.name,
    "room": HousingUnit.room,
    "area": HousingUnit.area_dm2,
    "area_source": HousingUnit.area_source,
    "owner_name": UnitOwner.owner_name,
    "id_number": UnitOwner.id_number,
    "phone": UnitOwner.phone,
    "developer_unsold": HousingUnit.developer_unsold,
}


def _area_source_label(code: Any) -> str:
    from app.services.voting_register import AREA_SOURCES

    return AREA_SOURCES.get(code, "" if code is None else str(code))


def _unit_columns() -> list[Column]:
    return [
        c if c.key != "area_source" else Column(c.key, c.expr, display=_area_source_label)
        for c in _columns("unit", _UNIT_EXPRS, {"estate": Estate.name_key})
    ]


UNIT_REGISTER = Listing(
    base=_unit_base,
    uuid=_UNIT_ROW,  # type: ignore[arg-type]
    columns=_unit_columns(),
    search=contains(Estate.name, Building.name, HousingUnit.room, UnitOwner.owner_name),
    default_sort="estate",
)
