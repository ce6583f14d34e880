"""Conflicts and pending rows made the way packages make them, in the small demo city of
tests/app/packages (service, CLI and window tests share them)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import select

from app.models import Estate, SyncConflict
from tests.app.packages.conftest import COMMUNITY_1, NOW, STREET_1, City, reseal


def first_estate(city: City, code: str) -> Estate:
    with city.db(code).reader() as s:
        return s.scalars(select(Estate).order_by(Estate.uuid)).first()  # type: ignore[return-value]


def clash_at_the_street(city: City) -> str:
    """The community's package, then the same rev of one estate with other content from
    another file (a restored copy): an equal-rev conflict at the street."""
    package = city.export(COMMUNITY_1)
    uuid = first_estate(city, COMMUNITY_1).uuid

    def other_copy(con: sqlite3.Connection) -> None:
        con.execute(
            "UPDATE estate SET households = 999, db_id = '00000000-0000-7000-8000-000000000000'"
            " WHERE uuid = ?",
            (uuid,),
        )

    copy = reseal(city, package, city.folder / "copy.wypkg", other_copy)
    city.receive(STREET_1, package)
    report = city.receive(STREET_1, copy)
    assert report.tables["estate"].conflict == 1
    return uuid


def owners_conflict(city: City, households: int) -> tuple[int, str]:
    """A conflict on a row the community owns, its other version kept (as the merge keeps a
    loser) with other households."""
    db = city.db(COMMUNITY_1)
    estate = first_estate(city, COMMUNITY_1)
    with closing(sqlite3.connect(db.path)) as con:  # closed, not only committed
        cols = [r[1] for r in con.execute("PRAGMA table_info(estate)")]
        values = con.execute("SELECT * FROM estate WHERE uuid = ?", (estate.uuid,)).fetchone()
    kept = dict(zip(cols, values, strict=True)) | {"households": households}
    with db.sessions.begin() as s:
        row = SyncConflict(
            table_name="estate", row_uuid=estate.uuid, rev=estate.rev, winner_db_id=None,
            loser_db_id=None, loser_json=json.dumps(kept, ensure_ascii=False),
            package_id="00000000-0000-7000-8000-00000000abcd", detected_at=NOW,
        )  # fmt: skip
        s.add(row)
        s.flush()
        return row.id, estate.uuid


def orphans_at_the_street(city: City, sender: str = COMMUNITY_1) -> Path:
    """A community's package without its estates: the buildings wait for them at the street."""
    whole = city.export(sender)

    def without_estates(con: sqlite3.Connection) -> None:
        con.execute("DELETE FROM estate")

    out = city.folder / f"orphans-{sender}.wypkg"
    city.receive(STREET_1, reseal(city, whole, out, without_estates, sender=sender))
    return whole
