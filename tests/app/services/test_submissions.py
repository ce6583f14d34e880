"""Submissions at a community (上报, locking, reviews applied from a receipt) and at its
street (接收, 审核, 退回 as review rows of its own), through the service functions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db import Database, open_database
from app.errors import InputError
from app.models import AuditEntry, Submission, SubmissionReview
from app.services.offices import init_office
from app.services.submissions import (
    ReviewView,
    apply_reviews,
    list_submissions,
    prepare,
    review,
    set_note,
    submit,
)
from tests.conftest import COMMUNITY_A, STREET

NOW = datetime(2026, 12, 3, 9, 30)


@pytest.fixture
def community(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "community.sqlite", actor="tester")
    with database.sessions.begin() as s:
        init_office(s, code=COMMUNITY_A, name="桓谭社区", level="community", parent_code=STREET)
    yield database
    database.close()


def _review(submission: str, action: str, at: datetime, *, round: int = 1, reason: str = "",
            office: str = STREET, uuid: str = "") -> ReviewView:  # fmt: skip
    return ReviewView(uuid or f"r-{action}-{at:%H%M%S}", submission, office, round, action,
                      reason, "街道审核员", at)  # fmt: skip


def test_submit_stores_the_figures_and_moves_to_submitted(community: Database) -> None:
    with community.sessions.begin() as s:
        view = submit(s, "2026-11", "月报", now=NOW)
    assert (view.status, view.round, view.status_label) == ("submitted", 1, "已上报")
    assert view.deadline == date(2026, 12, 7) and view.timeliness == "on_time"
    assert view.figures["estates"] == 0 and "formation" in view.figures


def test_a_draft_is_not_yet_submitted_and_a_submitted_report_is_not_drafted_again(
    community: Database,
) -> None:
    with community.sessions.begin() as s:
        draft = prepare(s, "2026-11", "专项排查", today=NOW.date(), note="初稿")
        assert (draft.status, draft.round, draft.received) == ("draft", 0, False)
        assert draft.timeliness == "not_yet" and draft.note == "初稿"
        submit(s, "2026-11", "专项排查", now=NOW)
    with community.sessions() as s, pytest.raises(InputError, match="不能改回草稿"):
        prepare(s, "2026-11", "专项排查", today=NOW.date())


def test_a_street_cannot_submit(db: Database) -> None:
    with db.sessions() as s, pytest.raises(InputError, match="只有社区上报报表"):
        submit(s, "2026-11", "月报", now=NOW)


def test_a_report_not_yet_accepted_can_be_submitted_again(community: Database) -> None:
    with community.sessions.begin() as s:
        first = submit(s, "2026-11", "monthly", now=NOW)
        second = submit(s, "2026-11", "monthly", now=datetime(2026, 12, 8, 10))
    assert second.uuid == first.uuid and second.round == 2 and second.timeliness == "late"


def test_unknown_kind_is_refused(community: Database) -> None:
    with community.sessions() as s, pytest.raises(InputError, match="月报、专项排查"):
        submit(s, "2026-11", "年报", now=NOW)


def test_an_accepted_report_is_locked_and_nothing_changes(community: Database) -> None:
    with community.sessions.begin() as s:
        view = submit(s, "2026-11", "月报", now=NOW)
        assert apply_reviews(s, [_review(view.uuid, "accept", NOW)], STREET) == 1
    with community.sessions() as s:
        rev = s.get(Submission, view.uuid).rev
        with pytest.raises(InputError, match="已锁定"):
            submit(s, "2026-11", "月报", now=NOW)
        with pytest.raises(InputError, match="已锁定"):
            set_note(s, view.uuid, "补充说明", today=NOW.date())
        s.rollback()
    with community.reader() as s:
        row = s.get(Submission, view.uuid)
        assert (row.rev, row.status, row.round, row.note) == (rev, "accepted", 1, "")
        assert list_submissions(s, today=NOW.date())[0].locked


def test_a_return_unlocks_is_audited_with_its_reason_and_allows_a_new_round(
    community: Database,
) -> None:
    with community.sessions.begin() as s:
        view = submit(s, "2026-11", "月报", now=NOW)
        apply_reviews(s, [_review(view.uuid, "accept", NOW),
                          _review(view.uuid, "return", datetime(2026, 12, 4), reason="户数有误")],
                      STREET)  # fmt: skip
    with community.reader() as s:
        shown = list_submissions(s, today=NOW.date())[0]
        assert shown.status == "returned" and not shown.locked
        assert shown.last_review.reason == "户数有误"
        audit = s.scalars(select(AuditEntry.changes).where(AuditEntry.row_uuid == view.uuid)).all()
        assert any(json.loads(c).get("review_reason", [None, None])[1] == "户数有误" for c in audit)
    with community.sessions.begin() as s:
        again = submit(s, "2026-11", "月报", now=datetime(2026, 12, 5))
    assert (again.status, again.round) == ("submitted", 2)


def test_reviews_of_an_earlier_round_and_repeats_change_nothing(community: Database) -> None:
    with community.sessions.begin() as s:
        view = submit(s, "2026-11", "月报", now=NOW)
        submit(s, "2026-11", "月报", now=NOW)  # round 2 before the street's accept arrived
        accept = _review(view.uuid, "accept", NOW)
        assert apply_reviews(s, [accept], STREET) == 0
        accept2 = _review(view.uuid, "accept", NOW, round=2)
        assert apply_reviews(s, [accept2], STREET) == 1
        assert apply_reviews(s, [accept2], STREET) == 0
        assert apply_reviews(s, [_review(view.uuid, "approve", NOW, round=2,
                                         office="340603020000")], STREET) == 0  # fmt: skip
        assert s.get(Submission, view.uuid).status == "accepted"


@pytest.fixture
def arrived(db: Database) -> str:
    """A community's submitted report, as a package would have brought it to the street."""
    with db.sessions.begin() as s:
        row = Submission(origin=COMMUNITY_A, period="2026-11", kind="monthly", status="submitted",
                         round=1, figures="{}", note="", submitted_at=NOW,
                         deadline=date(2026, 12, 7), review_reason="")  # fmt: skip
        s.add(row)
        s.flush()
        return row.uuid


