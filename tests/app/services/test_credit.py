"""Company credit from evidence: typed items checked by field, derived items from problems,
complaints and interviews (never typed twice), the 守信/失信 lists."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import CreditItem
from app.services.companies import CompanyIn, create_company, get_company, update_company
from app.services.complaints import ComplaintIn, create_complaint
from app.services.credit import CreditItemIn, add_credit_item, credit_lines, credit_sheet
from app.services.holidays import work_calendar
from app.services.problems import create_problem
from app.services.tasks import TaskIn, add_task, interview
from tests.app.services.casework_fixtures import a_problem
from tests.conftest import COMMUNITY_A, TODAY

NAME = "恒信物业"


@pytest.fixture
def company(db) -> str:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        return create_company(s, CompanyIn(credit_code="91340603MA2W000184", name=NAME))


def sheet(db):  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return credit_sheet(s, NAME, TODAY)


def test_a_new_company_has_the_basic_score(db, company: str) -> None:
    assert (sheet(db).standing.score, sheet(db).standing.band) == (80, "AA")


def test_typed_items_count_by_kind_and_date(db, company: str) -> None:
    with db.sessions.begin() as s:
        add_credit_item(s, CreditItemIn(NAME, date(2026, 3, 1), "表彰", "淮住建〔2026〕3号"))
        add_credit_item(s, CreditItemIn("91340603MA2W000184", date(2026, 5, 1), "通报", "通报", 12))
        add_credit_item(s, CreditItemIn(NAME, date(2025, 1, 1), "负面查处", "两年前的查处", 30))
    got = sheet(db)
    assert (got.standing.score, got.standing.band) == (73, "A")
    assert len(got.entries) == 3 and len(got.standing.counted) == 2


def test_bad_input_is_refused_by_field_and_nothing_stored(db, company: str) -> None:
    bad = CreditItemIn(NAME, TODAY, "好评", " ", 500, TODAY - timedelta(days=1))
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        add_credit_item(s, bad)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"credit_kind", "basis", "points", "last_day"}
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(CreditItem)) == 0


def test_overdue_rectifications_complaints_and_interviews_are_derived(db, company: str) -> None:
    with db.sessions.begin() as s:
        late = create_problem(s, a_problem(deadline=TODAY - timedelta(days=3)))
        create_problem(s, a_problem(deadline=TODAY + timedelta(days=3)))  # not due yet
        create_problem(s, a_problem(responsible_unit="别家物业"))
        task = add_task(s, TaskIn("督促整改门禁", NAME, issued_on=TODAY - timedelta(days=2),
                                  problem_uuid=late), work_calendar(s))  # fmt: skip
        interview(s, task, TODAY - timedelta(days=1), "恒信物业项目经理", "承诺三日内完成")
        create_complaint(s, ComplaintIn(
            channel="12345热线", complainant_name="赵大海", complainant_phone="13812345678",
            community_code=COMMUNITY_A, category="环境卫生", content="楼道堆放杂物",
            received_at=datetime(2026, 11, 1, 9), company_uuid=company,
        ))  # fmt: skip
    got = sheet(db)
    kinds = sorted(e.kind for e in got.entries if e.derived)
    assert kinds == ["complaint_overdue", "interview", "overdue_rectification"]
    assert got.standing.score == 80 - 2 - 2 - 1
    with db.reader() as s:  # derived, not stored
        assert s.scalar(select(func.count()).select_from(CreditItem)) == 0


def test_the_lists_and_the_blacklist(db, company: str) -> None:
    with db.sessions.begin() as s:
        add_credit_item(s, CreditItemIn(NAME, TODAY, "第三方评价", "第三方测评不合格", -25))
    with db.reader() as s:
        assert [line.band for line in credit_lines(s, TODAY, "失信")] == ["C"]
        assert credit_lines(s, TODAY, "守信") == []
        with pytest.raises(InputError, match="信用等级“D”不存在"):
            credit_lines(s, TODAY, "D")
    with db.sessions.begin() as s:
        data = get_company(s, company)
        data.market_status = "removed"
        update_company(s, company, data)
    assert sheet(db).standing.band == "黑名单"


def test_the_party_organisation_keeps_since_when_and_none_has_no_date(db) -> None:  # type: ignore[no-untyped-def]
    since = date(2023, 7, 1)
    with db.sessions.begin() as s:
        data = CompanyIn("91340603MA2W000184", NAME, party_org="联合建立", party_org_since=since)
        uuid = create_company(s, data)
    with db.reader() as s:
        assert (get_company(s, uuid).party_org, get_company(s, uuid).party_org_since) == (
            "joint", since,
        )  # fmt: skip
    with db.sessions.begin() as s, pytest.raises(InputError, match="未建立党组织的企业不填"):
        data = get_company(s, uuid)
        data.party_org = "none"
        update_company(s, uuid, data)


def test_a_circular_naming_the_company_counts_until_the_day_before_its_anniversary(
    db, company: str
) -> None:  # type: ignore[no-untyped-def]
    """A 通报 of criticism is a derived 通报 item, of praise a 表彰 item, dated the day it was
    issued with its number as evidence; one issued a year ago to the day has lapsed."""
    from app.services.circulars import CircularIn, add_circular

    def issue(kind: str, on: date, number: str) -> str:
        data = CircularIn(kind, f"关于{NAME}的通报", "事实经过。", issued_on=on,
                          doc_number=number, parties=[("company", NAME)])  # fmt: skip
        with db.sessions.begin() as s:
            return add_circular(s, data, today=TODAY)

    last_year = TODAY.replace(year=TODAY.year - 1)
    issue("criticism", last_year, "淮物管〔2025〕9号")  # lapsed: its last day was yesterday
    issue("criticism", last_year + timedelta(days=1), "淮物管〔2025〕10号")  # last day today
    issue("praise", TODAY - timedelta(days=30), "淮物管〔2026〕2号")
    got = sheet(db)
    circulars = [e for e in got.entries if e.derived and e.kind in ("circular", "commendation")]
    assert [(e.on, e.kind, e.points) for e in circulars] == [
        (TODAY - timedelta(days=30), "commendation", 5),
        (last_year + timedelta(days=1), "circular", -3),
        (last_year, "circular", -3),
    ]
    assert "淮物管〔2025〕10号" in circulars[1].evidence
    counted = set(got.standing.counted)
    assert [e in counted for e in circulars] == [True, True, False]
    assert got.standing.score == 80 + 5 - 3
    with db.reader() as s:
        tomorrow = credit_sheet(s, NAME, TODAY + timedelta(days=1))
    assert tomorrow.standing.score == 80 + 5  # the second criticism lapses the next day
