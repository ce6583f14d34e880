"""Disclosure boards: masked as DOMAIN.md §5 allows, versioned per print, an unmasked print
audited, and boards that are never printed, expired or changed listed for reprinting."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.codes import ManagementType
from app.errors import InputError
from app.models import (
    AuditEntry,
    BoardPrint,
    CommitteeMember,
    DisclosureBoard,
    Estate,
    PropertyCompany,
    ServiceContract,
)
from app.services.board_sources import source_hash
from app.services.buildings import BuildingIn, save_building
from app.services.committees import CommitteeIn, MemberIn, save_committee
from app.services.companies import (
    CompanyIn,
    ContractIn,
    StaffIn,
    create_company,
    create_contract,
    create_staff,
    current_contract,
)
from app.services.disclosure import (
    boards_out_of_date,
    content_from_json,
    content_json,
    ensure_board,
    estate_boards,
    panel_content,
    record_print,
    update_board,
)
from app.services.estates import EstateIn, create_estate, get_estate, update_estate
from tests.conftest import COMMUNITY_A, TODAY

ISSUER = "曲阳街道 桓谭社区"


@dataclass(frozen=True)
class Served:
    estate: str
    building: str
    company: str


def add_estate(s, name: str = "相山花园") -> str:  # type: ignore[no-untyped-def]
    data = EstateIn(
        community_code=COMMUNITY_A,
        name=name,
        households=600,
        parking_spaces=600,
        elevators=12,
        fee_fen_per_m2_month=85,
        service_grade="二级",
    )
    return create_estate(s, data, today=TODAY)


@pytest.fixture
def served(db) -> Served:
    """An estate with a building, a company under contract, its 项目负责人 and a committee."""
    with db.sessions.begin() as s:
        estate = add_estate(s)
        building, _ = save_building(s, BuildingIn(estate_uuid=estate, name="1号楼"))
        company = create_company(
            s,
            CompanyIn(
                credit_code="91340603MA2W000184",
                name="淮北市安居物业服务有限公司",
                contact_phone="0561-3034569",
            ),
        )
        create_contract(s, ContractIn(estate, company, start_date=date(2025, 1, 1)))
        create_staff(
            s, StaffIn(company, "陈建国", phone="13812345678", estate_uuid=estate), today=TODAY
        )
        members = [
            MemberIn("王小明", "chair", True, "13912345678"),
            MemberIn("李华", "vice_chair", True, "0561-3012345"),
            MemberIn("张三丰", "member", True, "15112345678"),
            MemberIn("赵四", "member"),
            MemberIn("钱五", "member"),
        ]
        save_committee(
            s,
            None,
            CommitteeIn(
                estate_uuid=estate,
                elected_on=date(2024, 3, 1),
                term_start=date(2024, 3, 5),
                term_end=date(2029, 3, 4),
                filed_on=date(2024, 3, 20),
                members=members,
            ),
            today=TODAY,
            require_vetting=False,
        )
    return Served(estate, building, company)


def content(db, estate: str, building: str | None = None, **options):  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        board = ensure_board(s, estate, building)
        return panel_content(s, board, today=options.pop("today", TODAY), issuer=ISSUER, **options)


def printed(db, estate: str, building: str | None = None, **options):  # type: ignore[no-untyped-def]
    panel = content(db, estate, building, **options)
    with db.sessions.begin() as s:
        record_print(s, panel, size="A4")
    return panel


def contacts(panel) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {c.role: (c.name, c.phone) for c in panel.contacts}


def items(panel) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {i.label: i.text for i in panel.items}


def set_board(db, estate: str, building: str | None = None, **changes) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        update_board(s, ensure_board(s, estate, building), **changes)


def stale(db, today: date = TODAY) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        return {(b.estate, b.building): b.reason for b in boards_out_of_date(s, today=today)}


# -- masking ------------------------------------------------------------------------------


def test_the_manager_is_named_in_clear_and_a_mobile_is_masked_without_consent(db, served) -> None:
    panel = content(db, served.estate, served.building)
    assert contacts(panel)["项目负责人"] == ("陈建国", "138****5678")
    assert panel.scope == "building" and panel.title == "相山花园1号楼物业服务信息公示栏"


def test_a_managers_mobile_shows_in_clear_with_recorded_consent(db, served) -> None:
    set_board(db, served.estate, served.building, consent_public_phone=True)
    panel = content(db, served.estate, served.building)
    assert contacts(panel)["项目负责人"] == ("陈建国", "13812345678")


def test_consent_on_the_estate_board_covers_its_building_boards(db, served) -> None:
    set_board(db, served.estate, consent_public_phone=True)
    assert contacts(content(db, served.estate, served.building))["项目负责人"][1] == "13812345678"


def test_a_managers_work_landline_shows_in_clear(db, served) -> None:
    with db.sessions.begin() as s:
        create_staff(
            s,
            StaffIn(served.company, "陈建国", phone="0561-3034567", estate_uuid=served.estate),
            today=TODAY,
        )
    assert contacts(content(db, served.estate, served.building))["项目负责人"][1] == "0561-3034567"


def test_committee_officers_are_named_in_clear_with_their_phones_masked(db, served) -> None:
    found = contacts(content(db, served.estate))
    assert found["业主委员会主任"] == ("王小明", "139****5678")
    assert found["业主委员会副主任"] == ("李华", "0561-***2345")
    assert "张三丰" not in {name for name, _ in found.values()}


def test_the_complaint_phone_and_hotlines_are_in_clear(db, served) -> None:
    panel = content(db, served.estate, served.building)
    assert [(h.role, h.phone) for h in panel.hotlines] == [
        ("物业服务投诉电话", "0561-3034569"),
        ("政务服务便民热线", "12345"),
        ("价格举报投诉", "12315"),
    ]


def complaint_line(panel) -> str:  # type: ignore[no-untyped-def]
    return next(h.phone for h in panel.hotlines if h.role == "物业服务投诉电话")


def test_a_companys_mobile_never_reaches_the_board_in_clear_through_the_fallback(
    db, served
) -> None:  # type: ignore[no-untyped-def]
    # The board has no complaint phone of its own: the company contact's own mobile stood in.
    with db.sessions.begin() as s:
        s.get(PropertyCompany, served.company).contact_phone = "13850217099"
    assert complaint_line(content(db, served.estate)) == "138****7099"
    set_board(db, served.estate, consent_public_phone=True)
    assert complaint_line(content(db, served.estate)) == "13850217099"


def test_an_unmasked_print_shows_every_phone_and_is_audited(db, served) -> None:
    panel = printed(db, served.estate, masked=False)
    assert contacts(panel)["项目负责人"] == ("陈建国", "13812345678")
    assert contacts(panel)["业主委员会主任"] == ("王小明", "13912345678")
    with db.reader() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "unmasked")).one()
    assert (entry.table_name, entry.row_uuid, entry.actor) == (
        "disclosure_board",
        panel.board_uuid,
        "tester",
    )


def test_a_masked_print_writes_no_unmasked_audit_entry(db, served) -> None:
    printed(db, served.estate)
    with db.reader() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "unmasked")).all() == []


# -- companies and items ------------------------------------------------------------------


def test_a_building_board_of_an_estate_without_a_contract_names_the_estate(db) -> None:
    with db.sessions.begin() as s:
        estate = add_estate(s, "南湖家园")
        building, _ = save_building(s, BuildingIn(estate_uuid=estate, name="2号楼"))
    with pytest.raises(InputError, match="小区“南湖家园”目前没有物业服务合同"):
        content(db, estate, building)


def test_an_estate_board_prints_without_a_company(db) -> None:
    with db.sessions.begin() as s:
        estate = add_estate(s, "南湖家园")
    panel = content(db, estate)
    assert panel.company == "" and "项目负责人" not in contacts(panel)


def test_empty_items_are_derived_from_the_ledgers_and_the_boards_text_wins(db, served) -> None:
    set_board(db, served.estate, utility_split="按户均摊，每季度公布。")
    found = items(content(db, served.estate))
    assert found["收费项目和标准"] == "物业费：0.85元/㎡·月（住宅）"
    assert found["车位车库使用情况"] == "车位 600 个"
    assert found["电梯维护保养支出情况"].startswith("电梯 12 部")
    assert found["公共水电费分摊情况"] == "按户均摊，每季度公布。"
    assert found["物业费和公共收益收支情况"] == "（待填写）"


def test_a_bad_complaint_phone_and_period_are_refused_together(db, served) -> None:
    with pytest.raises(InputError) as caught:
        set_board(db, served.estate, complaint_phone="12", period_days=367)
    assert caught.value.for_field("complaint_phone") and caught.value.for_field("period_days")


def test_the_old_price_hotline_is_kept_with_a_warning(db, served) -> None:
    with db.sessions.begin() as s:
        warnings = update_board(s, ensure_board(s, served.estate), complaint_phone="12358")
    assert any("12315" in w.message for w in warnings)


def test_stored_content_reads_back_equal(db, served) -> None:
    panel = content(db, served.estate)
    assert content_from_json(content_json(panel)) == panel


# -- versions -----------------------------------------------------------------------------


def test_each_print_is_the_next_version_of_its_own_board(db, served) -> None:
    assert printed(db, served.estate).version == 1
    assert printed(db, served.estate).version == 2
    assert content(db, served.estate).version == 3
    assert content(db, served.estate, served.building).version == 1


def test_a_version_already_printed_cannot_be_recorded_again(db, served) -> None:
    panel = printed(db, served.estate)
    with pytest.raises(InputError, match="已印至第1版"), db.sessions.begin() as s:
        record_print(s, panel, size="A4")


def test_estate_boards_gives_the_estate_board_then_each_building_once(db, served) -> None:
    with db.sessions.begin() as s:
        save_building(s, BuildingIn(estate_uuid=served.estate, name="10号楼"))
        save_building(s, BuildingIn(estate_uuid=served.estate, name="2号楼"))
        first = estate_boards(s, served.estate)
        assert estate_boards(s, served.estate) == first
        assert first[0] == ensure_board(s, served.estate)
        assert first[1] == ensure_board(s, served.estate, served.building)  # 1号楼 before 10号楼
    assert len(first) == 4


# -- out of date --------------------------------------------------------------------------


def test_boards_never_printed_are_listed_even_before_they_are_set_up(db, served) -> None:
    assert stale(db) == {("相山花园", ""): "从未打印", ("相山花园", "1号楼"): "从未打印"}


def test_an_unmasked_print_is_not_the_board_on_the_wall(db, served) -> None:
    printed(db, served.estate, masked=False)
    assert stale(db)[("相山花园", "")] == "从未打印"


def test_a_print_past_its_period_is_expired(db, served) -> None:
    set_board(db, served.estate, period_days=30)
    printed(db, served.estate)
    assert ("相山花园", "") not in stale(db, TODAY + timedelta(days=30))
    assert stale(db, TODAY + timedelta(days=31))[("相山花园", "")] == "已过期（2026-12-25）"


def test_editing_the_parking_spaces_changes_the_estate_board_only(db, served) -> None:
    printed(db, served.estate)
    printed(db, served.estate, served.building)
    assert stale(db, TODAY + timedelta(days=1)) == {}
    with db.sessions.begin() as s:
        data = get_estate(s, served.estate)
        update_estate(s, served.estate, replace(data, parking_spaces=650), today=TODAY)
    assert stale(db, TODAY + timedelta(days=1)) == {("相山花园", ""): "内容已变化"}


def hashes(db, estate: str, building: str | None = None) -> tuple[str | None, str]:  # type: ignore[no-untyped-def]
    """The source hash stored with the board's last print, and the hash of its rows now."""
    with db.sessions.begin() as s:
        board = s.get(DisclosureBoard, ensure_board(s, estate, building))
        stored = s.scalars(
            select(BoardPrint.source_hash)
            .where(BoardPrint.board_uuid == board.uuid)
            .order_by(BoardPrint.version.desc())
        ).first()
        return stored, source_hash(s, board, today=TODAY)


