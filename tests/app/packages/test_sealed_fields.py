"""Personal fields across packages (issue 14): the sender opens them into the package's own
encrypted payload, the receiver seals them under its own data key; neither file holds them
in clear, and both read the same value."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.models import Complaint
from tests.app.packages.conftest import COMMUNITY_1, STREET_1, City

PHONE = "13912345678"
NAME = "欧阳隐秘明"


def _in_clear(path: Path, value: str) -> bool:
    files = (path, Path(f"{path}-wal"))
    return any(value.encode() in p.read_bytes() for p in files if p.exists())


def test_a_personal_field_travels_up_sealed_at_both_ends(city: City) -> None:
    db = city.db(COMMUNITY_1)
    with db.sessions.begin() as s:  # owners stay in their office (`__local__`); complaints travel
        complaint = s.scalars(
            select(Complaint).where(Complaint.origin == COMMUNITY_1).limit(1)
        ).one()
        complaint.complainant_name, complaint.complainant_phone = NAME, PHONE
        uuid = complaint.uuid
    report = city.send_up(COMMUNITY_1)
    assert report.totals.inserted + report.totals.updated >= 1
    street = city.db(STREET_1)
    with street.reader() as s:
        got = s.scalars(select(Complaint).where(Complaint.uuid == uuid)).one()
        assert (got.complainant_name, got.complainant_phone) == (NAME, PHONE)
        found = s.scalar(select(Complaint.uuid).where(Complaint.complainant_phone == PHONE))
        assert found == uuid
    for code in (COMMUNITY_1, STREET_1):
        city.close(code)
        assert not _in_clear(city.path(code), PHONE), code
        assert not _in_clear(city.path(code), NAME), code
