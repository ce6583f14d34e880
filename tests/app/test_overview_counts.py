"""The 总览's headline figures read with plain sqlite3 before the ORM loads (issue 18) equal
the ones the ORM path serves later: the page shows one set, then the other, and nothing on
it may jump."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.db import open_database
from app.services.casework import casework_overview
from app.services.holidays import work_calendar
from app.services.overview_counts import HeadlineFigures, read_headline
from app.services.stats import office_stats
from tests.conftest import TODAY


def orm_figures(path: Path) -> tuple[HeadlineFigures, float | None]:
    """The same figures as `office_stats` and `casework_overview` give them."""
    database = open_database(path, actor="tester")
    try:
        with database.reader() as session:
            stats = office_stats(session, TODAY)
            casework = casework_overview(session, TODAY, work_calendar(session))
    finally:
        database.close()
    figures = HeadlineFigures(
        office_code=stats.office_code,
        office_name=stats.office_name,
        estates=stats.estates,
        by_management_type=stats.by_management_type,
        problems_by_status=casework.by_status,
        open_complaints=casework.open_complaints,
    )
    return figures, casework.closure_percent


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


def test_the_street_s_figures_equal_the_orm_s(demo_file: Path) -> None:
    quick = read_headline(demo_file)
    orm, closure = orm_figures(demo_file)
    assert quick == orm
    assert quick is not None and quick.closure_percent == closure
    assert quick.estates > 0 and quick.problems > 0 and quick.open_complaints > 0


def test_a_file_holding_more_than_the_office_counts_the_subtree_only(demo_file: Path) -> None:
    """The office made one community of the demo street: the others lie outside it."""
    with contextlib.closing(sqlite3.connect(demo_file)) as con, con:
        community, others = con.execute(
            "SELECT min(code), count(*) - 1 FROM org WHERE level = 'community'"
        ).fetchone()
        con.execute("UPDATE db_meta SET value = ? WHERE key = 'office_code'", (community,))
    assert others > 0
    quick = read_headline(demo_file)
    whole = read_headline_unscoped(demo_file)
    orm, closure = orm_figures(demo_file)
    assert quick == orm and quick is not None and quick.closure_percent == closure
    assert quick.office_code == community and quick.estates < whole


def read_headline_unscoped(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return con.execute("SELECT count(*) FROM estate WHERE deleted = 0").fetchone()[0]


def test_files_it_cannot_read_give_none(tmp_path: Path) -> None:
    assert read_headline(tmp_path / "missing.sqlite") is None
    empty = tmp_path / "empty.sqlite"
    with contextlib.closing(sqlite3.connect(empty)) as con:
        con.execute("CREATE TABLE t (x)")
    assert read_headline(empty) is None  # no office, no tables: the page waits for the ORM
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database" * 100)
    assert read_headline(garbage) is None


def test_the_reader_neither_writes_nor_waits_for_a_writer(demo_file: Path) -> None:
    """A writer holding the file (an import running) does not block the read-only reader."""
    before = demo_file.stat().st_mtime_ns
    with contextlib.closing(sqlite3.connect(demo_file)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE estate SET households = households WHERE 0")
        assert read_headline(demo_file) is not None
        writer.rollback()
    assert demo_file.stat().st_mtime_ns == before
