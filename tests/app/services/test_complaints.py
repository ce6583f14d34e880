"""Complaints: intake checks, the complainant kept out of the audit log, the open filter."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.errors import InputError
from app.models import AuditEntry
from app.services.complaints import (
    COMPLAINTS,
    ComplaintIn,
    create_complaint,
    get_complaint,
    update_complaint,
)
from app.services.listing import ListQuery
from tests.conftest import COMMUNITY_A

RECEIVED = datetime(2026, 11, 20, 9, 0)


def a_complaint(**changes) -> ComplaintIn:  # type: ignore[no-untyped-def]
    data = ComplaintIn(
        channel="12345热线",
        complainant_name="赵大海",
        complainant_phone="138 1234 5678",
        community_code=COMMUNITY_A,
        category="环境卫生",
        content="楼道堆放杂物",
        received_at=RECEIVED,
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_a_complaint_is_stored_with_codes_and_a_clean_phone(db) -> None:
    with db.sessions.begin() as s:
        uuid = create_complaint(s, a_complaint())
    with db.reader() as s:
        back = get_complaint(s, uuid)
    assert (back.channel, back.category, back.complainant_phone) == (
        "hotline_12345",
        "environment",
        "13812345678",
    )


def test_the_complainant_never_reaches_the_audit_log_in_clear(db) -> None:
    with db.sessions.begin() as s:
        create_complaint(s, a_complaint())
    with db.reader() as s:
        changes = " ".join(s.scalars(select(AuditEntry.changes)))
    assert "13812345678" not in changes and "赵大海" not in changes


def test_a_response_before_intake_and_a_bad_phone_are_refused(db) -> None:
    bad = a_complaint(first_response_at=RECEIVED - timedelta(hours=1), complainant_phone="123")
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        create_complaint(s, bad)
    assert {p.field for p in caught.value.problems} == {"first_response_at", "complainant_phone"}


def test_closing_a_complaint_takes_it_off_the_open_list(db) -> None:
    with db.sessions.begin() as s:
        uuid = create_complaint(s, a_complaint())
    with db.sessions.begin() as s:
        update_complaint(
            s, uuid, a_complaint(closed_at=RECEIVED + timedelta(days=1), outcome="已清理")
        )
    with db.reader() as s:
        assert COMPLAINTS.count(s, ListQuery(filters=(("open", True),))) == 0
        assert COMPLAINTS.count(s, ListQuery(filters=(("open", False),))) == 1
