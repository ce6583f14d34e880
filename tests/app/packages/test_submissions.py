"""Submissions through the demo city's packages: a community submits and exports, its
street imports and sees it in the completeness view, accepts, and the review reaches the
community in the street's downward package, which locks its report there; the district sees
it all relayed. Receipts acknowledge only; one of the old shape still brings its reviews."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import InputError
from app.models import SubmissionReview
from app.packages import envelope, keys
from app.packages.receipts import import_receipt, receipt_path, write_receipt
from app.packages.report import ImportReport
from app.services.completeness import completeness
from app.services.submissions import ReviewView, list_submissions, review, submit
from tests.app.packages.conftest import (
    COMMUNITY_1,
    COMMUNITY_2,
    COMMUNITY_3,
    DISTRICT,
    NOW,
    STREET_1,
    STREET_2,
    City,
)

TODAY = date(2026, 12, 9)  # after the deadline of 2026-11 (7 December)
SUBMITTED = datetime(2026, 12, 3, 10, 0)
TODAY_NOON = datetime(2026, 12, 9, 12, 0)


def _submit(city: City, code: str, when: datetime = SUBMITTED) -> str:
    with city.db(code).sessions.begin() as s:
        return submit(s, "2026-11", "月报", now=when).uuid


def _review_and_carry_down(city: City, street: str, community: str, uuid: str, action: str,
                           reason: str = "") -> ImportReport:  # fmt: skip
    """Review at the street, then carry it down in a downward package (and its receipt up)."""
    with city.db(street).sessions.begin() as s:
        review(s, uuid, action, now=datetime(2026, 12, 9, 11, 0), reason=reason)
    return city.send_down(street, community)


def _community_view(city: City, code: str):  # type: ignore[no-untyped-def]
    with city.db(code).reader() as s:
        return list_submissions(s, today=TODAY, period="2026-11")[0]


def test_the_street_sees_who_reported_on_time_late_or_not_at_all(city: City) -> None:
    _submit(city, COMMUNITY_1)
    _submit(city, COMMUNITY_2, datetime(2026, 12, 8, 9, 0))
    city.send_up(COMMUNITY_1)
    city.send_up(COMMUNITY_2)
    with city.db(STREET_1).reader() as s:
        report = completeness(s, "2026-11", "月报", today=TODAY)
    lines = {c.code: c for c in report.communities}
    assert [lines[c].timeliness for c in (COMMUNITY_1, COMMUNITY_2)] == ["on_time", "late"]
    assert all(c.reviewable and c.last_package is not None for c in lines.values())
    assert report.expected == 2 and report.received == 2


def test_a_community_that_sent_nothing_is_missing_after_the_deadline(city: City) -> None:
    _submit(city, COMMUNITY_1)
    city.send_up(COMMUNITY_1)
    with city.db(STREET_1).reader() as s:
        before = completeness(s, "2026-11", "monthly", today=date(2026, 12, 7))
        after = completeness(s, "2026-11", "monthly", today=TODAY)
    missing = {c.code: c for c in after.communities}[COMMUNITY_2]
    assert {c.code: c.timeliness for c in before.communities}[COMMUNITY_2] == "not_yet"
    assert missing.timeliness == "missing" and missing.last_package is None
    assert not missing.reported and not missing.reviewable


def test_accepting_locks_the_report_at_the_community_through_the_receipt(city: City) -> None:
    uuid = _submit(city, COMMUNITY_1)
    city.send_up(COMMUNITY_1)
    down = _review_and_carry_down(city, STREET_1, COMMUNITY_1, uuid, "accept")
    assert "上级审核意见 1 条已应用到本单位的报表" in down.warnings
    shown = _community_view(city, COMMUNITY_1)
    assert shown.status == "accepted" and shown.locked
    with city.db(COMMUNITY_1).sessions() as s, pytest.raises(InputError, match="已锁定"):
        submit(s, "2026-11", "月报", now=TODAY_NOON)
    # The community's own row moved: its next package tells the street the same status.
    city.send_up(COMMUNITY_1)
    with city.db(STREET_1).reader() as s:
        street_view = list_submissions(s, today=TODAY, period="2026-11")
    assert [(v.origin, v.status) for v in street_view] == [(COMMUNITY_1, "accepted")]


def test_a_return_unlocks_and_the_corrected_report_comes_up_as_a_new_round(city: City) -> None:
    uuid = _submit(city, COMMUNITY_1)
    city.send_up(COMMUNITY_1)
    _review_and_carry_down(city, STREET_1, COMMUNITY_1, uuid, "accept")
    _review_and_carry_down(city, STREET_1, COMMUNITY_1, uuid, "return", "户数与台账不符")
    shown = _community_view(city, COMMUNITY_1)
    assert shown.status == "returned" and shown.last_review.reason == "户数与台账不符"
    with city.db(COMMUNITY_1).sessions.begin() as s:
        again = submit(s, "2026-11", "月报", now=TODAY_NOON)
    assert again.round == 2
    city.send_up(COMMUNITY_1)
    with city.db(STREET_1).reader() as s:
        line = {c.code: c for c in completeness(s, "2026-11", "月报", today=TODAY).communities}
    assert line[COMMUNITY_1].status == "submitted" and line[COMMUNITY_1].timeliness == "late"


def test_the_district_sees_its_streets_side_by_side_and_cannot_review(city: City) -> None:
    uuid = _submit(city, COMMUNITY_1)
    _submit(city, COMMUNITY_3, datetime(2026, 12, 8))
    city.send_up(COMMUNITY_1)
    city.send_up(COMMUNITY_2)  # without a report: the district learns of it all the same
    city.send_up(COMMUNITY_3)
    _review_and_carry_down(city, STREET_1, COMMUNITY_1, uuid, "accept")
    city.send_up(STREET_1)
    city.send_up(STREET_2)
    with city.db(DISTRICT).reader() as s:
        report = completeness(s, "2026-11", "月报", today=TODAY)
    units = {u.code: u for u in report.units}
    first = units[STREET_1]
    assert (first.expected, first.on_time, first.missing, first.locked) == (2, 1, 1, 1)
    assert (units[STREET_2].received, units[STREET_2].late) == (1, 1)
    assert units[STREET_1].last_package is not None
    assert not any(c.reviewable for c in report.communities)
    with city.db(DISTRICT).sessions() as s, pytest.raises(InputError, match="直属上级"):
        review(s, uuid, "approve", now=TODAY_NOON)


def test_a_community_has_no_completeness_view(city: City) -> None:
    with city.db(COMMUNITY_1).reader() as s, pytest.raises(InputError, match="没有下级"):
        completeness(s, "2026-11", "月报", today=TODAY)


def _signed_body(path: Path) -> dict:  # type: ignore[type-arg]
    return envelope.read_signed(path, "回执")[0]


def test_a_receipt_acknowledges_only_and_carries_no_reviews(city: City) -> None:
    uuid = _submit(city, COMMUNITY_1)
    city.send_up(COMMUNITY_1)
    _review_and_carry_down(city, STREET_1, COMMUNITY_1, uuid, "accept")
    package = city.export(COMMUNITY_1)  # the community's row moved: it goes up again
    report = city.receive(STREET_1, package)
    street = city.db(STREET_1)
    with street.reader() as s:
        receipt = write_receipt(s, street.path, report, receipt_path(package), now=NOW)
    body = _signed_body(receipt)
    assert "reviews" not in body and body["package_id"] == report.package_id
    assert body["receiver"]["code"] == STREET_1


def test_a_receipt_of_the_old_shape_still_brings_its_reviews(city: City) -> None:
    """An office upgraded before its superior: the superior's receipt carries the reviews."""
    uuid = _submit(city, COMMUNITY_1)
    package = city.export(COMMUNITY_1)
    report = city.receive(STREET_1, package)
    street = city.db(STREET_1)
    with street.sessions.begin() as s:
        review(s, uuid, "accept", now=datetime(2026, 12, 9, 11, 0))
    with street.reader() as s:
        receipt = write_receipt(s, street.path, report, receipt_path(package), now=NOW)
        old = [
            ReviewView(r.uuid, r.submission_uuid, r.origin, r.round, r.action, r.reason,
                       r.reviewer, r.at).as_dict()
            for r in s.scalars(select(SubmissionReview))
        ]  # fmt: skip
        key_id, key = keys.own_signing_key(s, street.path, STREET_1)
    # as the old write_receipt wrote it: the same body plus the reviews, signed by the street
    envelope.write_signed(receipt, {**_signed_body(receipt), "reviews": old}, key_id, key)
    with city.db(COMMUNITY_1).sessions.begin() as s:
        got = import_receipt(s, receipt, now=NOW)
    assert (got.package_id, got.reviews_applied, got.already) == (report.package_id, 1, False)
    shown = _community_view(city, COMMUNITY_1)
    assert shown.status == "accepted" and shown.locked
