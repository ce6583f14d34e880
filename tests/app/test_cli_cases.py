"""`wuye cases`, `wuye task`, `wuye holiday` through a real process: ids on stdout, Chinese
errors on stderr with exit 1, and nothing changed on error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.test_cli import wuye


@pytest.fixture
def office(db) -> Path:  # type: ignore[no-untyped-def]
    db.close()
    return db.path


def test_task_round_trip_add_show_done_show(office: Path) -> None:
    added = wuye("task", "add", "--title", "清理楼道杂物", "--to", "恒信物业",
                 "--issued", "2025-09-26", db=office)  # fmt: skip
    assert added.returncode == 0, added.stderr
    task_id = added.stdout.strip()
    assert len(added.stdout.splitlines()) == 1 and len(task_id) == 36
    shown = json.loads(wuye("task", "show", task_id, "--json", "--today", "2025-09-29",
                            db=office).stdout)  # fmt: skip
    assert (shown["deadline"], shown["feedback_due"], shown["status"]) == (
        "2025-10-09", None, "open")  # fmt: skip
    done = wuye("task", "done", task_id, "--on", "2025-09-30", db=office)
    assert done.returncode == 0 and "2025-10-09" in done.stdout
    shown = json.loads(wuye("task", "show", task_id, "--json", db=office).stdout)
    assert (shown["feedback_due"], shown["status"], shown["due"]) == ("2025-10-09", "done", "done")


def test_bad_task_input_exits_1_in_chinese_and_changes_nothing(office: Path) -> None:
    before = office.read_bytes()
    early = wuye("task", "add", "--title", "x", "--to", "y", "--issued", "2025-09-26",
                 "--deadline", "2025-09-25", db=office)  # fmt: skip
    assert early.returncode == 1 and "不能早于交办日期" in early.stderr and not early.stdout
    unknown = wuye("task", "done", "no-such-id", "--on", "2025-09-30", db=office)
    assert unknown.returncode == 1 and "找不到督办事项" in unknown.stderr
    assert office.read_bytes() == before


def test_done_before_issue_exits_1_and_the_task_stays_open(office: Path) -> None:
    task_id = wuye("task", "add", "--title", "x", "--to", "y", "--issued", "2026-11-02",
                   db=office).stdout.strip()  # fmt: skip
    result = wuye("task", "done", task_id, "--on", "2026-11-01", db=office)
    assert result.returncode == 1 and "不能早于交办日期" in result.stderr
    shown = json.loads(wuye("task", "show", task_id, "--json", db=office).stdout)
    assert shown["status"] == "open"


def test_missing_required_option_is_a_usage_error(office: Path) -> None:
    assert wuye("task", "add", "--title", "x", "--to", "y", db=office).returncode == 2
    assert wuye("task", "add", "--title", "x", "--issued", "2026-11-02", db=office).returncode == 2


def test_a_holiday_entry_moves_a_2027_deadline(office: Path) -> None:
    assert wuye("holiday", "set", "2027-03-01", "--off", db=office).returncode == 0
    task_id = wuye("task", "add", "--title", "x", "--to", "y", "--issued", "2027-02-22",
                   db=office).stdout.strip()  # fmt: skip
    shown = json.loads(wuye("task", "show", task_id, "--json", db=office).stdout)
    assert shown["deadline"] == "2027-03-02"
    assert "2027年的节假日安排只录入了部分日期" in shown["warnings"][0]  # one day is not a year
    marked = wuye("holiday", "year", "2027", "--complete", db=office)
    assert marked.returncode == 0 and "2027年节假日表已录入完整" in marked.stdout
    shown = json.loads(wuye("task", "show", task_id, "--json", db=office).stdout)
    assert shown["warnings"] == []


def test_an_explicit_deadline_beyond_a_month_is_kept(office: Path) -> None:
    added = wuye("task", "add", "--title", "x", "--to", "y", "--issued", "2026-09-28",
                 "--deadline", "2026-12-31", db=office)  # fmt: skip
    assert added.returncode == 0, added.stderr
    shown = json.loads(wuye("task", "show", added.stdout.strip(), "--json", db=office).stdout)
    assert shown["deadline"] == "2026-12-31"


def test_a_task_to_an_office_lists_as_issued_with_its_answer_state(office: Path) -> None:
    added = wuye("task", "add", "--title", "报送消防通道整改情况", "--to-office", "340603010001",
                 "--issued", "2026-09-30", db=office)  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = json.loads(wuye("task", "list", "--issued", "--json", "--today", "2026-10-09",
                             db=office).stdout)  # fmt: skip
    [row] = listed
    assert (row["id"], row["deadline"], row["status"], row["answer_state"]) == (
        added.stdout.strip(), "2026-10-08", "open", "none")  # +7 = 10-07, still 国庆 2026
    assert json.loads(wuye("task", "list", "--incoming", "--json", db=office).stdout) == []
    refused = wuye("task", "answer", row["id"], "--on", "2026-10-09", "--result", "已整改",
                   db=office)  # fmt: skip
    assert refused.returncode == 1 and "不是交给本单位的" in refused.stderr
    nothing = wuye("task", "review", row["id"], "--accept", db=office)
    assert nothing.returncode == 1 and "没有待审核的反馈" in nothing.stderr
    both = wuye("task", "add", "--title", "x", "--to", "y", "--to-office", "340603010001",
                "--issued", "2026-09-30", db=office)  # fmt: skip
    assert both.returncode == 2


def test_task_summary_prints_a_line_per_unit(office: Path) -> None:
    wuye("task", "add", "--title", "x", "--to", "恒信物业", "--issued", "2026-11-02", db=office)
    summary = json.loads(wuye("task", "summary", "--today", "2026-11-25", "--json",
                              db=office).stdout)  # fmt: skip
    assert summary == [{"unit": "恒信物业", "office": None, "issued": 1, "done_on_time": 0,
                        "done_late": 0, "open": 0, "overdue": 1, "feedback_late": 0}]  # fmt: skip


def test_cases_on_the_demo_list_overdue_problems_and_units(demo_db) -> None:  # type: ignore[no-untyped-def]
    demo_db.close()
    overview = json.loads(wuye("cases", "overdue", "--today", "2026-11-25", "--json",
                               db=demo_db.path).stdout)  # fmt: skip
    assert overview["overdue"] > 0 and overview["overdue_by_unit"]
    listed = json.loads(wuye("cases", "list", "--overdue", "--today", "2026-11-25", "--json",
                             db=demo_db.path).stdout)  # fmt: skip
    assert len(listed) == overview["overdue"] and {r["due"] for r in listed} == {"overdue"}
    assert wuye("cases", "list", "--status", "不存在", db=demo_db.path).returncode == 2


def test_cases_move_closes_with_evidence_and_refuses_without(demo_db) -> None:  # type: ignore[no-untyped-def]
    demo_db.close()
    rectified = json.loads(wuye("cases", "list", "--status", "已整改", "--json",
                                db=demo_db.path).stdout)[0]["id"]  # fmt: skip
    refused = wuye("cases", "move", rectified, "--to", "已销号", "--evidence", " ", db=demo_db.path)
    assert refused.returncode == 1 and "佐证" in refused.stderr
    moved = wuye("cases", "move", rectified, "--to", "已销号", "--evidence", "验收记录",
                 "--who", "王晓梅", db=demo_db.path)  # fmt: skip
    assert moved.returncode == 0 and "已销号" in moved.stdout


def test_clearing_a_day_never_entered_exits_1(office: Path) -> None:
    result = wuye("holiday", "clear", "2027-01-01", db=office)
    assert result.returncode == 1 and "没有录入过" in result.stderr


def test_tasks_are_listed_and_named_by_their_number_or_an_id_prefix(office: Path) -> None:
    for title in ("清理楼道杂物", "修复单元门"):
        wuye("task", "add", "--title", title, "--to", "恒信物业", "--issued", "2025-09-26",
             db=office)  # fmt: skip
    listed = json.loads(wuye("task", "list", "--json", db=office).stdout)
    assert [t["number"] for t in listed] == ["2025-0001", "2025-0002"]
    assert "2025-0002" in wuye("task", "list", db=office).stdout
    done = wuye("task", "done", "2025-2", "--on", "2025-09-30", db=office)
    assert done.returncode == 0 and "修复单元门" in done.stdout, done.stderr
    by_prefix = wuye("task", "show", listed[0]["id"][:30], "--json", db=office)
    assert json.loads(by_prefix.stdout)["title"] == "清理楼道杂物"
    ambiguous = wuye("task", "show", listed[0]["id"][:4], db=office)
    assert ambiguous.returncode == 1 and "对应多个督办事项" in ambiguous.stderr
    assert "2025-0001" in ambiguous.stderr and "Traceback" not in ambiguous.stderr


def test_a_problem_is_moved_by_the_number_cases_list_prints(demo_db) -> None:  # type: ignore[no-untyped-def]
    demo_db.close()
    first = json.loads(wuye("cases", "list", "--status", "待整改", "--json",
                            db=demo_db.path).stdout)[0]  # fmt: skip
    assert first["number"].startswith("2026-")
    assert first["number"] in wuye("cases", "list", "--status", "待整改", db=demo_db.path).stdout
    moved = wuye("cases", "move", first["number"], "--to", "整改中", db=demo_db.path)
    assert moved.returncode == 0 and "整改中" in moved.stdout, moved.stderr


def test_task_add_to_records_a_known_unit_and_says_so(demo_db) -> None:  # type: ignore[no-untyped-def]
    demo_db.close()
    added = wuye("task", "add", "--title", "清理楼道", "--to", "供电公司", "--issued",
                 "2026-11-20", db=demo_db.path)  # fmt: skip
    assert added.returncode == 0 and "国网淮北供电公司" in added.stderr
    shown = json.loads(wuye("task", "show", added.stdout.strip(), "--json", db=demo_db.path).stdout)
    assert shown["to_unit"] == "国网淮北供电公司"


def test_a_task_done_on_a_day_still_to_come_exits_1_and_stays_open(office: Path) -> None:
    from datetime import date, timedelta

    added = wuye("task", "add", "--title", "清理楼道杂物", "--to", "恒信物业",
                 "--issued", "2025-09-26", db=office)  # fmt: skip
    later = (date.today() + timedelta(days=2)).isoformat()
    done = wuye("task", "done", added.stdout.strip(), "--on", later, db=office)
    assert done.returncode == 1 and "办结日期不能晚于今天" in done.stderr
    reminded = wuye("task", "remind", "2025-1", "--on", later, db=office)
    assert reminded.returncode == 1 and "催办日期不能晚于今天" in reminded.stderr
    shown = json.loads(wuye("task", "show", "2025-1", "--json", db=office).stdout)
    assert shown["status"] == "open" and shown["reminders"] == []
