"""The FTS5 trigram indexes (migration 0011) stay in step with their tables, and a search
through them finds what LIKE finds."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from app.db.text_index import TEXT_INDEXES, fts_table
from app.models import Estate
from app.services.complaints import COMPLAINTS
from app.services.estates import ESTATES, EstateIn, create_estate, delete_estate, get_estate
from app.services.estates import update_estate as update
from app.services.listing import Listing, ListQuery
from app.services.problems import PROBLEMS
from tests.conftest import COMMUNITY_A, TODAY

GOOD = EstateIn(community_code=COMMUNITY_A, name="相山花园", households=320, building_count=6)


def found(db, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return [row.values[0] for row in ESTATES.page(s, ListQuery(text=text))]


def test_every_indexed_table_has_its_triggers(db) -> None:  # type: ignore[no-untyped-def]
    with closing(sqlite3.connect(db.path)) as con:
        triggers = {
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
    for table in TEXT_INDEXES:
        assert {f"{fts_table(table)}_{k}" for k in ("insert", "update", "delete")} <= triggers


def test_a_new_estate_is_found_by_a_long_word(db) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        create_estate(s, replace(GOOD, address="淮北市人民路12号"), today=TODAY)
    assert found(db, "人民路12") == ["相山花园"]


def test_bulk_inserted_estates_are_indexed_and_the_trigger_stays(db) -> None:  # type: ignore[no-untyped-def]
    """An import's bulk insert indexes its rows in one statement at the end (the insert
    trigger is set aside meanwhile): they are found, later rows still index themselves, and
    a bulk insert rolled back leaves the trigger as it was."""
    rows = [
        {"community_code": COMMUNITY_A, "name": f"导入小区{n}", "address": f"淮北市南黎路{n}号",
         "management_type": "none", "households": 10, "building_count": 1}
        for n in range(3)
    ]  # fmt: skip
    with db.sessions.begin() as s:
        s.execute(insert(Estate), rows)
    with pytest.raises(RuntimeError), db.sessions.begin() as s:
        s.execute(insert(Estate), [{**rows[0], "name": "撤销小区"}])
        raise RuntimeError("rolled back")
    with db.sessions.begin() as s:
        create_estate(s, replace(GOOD, address="淮北市人民路12号"), today=TODAY)
    assert found(db, "南黎路1") == ["导入小区1"] and found(db, "人民路12") == ["相山花园"]
    assert found(db, "撤销小") == []
    test_every_indexed_table_has_its_triggers(db)
    with closing(sqlite3.connect(db.path)) as con:
        con.execute("INSERT INTO estate_fts(estate_fts, rank) VALUES ('integrity-check', 1)")


def test_a_renamed_estate_is_found_by_its_new_name_only(db) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        uuid = create_estate(s, GOOD, today=TODAY)
    with db.sessions.begin() as s:
        update(s, uuid, replace(get_estate(s, uuid), name="南湖名苑"), today=TODAY)
    assert found(db, "相山花") == [] and found(db, "湖名苑") == ["南湖名苑"]


def test_a_row_removed_from_the_table_leaves_the_index(db) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        uuid = create_estate(s, GOOD, today=TODAY)
    with db.sessions.begin() as s:
        delete_estate(s, uuid)  # a tombstone: still a row, not listed
    assert found(db, "相山花") == []
    with closing(sqlite3.connect(db.path)) as con, con:
        con.execute("DELETE FROM estate WHERE uuid = ?", (uuid,))
        indexed = con.execute(
            "SELECT count(*) FROM estate_fts WHERE estate_fts MATCH '\"相山花\"'"
        ).fetchone()[0]
    assert indexed == 0


@pytest.mark.parametrize(
    ("listing", "table", "columns"),
    [
        (ESTATES, "estate", ("name", "address")),
        (PROBLEMS, "problem", ("description", "responsible_unit", "measures")),
        (COMPLAINTS, "complaint", ("content", "outcome")),
    ],
)
@pytest.mark.parametrize("word", ["花园", "社区", "物业服务", "小区内", "路1", '"引号', "NOT"])
def test_the_index_finds_what_like_finds(demo_db, listing: Listing, table: str, columns, word):  # type: ignore[no-untyped-def]
    like = " OR ".join(f"{c} LIKE ?" for c in columns)
    sql = f"SELECT count(*) FROM {table} WHERE deleted = 0 AND ({like})"
    with closing(sqlite3.connect(demo_db.path)) as con:
        expected = con.execute(sql, [f"%{word}%"] * len(columns)).fetchone()[0]
    with demo_db.reader() as s:
        count = listing.count(s, ListQuery(text=word))
    if table == "estate":  # estates are also found by their community's name
        assert count >= expected
    else:
        assert count == expected


def tally_counts(path) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with closing(sqlite3.connect(path)) as con:
        return dict(con.execute("SELECT status, sum(n) FROM problem_tally GROUP BY status"))


def counted(path) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with closing(sqlite3.connect(path)) as con:
        return dict(
            con.execute("SELECT status, count(*) FROM problem WHERE deleted = 0 GROUP BY status")
        )


def test_the_problem_tally_follows_every_kind_of_write(demo_db) -> None:  # type: ignore[no-untyped-def]
    assert tally_counts(demo_db.path) == counted(demo_db.path)
    with closing(sqlite3.connect(demo_db.path)) as con, con:
        first, second, third = [u for (u,) in con.execute("SELECT uuid FROM problem LIMIT 3")]
        con.execute("UPDATE problem SET status = 'closed' WHERE uuid = ?", (first,))
        con.execute("UPDATE problem SET deleted = 1 WHERE uuid = ?", (second,))
        con.execute("DELETE FROM problem WHERE uuid = ?", (third,))
        columns = [row[1] for row in con.execute("PRAGMA table_info(problem)")]
        copied = ", ".join("'copy-of-first'" if c == "uuid" else c for c in columns)
        con.execute(
            f"INSERT INTO problem ({', '.join(columns)}) SELECT {copied} FROM problem"
            " WHERE uuid = ?",
            (first,),
        )
    live = {k: v for k, v in tally_counts(demo_db.path).items() if v}
    assert live == counted(demo_db.path)


def bulk_estates(db, *names: str, uuid: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Estates the way an import adds them: one insert of many rows, no ORM objects."""
    rows = [{"community_code": COMMUNITY_A, "name": name, "address": f"淮北市{name}路1号",
             "management_type": "professional", **({"uuid": uuid} if uuid else {})}
            for name in names]  # fmt: skip
    with db.sessions.begin() as s:
        s.execute(insert(Estate), rows)