def _review_count(db: Database) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(SubmissionReview))


def test_the_street_accepts_then_approves_with_rows_of_its_own(db: Database, arrived: str) -> None:
    with db.sessions.begin() as s:
        assert review(s, arrived, "accept", now=NOW).status == "accepted"
        view = review(s, arrived, "审核", now=datetime(2026, 12, 4))
    assert view.status == "approved" and view.locked
    with db.reader() as s:
        row = s.get(Submission, arrived)
        assert (row.status, row.rev) == ("submitted", 1)  # the community's row is untouched
        assert {r.origin for r in s.scalars(select(SubmissionReview))} == {STREET}


@pytest.mark.parametrize(("action", "reason", "message"), [
    ("approve", "", "不能审核"),
    ("return", "", "退回原因"),
    ("delete", "", "未知的审核操作"),
])  # fmt: skip
def test_illegal_reviews_write_nothing(db: Database, arrived: str, action: str, reason: str,
                                       message: str) -> None:  # fmt: skip
    with db.sessions() as s, pytest.raises(InputError, match=message):
        review(s, arrived, action, now=NOW, reason=reason)
    assert _review_count(db) == 0


def test_accepting_twice_is_refused(db: Database, arrived: str) -> None:
    with db.sessions.begin() as s:
        review(s, arrived, "accept", now=NOW)
    with db.sessions() as s, pytest.raises(InputError, match="已接收"):
        review(s, arrived, "accept", now=NOW)
    assert _review_count(db) == 1


def test_a_return_is_audited_with_its_reason(db: Database, arrived: str) -> None:
    with db.sessions.begin() as s:
        review(s, arrived, "accept", now=NOW)
        view = review(s, arrived, "退回", now=datetime(2026, 12, 4), reason="缺少专项排查附表")
    assert view.status == "returned" and not view.locked
    with db.reader() as s:
        audit = s.scalars(
            select(AuditEntry.changes).where(AuditEntry.table_name == "submission_review")
        ).all()
    assert any("缺少专项排查附表" in c for c in audit)


def test_only_the_direct_upper_office_reviews(db: Database) -> None:
    with db.sessions.begin() as s:
        other = Submission(origin="340603020001", period="2026-11", kind="monthly",
                           status="submitted", round=1, figures="{}", note="", submitted_at=NOW,
                           deadline=date(2026, 12, 7), review_reason="")  # fmt: skip
        s.add(other)
    with db.sessions() as s, pytest.raises(InputError, match="直属上级"):
        review(s, other.uuid, "accept", now=NOW)
