"""Template fields an estate can fill from the ledgers: its name, company, manager, committee.

`wuye print notice --estate NAME` merges these under the user's own `--field` values, so a
worker types only what the database cannot know (the meeting date, the reason for an outage).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.codes import CommitteeKind, StaffRole
from app.errors import NotFound
from app.models import Committee, CompanyStaff, Estate, PropertyCompany, ServiceContract
from app.rules.contracts import term_state
from app.rules.masking import mask_mobile
from app.rules.phone import validate_mobile
from app.rules.units import hundredths_text
from app.services.committee_figures import in_term
from app.services.companies import current_contract
from app.services.estate_names import find_estate
from app.services.offices import current_office


def estate_fields(
    session: Session, estate_name: str, *, today: date, community: str | None = None
) -> dict[str, str]:
    """The fields of the estate named (within `community`, when two share the name)."""
    return _fields(session, find_estate(session, estate_name, community), today=today)


def fields_of_estate(session: Session, estate_uuid: str, *, today: date) -> dict[str, str]:
    """The fields of the estate a picker chose: by uuid, so a shared name cannot mislead."""
    estate = session.get(Estate, estate_uuid)
    if estate is None or estate.deleted:
        raise NotFound("小区", estate_uuid)
    return _fields(session, estate, today=today)


def _fields(session: Session, estate: Estate, *, today: date) -> dict[str, str]:
    fields = {
        "estate": estate.name,
        "address": estate.address,
        "issuer": current_office(session).name,
        "service_grade": estate.service_grade,
    }
    contract = session.scalar(
        select(ServiceContract)
        .where(ServiceContract.estate_uuid == estate.uuid, *current_contract(today))
        .order_by(ServiceContract.start_date.desc(), ServiceContract.uuid)
        .limit(1)
    )
    if contract is not None:
        company = session.get(PropertyCompany, contract.company_uuid)
        if company is not None:
            fields["company"] = company.name
            # 民法典 art 948: a lapsed contract with no decision still binds the company.
            fields["contract_term"] = term_state(
                contract.start_date, contract.end_date, today
            ).label
            fields["service_phone"] = company.contact_phone
            fields["complaint_phone"] = company.contact_phone
        fee = contract.fee_fen_per_m2_month or estate.fee_fen_per_m2_month
        if fee is not None:
            fields["fee_standard"] = f"{hundredths_text(fee)}元/㎡·月"
        manager = session.scalar(
            select(CompanyStaff).where(
                CompanyStaff.company_uuid == contract.company_uuid,
                CompanyStaff.estate_uuid == estate.uuid,
                CompanyStaff.role == StaffRole.PROJECT_MANAGER,
            )
        )
        if manager is not None:  # named in clear by law (民法典 art 943; DOMAIN.md §5)
            fields["manager"] = manager.name
            # A work landline shows; a personal mobile needs recorded consent, which only a
            # disclosure board holds, so here it is masked (a --field value may override).
            phone = manager.phone
            fields["manager_phone"] = mask_mobile(phone) if validate_mobile(phone).ok else phone
    committee = session.scalar(
        select(Committee).where(Committee.estate_uuid == estate.uuid, in_term(today))
    )
    if committee is not None:
        # The body's own name: an estate served by a 物业管理委员会 has no 业主委员会.
        body = CommitteeKind.label_of(committee.kind)
        fields["committee"] = f"{estate.name}第{committee.term_number}届{body}"
    return {k: v for k, v in fields.items() if v}