def test_a_print_keeps_the_hash_of_the_rows_it_was_drawn_from(db, served) -> None:
    printed(db, served.estate, served.building)
    stored, now = hashes(db, served.estate, served.building)
    assert stored == now and len(now) == 64


def test_an_edit_that_leaves_the_board_as_printed_asks_for_no_reprint(db, served) -> None:
    printed(db, served.estate)
    with db.sessions.begin() as s:
        data = get_estate(s, served.estate)
        update_estate(s, served.estate, replace(data, households=data.households + 1), today=TODAY)
    stored, now = hashes(db, served.estate)
    assert stored != now  # the estate row changed …
    assert ("相山花园", "") not in stale(
        db, TODAY + timedelta(days=1)
    )  # … but not what its board shows


def test_a_new_committee_chair_phone_changes_the_estate_board(db, served) -> None:
    printed(db, served.estate)
    with db.sessions.begin() as s:
        member = s.scalars(select(CommitteeMember).where(CommitteeMember.name == "王小明")).one()
        member.phone = "13900001111"
    assert stale(db, TODAY + timedelta(days=1))[("相山花园", "")] == "内容已变化"


def test_a_print_made_before_hashes_were_kept_is_still_compared(db, served) -> None:
    printed(db, served.estate)
    with contextlib.closing(sqlite3.connect(db.path)) as conn, conn:
        conn.execute("UPDATE board_print SET source_hash = NULL")  # as migration 0006 leaves it
    assert ("相山花园", "") not in stale(db, TODAY + timedelta(days=1))
    with db.sessions.begin() as s:
        data = get_estate(s, served.estate)
        update_estate(s, served.estate, replace(data, parking_spaces=650), today=TODAY)
    assert stale(db, TODAY + timedelta(days=1))[("相山花园", "")] == "内容已变化"


# -- the demo office ----------------------------------------------------------------------


def test_every_served_professional_estate_of_the_demo_shows_company_and_manager(demo_db) -> None:
    with demo_db.sessions.begin() as s:
        estates = s.scalars(
            select(Estate.uuid).where(
                Estate.management_type == ManagementType.PROFESSIONAL,
                Estate.uuid.in_(
                    select(ServiceContract.estate_uuid).where(*current_contract(TODAY))
                ),
            )
        ).all()
        panels = [
            panel_content(s, ensure_board(s, e), today=TODAY, issuer=ISSUER, require_company=True)
            for e in estates
        ]
    assert len(panels) >= 30
    assert all(p.company for p in panels)
    assert all(contacts(p)["项目负责人"][0] != "（待填写）" for p in panels)


def test_an_unmasked_internal_copy_does_not_bump_the_public_version(db, served) -> None:
    assert printed(db, served.estate).version == 1
    assert printed(db, served.estate, masked=False).version == 2
    assert printed(db, served.estate, masked=False).version == 2
    assert printed(db, served.estate).version == 2
