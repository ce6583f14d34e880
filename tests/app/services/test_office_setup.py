"""Setting an office up, as `wuye init` and the window's wizard both do: the office, its keys,
its first administrator; the division name from the code table."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.codes import division_name
from app.db import open_database
from app.db.sync import utc_now
from app.errors import InputError
from app.rules.division_code import HUAIBEI
from app.services.office_setup import (
    admin_name,
    admin_problems,
    make_training_database,
    set_up_office,
)
from app.services.offices import office_problems
from tests.conftest import TODAY


def meta(path: Path, key: str) -> list[tuple[str]]:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return con.execute("SELECT value FROM db_meta WHERE key = ?", (key,)).fetchall()


def test_the_office_gets_keys_and_its_administrator_writes_the_audit(db_path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_path)
    with db.sessions.begin() as s:
        made = set_up_office(s, db.path, code="340603010000", name="曲阳街道", level="street",
                             admin=" 王芳 ", now=utc_now())  # fmt: skip
    with db.reader() as s:
        assert admin_name(s) == "王芳"
    db.close()
    assert made.office.name == "曲阳街道" and len(made.key_ids) == 2
    assert len(list(made.keys_folder.glob("*.pem"))) == 2
    with contextlib.closing(sqlite3.connect(db_path)) as con:
        assert {a for (a,) in con.execute("SELECT DISTINCT actor FROM audit_log")} == {"王芳"}


def test_a_refused_office_leaves_no_administrator(db_path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_path)
    with pytest.raises(InputError) as caught, db.sessions.begin() as s:
        set_up_office(s, db.path, code="3406", name="", level="street", admin="王芳",
                      now=utc_now())  # fmt: skip
    db.close()
    assert caught.value.for_field("code") and caught.value.for_field("name")
    assert meta(db_path, "admin_name") == []


def test_the_wizard_requires_the_administrator_and_the_cli_may_leave_it_out() -> None:
    assert [p.message for p in admin_problems("  ", required=True)] == ["请填写管理员姓名"]
    assert admin_problems("", required=False) == []
    assert admin_problems("王" * 41, required=False)[0].field == "admin"


def test_office_problems_are_init_offices_without_a_database() -> None:
    assert office_problems(code="340603010000", name="曲阳街道", level="street") == []
    fields = {p.field for p in office_problems(code="340603010000", name="", level="district")}
    assert fields == {"code", "name"}


def test_init_with_admin_records_the_administrator(db_path) -> None:  # type: ignore[no-untyped-def]
    args = ["--db", str(db_path), "init", "--code", "340603010000", "--name", "曲阳街道",
            "--level", "street", "--admin", "王芳"]  # fmt: skip
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 0, done.output
    assert meta(db_path, "admin_name") == [("王芳",)]


def test_division_names_come_from_the_code_table() -> None:
    assert division_name("340603010000") == "曲阳街道"
    assert division_name("340603999000") == ""  # not in the table: the user types it
    assert all(division_name(code) == name for code, name in HUAIBEI.items())


@pytest.mark.slow
def test_the_training_database_is_a_demo_street_beside_and_never_overwritten(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.sqlite"
    summary = make_training_database(path, seed=1, today=TODAY, now=utc_now())
    assert summary.estates == 60 and path.exists()
    with pytest.raises(InputError, match="已存在"):
        make_training_database(path, seed=1, today=TODAY, now=utc_now())
