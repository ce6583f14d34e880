"""The allowed status moves: one table, forward freely, back with a reason, close with evidence."""

from __future__ import annotations

import pytest

from app.errors import InputError
from app.rules.transitions import allowed_targets, check_move


@pytest.mark.parametrize(
    ("current", "target"),
    [("pending", "in_progress"), ("in_progress", "rectified"), ("pending", "rectified")],
)
def test_forward_moves_need_nothing(current: str, target: str) -> None:
    check_move("problem", current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("pending", "closed"),
        ("in_progress", "closed"),
        ("closed", "rectified"),
        ("closed", "pending"),
        ("rectified", "pending"),
    ],
)
def test_illegal_moves_are_refused_naming_both_statuses(current: str, target: str) -> None:
    with pytest.raises(InputError) as caught:
        check_move("problem", current, target, reason="x", evidence="x")
    assert "不能从" in caught.value.message


def test_closing_without_evidence_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        check_move("problem", "rectified", "closed", evidence="  ")
    assert caught.value.for_field("evidence")


def test_closing_with_evidence_is_allowed() -> None:
    check_move("problem", "rectified", "closed", evidence="现场照片3张，验收记录1份")


def test_a_closed_problem_reopens_only_with_a_reason() -> None:
    with pytest.raises(InputError) as caught:
        check_move("problem", "closed", "in_progress")
    assert caught.value.for_field("reason")
    check_move("problem", "closed", "in_progress", reason="回访发现问题复发")


def test_a_closed_problem_offers_only_reopening() -> None:
    assert allowed_targets("problem", "closed") == ["in_progress"]


def test_an_unknown_status_is_named() -> None:
    with pytest.raises(InputError, match="未知的状态"):
        check_move("task", "open", "finished")
