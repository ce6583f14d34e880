"""Which boards a print job covers: one board, an estate with its buildings, a community;
building boards of an estate without a contract are listed as skipped, never dropped."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.codes import ManagementType
from app.errors import InputError
from app.models import BoardPrint, Estate
from app.services.board_prints import (
    find_community,
    issuer_of,
    plan_board,
    plan_community,
    plan_estate,
    record_batch,
)
from app.services.buildings import BuildingIn, save_building
from app.services.companies import CompanyIn, ContractIn, create_company, create_contract
from app.services.estates import EstateIn, create_estate
from tests.conftest import COMMUNITY_A, TODAY


@pytest.fixture
def estates(db):  # type: ignore[no-untyped-def]
    """相山花园 (contract, buildings 10号楼, 2号楼, 1号楼) and 和平新村 (居民自治, 1 building)."""
    with db.sessions.begin() as s:
        served = create_estate(
            s, EstateIn(community_code=COMMUNITY_A, name="相山花园", households=300), today=TODAY
        )
        for name in ("10号楼", "2号楼", "1号楼"):
            save_building(s, BuildingIn(estate_uuid=served, name=name))
        company = create_company(
            s, CompanyIn(credit_code="91340603MA2W000184", name="淮北市安居物业服务有限公司")
        )
        create_contract(s, ContractIn(served, company, start_date=date(2025, 1, 1)))
        own = create_estate(
            s,
            EstateIn(
                community_code=COMMUNITY_A,
                name="和平新村",
                households=80,
                management_type=ManagementType.RESIDENTS.value,
            ),
            today=TODAY,
        )
        save_building(s, BuildingIn(estate_uuid=own, name="1号楼"))
    return served, own


def test_an_estate_batch_is_its_board_then_its_buildings_in_natural_order(db, estates) -> None:
    with db.sessions.begin() as s:
        batch = plan_estate(s, "相山花园", today=TODAY)
    assert [c.building for c in batch.contents] == ["", "1号楼", "2号楼", "10号楼"]
    assert all(c.issuer == "曲阳街道 桓谭社区" and c.masked for c in batch.contents)


def test_a_community_batch_skips_buildings_without_a_company_and_says_so(db, estates) -> None:
    with db.sessions.begin() as s:
        batch = plan_community(s, "桓谭社区", buildings=True, today=TODAY)
    titles = [c.title for c in batch.contents]
    assert titles[0] == "和平新村物业服务信息公示栏" and "相山花园1号楼物业服务信息公示栏" in titles
    assert len(titles) == 5  # two estate boards and 相山花园's three buildings
    assert [s.title for s in batch.skipped] == ["和平新村的1个楼栋公示栏（1号楼等）"]
    assert "物业服务合同" in batch.skipped[0].reason
    assert batch.contents[0].management == "居民自治" and batch.contents[0].company == ""


def test_a_community_is_found_by_code_or_name_within_the_office(db, estates) -> None:
    with db.reader() as s:
        assert find_community(s, "340603010001").name == "桓谭社区"
        with pytest.raises(InputError, match="本辖区没有社区“东山社区”"):
            find_community(s, "东山社区")


def test_a_community_without_estates_is_a_clear_error(db, estates) -> None:
    with db.sessions.begin() as s, pytest.raises(InputError, match="南湖社区尚未登记小区"):
        plan_community(s, "南湖社区", today=TODAY)


def test_one_building_board_needs_the_estate_to_have_a_company(db, estates) -> None:
    with db.sessions.begin() as s:
        one = plan_board(s, "相山花园", building="2号楼", today=TODAY)
        assert one.contents[0].building == "2号楼"
        with pytest.raises(InputError, match=r"和平新村.*没有物业服务合同"):
            plan_board(s, "和平新村", building="1号楼", today=TODAY)
        listed = "没有名为“3号楼”的楼栋（已登记：1号楼、2号楼、10号楼）"
        with pytest.raises(InputError, match=listed):
            plan_board(s, "相山花园", building="3号楼", today=TODAY)


def test_recording_a_batch_gives_each_board_its_next_version(db, estates) -> None:
    for expected in (1, 2):
        with db.sessions.begin() as s:
            batch = plan_estate(s, "相山花园", today=TODAY)
            assert {c.version for c in batch.contents} == {expected}
            record_batch(s, batch, size="A3")
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(BoardPrint)) == 8
        assert issuer_of(s, s.get(Estate, estates[0])) == "曲阳街道 桓谭社区"
