"""Complaint timing figures per subordinate office (issue 17 items 4 and 7): a street's two
communities at the limits of complaint_sla_days (1 day to respond, 15 to close), the street's
figure the sum of its communities' counts, its median recomputed from all their complaints,
and the same figures in `wuye stats --by-subordinate --json` and the summary workbook."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta

from openpyxl import load_workbook

from app.services.aggregate import subordinate_figures, total_of
from app.services.complaint_figures import ComplaintTimes
from app.services.complaints import ComplaintIn, create_complaint
from app.services.stats import office_stats
from reports.xlsx.summary import SUMMARY_HEADERS, write_ledger_summary
from tests.conftest import COMMUNITY_A, COMMUNITY_B, TODAY

DAY = timedelta(days=1)
EARLY = datetime(2026, 11, 1, 9, 0)


def add(s, community: str, received: datetime, first=None, closed=None) -> None:  # type: ignore[no-untyped-def]
    create_complaint(
        s,
        ComplaintIn(community_code=community, content="楼道堆放杂物", received_at=received,
                    first_response_at=first, closed_at=closed, category="环境卫生"),
    )  # fmt: skip


def street_with_complaints(db):  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        # 桓谭社区: one on time exactly at both limits, one a day late at both
        add(s, COMMUNITY_A, EARLY, EARLY + DAY, EARLY + 15 * DAY)
        add(s, COMMUNITY_A, EARLY, EARLY + 2 * DAY, EARLY + 16 * DAY)
        # 南湖社区: answered in 3 hours but still open past 15 days (late already), and one
        # received this morning (not yet due: counted in neither share)
        add(s, COMMUNITY_B, datetime(2026, 11, 5, 9, 0), datetime(2026, 11, 5, 12, 0))
        add(s, COMMUNITY_B, datetime(2026, 11, 25, 8, 0))
    return db


def test_each_community_at_the_limits_and_the_street_the_sum(db) -> None:  # type: ignore[no-untyped-def]
    street_with_complaints(db)
    with db.reader() as s:
        rows = subordinate_figures(s, TODAY)
        own = office_stats(s, TODAY, complaint_timing=True).complaint_times
        alone = {
            code: subordinate_figures(s, TODAY, root=code)[0].complaint_times
            for code in (COMMUNITY_A, COMMUNITY_B)
        }
    a, b = (r.complaint_times for r in rows)
    assert (a.complaints, a.overdue) == (2, 1)
    assert (a.response.numerator, a.response.denominator) == (1, 2)  # exactly 1 day: on time
    assert (a.closing.numerator, a.closing.denominator) == (1, 2)  # exactly 15 days: on time
    assert (a.median_response_hours, a.median_closing_days) == (36.0, 15.5)
    assert (b.complaints, b.overdue) == (2, 1)
    assert (b.response.numerator, b.response.denominator) == (1, 1)
    assert (b.closing.numerator, b.closing.denominator) == (0, 1)
    assert (b.median_response_hours, b.median_closing_days) == (3.0, None)
    assert {COMMUNITY_A: a, COMMUNITY_B: b} == alone  # a community's row is its own figure
    # the street: counts summed, the median of all three responses (24 h), not of the medians
    total = total_of(rows).complaint_times
    assert own == total == a + b
    assert (own.response.numerator, own.response.denominator) == (2, 3)
    assert (own.closing.numerator, own.closing.denominator) == (1, 3)
    assert own.median_response_hours == 24.0 != (36.0 + 3.0) / 2
    assert own.median_closing_days == 15.5 and own.overdue == 2


def test_an_office_without_complaints_shows_dashes_not_zero(db) -> None:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        rows = subordinate_figures(s, TODAY)
    assert all(r.complaint_times == ComplaintTimes() for r in rows)
    data = rows[0].as_dict()["complaint_times"]
    assert data["median_response_hours"] is None and data["response_on_time"]["percent"] is None


def test_by_subordinate_json_and_stats_json_carry_the_figures(db) -> None:  # type: ignore[no-untyped-def]
    street_with_complaints(db).close()

    def run(*args: str) -> dict:  # type: ignore[type-arg]
        done = subprocess.run(
            [sys.executable, "-m", "app", "--db", str(db.path), "stats", "--json", "--today",
             TODAY.isoformat(), *args], capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    by_sub = run("--by-subordinate")
    first = by_sub["rows"][0]["complaint_times"]
    assert set(first) == {"complaints", "median_response_hours", "response_on_time",
                          "median_closing_days", "closing_on_time", "overdue"}  # fmt: skip
    assert first["response_on_time"] == {"numerator": 1, "denominator": 2,
                                         "target_percent": 0, "percent": 50.0,
                                         "met": True}  # fmt: skip
    total = by_sub["total"]["complaint_times"]
    assert (total["median_response_hours"], total["response_on_time"]["percent"]) == (24.0, 66.7)
    assert run()["complaint_times"] == total


def test_the_summary_has_the_columns_and_its_total_is_the_office(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    street_with_complaints(db)
    with db.reader() as s:
        ws = load_workbook(write_ledger_summary(s, tmp_path / "s.xlsx", today=TODAY)).active
        own = office_stats(s, TODAY, complaint_timing=True).complaint_times
    rows = {
        r[0]: dict(zip(SUMMARY_HEADERS, r, strict=True))
        for r in ws.iter_rows(min_row=4, max_col=len(SUMMARY_HEADERS), values_only=True)
        if r[1] is not None
    }
    a, total = rows["桓谭社区"], rows["合计"]
    assert (a["投诉件数"], a["响应用时中位数（小时）"], a["计入响应考核件数"], a["其中按时响应"],
            a["按时响应率"]) == (2, 36.0, 2, 1, 0.5)  # fmt: skip
    assert (a["办结用时中位数（天）"], a["计入办结考核件数"], a["其中按时办结"]) == (15.5, 2, 1)
    assert rows["南湖社区"]["办结用时中位数（天）"] == "—"
    assert (total["投诉件数"], total["响应用时中位数（小时）"], total["其中按时响应"],
            total["计入响应考核件数"], total["其中按时办结"], total["计入办结考核件数"]) == (
        own.complaints, own.median_response_hours, own.response.numerator,
        own.response.denominator, own.closing.numerator, own.closing.denominator)  # fmt: skip


def test_the_text_output_has_a_complaint_clause_per_office(db) -> None:  # type: ignore[no-untyped-def]
    street_with_complaints(db).close()
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db.path), "stats", "--by-subordinate",
         "--today", TODAY.isoformat()], capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()[1:]
    assert lines[0].startswith("桓谭社区")
    assert "投诉 2 件，响应用时中位数 36.0小时，按时响应 50.0%（1/2）" in lines[0]
    assert lines[2].startswith("合计") and "按时办结 33.3%（1/3），超时 2 件" in lines[2]


def test_a_districts_street_rows_equal_the_sum_of_their_communities(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.db import open_database
    from app.services.offices import add_org, init_office

    district = "340603000000"
    streets = {"340603001000": ["340603001001", "340603001002"], "340603002000": ["340603002001"]}
    database = open_database(tmp_path / "district.sqlite", actor="tester")
    try:
        with database.sessions.begin() as s:
            init_office(s, code=district, name="相山区", level="district")
            for n, (street, communities) in enumerate(streets.items()):
                add_org(s, code=street, name=f"街道{n}", level="street", parent_code=district)
                for k, code in enumerate(communities):
                    add_org(s, code=code, name=f"社区{n}{k}", level="community", parent_code=street)
                    # on time at both limits; a day late at both; open and late; not yet due
                    add(s, code, EARLY, EARLY + DAY, EARLY + 15 * DAY)
                    for _ in range(k + 1):
                        add(s, code, EARLY, EARLY + 2 * DAY, EARLY + 16 * DAY)
                    add(s, code, EARLY + n * DAY, EARLY + (n + 3) * DAY)
                    add(s, code, datetime(2026, 11, 25, 8, 0))
        with database.reader() as s:
            rows = subordinate_figures(s, TODAY)
            per_street = {
                street: [r.complaint_times for r in subordinate_figures(s, TODAY, root=street)]
                for street in streets
            }
            own = office_stats(s, TODAY, complaint_timing=True).complaint_times
    finally:
        database.close()
    for row in rows:
        communities = per_street[row.code]
        summed = sum(communities, start=ComplaintTimes())
        assert row.complaint_times == summed
        assert row.complaint_times.response == sum(
            (c.response for c in communities), start=ComplaintTimes().response
        )
    assert own == total_of(rows).complaint_times
    assert (own.complaints, own.response.denominator, own.closing.denominator) == (13, 10, 10)
