"""Editing what the window's forms edit: buildings renamed and deleted, contracts listed with
their 项目负责人, staff renamed without taking another's name."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.errors import InputError, NotFound
from app.models import AuditEntry
from app.services.buildings import (
    BuildingIn,
    delete_building,
    estate_buildings,
    save_building,
    update_building,
)
from app.services.companies import (
    CompanyIn,
    ContractIn,
    StaffIn,
    contracts_of,
    create_company,
    create_contract,
    delete_contract,
    save_contract,
    save_staff,
    staff_of,
    update_staff,
)
from app.services.estates import EstateIn, create_estate
from tests.conftest import COMMUNITY_A, TODAY


@pytest.fixture
def estate_and_company(db):  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        estate = create_estate(s, EstateIn(community_code=COMMUNITY_A, name="相山花园",
                                           households=10), today=TODAY)  # fmt: skip
        company = create_company(s, CompanyIn(credit_code="91340603MA2W000184", name="恒信物业"))
    return db, estate, company


def test_a_building_renamed_onto_another_is_refused(estate_and_company) -> None:  # type: ignore[no-untyped-def]
    db, estate, _ = estate_and_company
    with db.sessions.begin() as s:
        first, _ = save_building(s, BuildingIn(estate, "1号楼"))
        save_building(s, BuildingIn(estate, "2号楼"))
    with pytest.raises(InputError, match="已有名为“2号楼”"), db.sessions.begin() as s:
        update_building(s, first, BuildingIn(estate, "2号楼"))
    with db.sessions.begin() as s:
        delete_building(s, first)
    with db.reader() as s:
        assert [b.name for b in estate_buildings(s, estate)] == ["2号楼"]


def test_a_contract_lists_the_manager_named_for_its_estate(estate_and_company) -> None:  # type: ignore[no-untyped-def]
    db, estate, company = estate_and_company
    with db.sessions.begin() as s:
        save_contract(s, ContractIn(estate, company, date(2025, 1, 1), selection_method="公开招标"))
        save_staff(s, StaffIn(company, "李强", "项目负责人", estate_uuid=estate), today=TODAY)
        save_staff(s, StaffIn(company, "王敏", "客服"), today=TODAY)
    with db.reader() as s:
        (row,) = contracts_of(s, estate_uuid=estate)
        assert (row.company_name, row.selection_method, row.manager) == (
            "恒信物业",
            "公开招标",
            "李强",
        )
        assert row.in_force(TODAY)
        assert contracts_of(s, company_uuid=company) == [row]


def test_staff_renamed_onto_a_colleague_is_refused(estate_and_company) -> None:  # type: ignore[no-untyped-def]
    db, _, company = estate_and_company
    with db.sessions.begin() as s:
        first, _ = save_staff(s, StaffIn(company, "李强"), today=TODAY)
        save_staff(s, StaffIn(company, "王敏", certificate="物业管理师 1"), today=TODAY)
    with pytest.raises(InputError) as caught, db.sessions.begin() as s:
        update_staff(s, first, StaffIn(company, "王敏"), today=TODAY)
    assert caught.value.for_field("name")
    with db.reader() as s:
        assert [(r.name, r.certificate) for r in staff_of(s, company)] == [
            ("李强", ""), ("王敏", "物业管理师 1")
        ]  # fmt: skip


def test_a_deleted_contract_is_a_tombstone_with_its_audit_row(estate_and_company) -> None:  # type: ignore[no-untyped-def]
    db, estate, company = estate_and_company
    with db.sessions.begin() as s:
        contract = create_contract(s, ContractIn(estate, company, date(2025, 1, 1)))
    with db.sessions.begin() as s:
        delete_contract(s, contract)
    with pytest.raises(NotFound, match="找不到服务合同"), db.sessions.begin() as s:
        delete_contract(s, contract)  # gone for every later delete
    with db.reader() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.row_uuid == contract))
        assert sorted(actions) == ["delete", "insert"]
