"""The 问题清单公示: only public problems, masked, versioned, and listed again once changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import InputError
from app.models import Estate
from app.models import Problem as ProblemRecord
from app.services.problem_lists import (
    CHANGED,
    NEVER_PRINTED,
    plan_problem_list,
    problem_lists_out_of_date,
    record_problem_list,
)
from tests.conftest import TODAY


def _estate_with_public(s) -> Estate:  # type: ignore[no-untyped-def]
    uuid = s.scalar(
        select(ProblemRecord.estate_uuid).where(ProblemRecord.public.is_(True)).limit(1)
    )
    return s.get(Estate, uuid)


def test_only_public_problems_go_on_the_list_and_names_are_masked(demo_db) -> None:
    with demo_db.sessions.begin() as s:
        estate = _estate_with_public(s)
        problem = s.scalars(
            select(ProblemRecord).where(ProblemRecord.estate_uuid == estate.uuid)
        ).first()
        problem.responsible_person = "张小三"
        problem.description = "住户13812345678反映"
        copied = ("source", "category", "community_code", "estate_uuid", "found_on",
                  "responsible_unit", "deadline", "status")  # fmt: skip
        hidden = ProblemRecord(**{c: getattr(problem, c) for c in copied},
                               description="不公示的问题", public=False)  # fmt: skip
        s.add(hidden)
        s.flush()
        content = plan_problem_list(s, estate=estate.name, community=estate.community_code,
                                    today=TODAY)  # fmt: skip
    texts = [r.description for r in content.rows]
    assert "不公示的问题" not in texts
    assert "住户138****5678反映" in texts
    assert "张*三" in {r.responsible_person for r in content.rows}


def test_each_masked_print_is_the_next_version(demo_db, tmp_path: Path) -> None:
    from reports.pdf.problem_list import draw_problem_list

    with demo_db.sessions.begin() as s:
        estate = _estate_with_public(s)
        first = plan_problem_list(s, estate=estate.name, community=estate.community_code,
                                  today=TODAY)  # fmt: skip
        draw_problem_list(first, tmp_path / "list.pdf")
        record_problem_list(s, first)
        second = plan_problem_list(s, estate=estate.name, community=estate.community_code,
                                   today=TODAY)  # fmt: skip
    assert (first.version, second.version) == (1, 2)
    assert (tmp_path / "list.pdf").read_bytes().startswith(b"%PDF")
    with demo_db.sessions.begin() as s, pytest.raises(InputError):
        record_problem_list(s, first)  # an old plan cannot take a taken number


def test_a_list_is_out_of_date_until_printed_and_again_once_a_problem_changes(demo_db) -> None:
    with demo_db.sessions.begin() as s:
        estate = _estate_with_public(s)
        key = (estate.community_code, estate.uuid)
        before = {(x.community_code, x.estate_uuid): x.reason for x in problem_lists_out_of_date(s)}
        assert before[key] == NEVER_PRINTED
        record_problem_list(s, plan_problem_list(s, estate=estate.name,
                                                 community=estate.community_code, today=TODAY))
        after = {(x.community_code, x.estate_uuid) for x in problem_lists_out_of_date(s)}
        assert key not in after
        problem = s.scalars(select(ProblemRecord).where(
            ProblemRecord.estate_uuid == estate.uuid, ProblemRecord.public.is_(True))).first()
        problem.measures = "已更换门禁"
        s.flush()
        again = {(x.community_code, x.estate_uuid): x.reason for x in problem_lists_out_of_date(s)}
    assert again[key] == CHANGED


def test_a_place_without_public_problems_is_refused_in_one_line(demo_db) -> None:
    with demo_db.sessions.begin() as s:
        public = set(s.scalars(select(ProblemRecord.estate_uuid).where(ProblemRecord.public)))
        estate = s.scalar(select(Estate).where(Estate.uuid.not_in(public)).limit(1))
        with pytest.raises(InputError, match="没有标为公示的问题"):
            plan_problem_list(s, estate=estate.name, community=estate.community_code,
                              today=TODAY)  # fmt: skip
