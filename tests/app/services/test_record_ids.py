"""Records named as people name them: a per-year number given at creation, or an id prefix."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import InputError, NotFound
from app.services.holidays import work_calendar
from app.services.record_ids import PROBLEMS, TASKS, resolve_id
from app.services.tasks import TaskIn, add_task, get_task


def add(db, issued: date, title: str = "清理楼道杂物") -> str:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        return add_task(s, TaskIn(title, "恒信物业", "曲阳街道", issued), work_calendar(s))


def test_numbers_run_per_year_and_are_kept(db) -> None:
    uuids = [add(db, d) for d in (date(2025, 12, 30), date(2026, 1, 5), date(2026, 2, 9))]
    with db.reader() as s:
        cal = work_calendar(s)
        numbers = [get_task(s, u, today=date(2026, 3, 1), cal=cal).number for u in uuids]
    assert numbers == ["2025-0001", "2026-0001", "2026-0002"]


def test_a_number_a_full_id_or_a_unique_prefix_name_the_task(db) -> None:
    first, second = add(db, date(2026, 1, 5)), add(db, date(2026, 1, 6), "修复单元门")
    with db.reader() as s:
        assert resolve_id(s, TASKS, "2026-2") == second
        assert resolve_id(s, TASKS, first) == first
        common = next(i for i in range(36) if first[i] != second[i])
        assert resolve_id(s, TASKS, second[: max(common + 1, 4)]) == second


def test_an_ambiguous_prefix_lists_the_candidates_and_a_short_one_is_refused(db) -> None:
    first, second = add(db, date(2026, 1, 5)), add(db, date(2026, 1, 6), "修复单元门")
    common = next(i for i in range(36) if first[i] != second[i])
    with db.reader() as s:
        if common >= 4:  # uuid7s made in the same moment share their first characters
            with pytest.raises(InputError, match="对应多个督办事项") as many:
                resolve_id(s, TASKS, first[:4])
            assert "2026-0001" in str(many.value) and "修复单元门" in str(many.value)
        with pytest.raises(InputError, match="太短"):
            resolve_id(s, TASKS, "01")
        with pytest.raises(NotFound, match="找不到问题"):
            resolve_id(s, PROBLEMS, "2026-0099")