def index_checks_out(db) -> bool:  # type: ignore[no-untyped-def]
    """FTS5's own check of an external-content index against its table, and its trigger."""
    with closing(sqlite3.connect(db.path)) as con:
        con.execute("INSERT INTO estate_fts(estate_fts, rank) VALUES ('integrity-check', 1)")
        return con.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'estate_fts_insert'"
        ).fetchone()[0] == 1


def test_a_bulk_insert_is_indexed_once_at_its_end(db) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        create_estate(s, GOOD, today=TODAY)
    bulk_estates(db, "南湖名苑", "凤凰城")
    assert found(db, "湖名苑") == ["南湖名苑"] and found(db, "凤凰城路") == ["凤凰城"]
    assert index_checks_out(db)
    with db.sessions.begin() as s:  # the trigger is back for the next single write
        create_estate(s, replace(GOOD, name="东山花园"), today=TODAY)
    assert found(db, "东山花") == ["东山花园"] and index_checks_out(db)


def test_a_failed_bulk_insert_leaves_the_index_as_it_was(db) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        create_estate(s, GOOD, today=TODAY)
    with pytest.raises(IntegrityError):  # the second row repeats the first's uuid
        bulk_estates(db, "南湖名苑", "凤凰城", uuid="00000000-0000-0000-0000-000000000001")
    assert found(db, "湖名苑") == [] and found(db, "相山花") == ["相山花园"]
    assert index_checks_out(db)
