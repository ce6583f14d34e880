"""Known failures said in one Chinese line naming the file; anything else is left to the log."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from pathlib import Path

from app.errors import InputError
from app.failures import describe, describe_os_error


def locked_error(path: Path) -> sqlite3.OperationalError:
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("CREATE TABLE t (x)")
        holder.execute("BEGIN IMMEDIATE")
        with contextlib.closing(sqlite3.connect(path, timeout=0.05)) as other:
            try:
                other.execute("INSERT INTO t VALUES (1)")
            except sqlite3.OperationalError as exc:
                return exc
    raise AssertionError("the second writer was not refused")


def test_a_locked_database_names_the_file_and_says_nothing_was_saved(tmp_path: Path) -> None:
    db = tmp_path / "wuye.sqlite"
    text = describe(locked_error(db), database=db)
    assert text is not None and str(db) in text
    assert "另一个程序" in text and "没有保存" in text


def test_a_read_only_database_is_named_as_read_only(tmp_path: Path) -> None:
    db = tmp_path / "wuye.sqlite"
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("PRAGMA query_only=ON")
        try:
            conn.execute("INSERT INTO t VALUES (1)")
        except sqlite3.OperationalError as exc:
            text = describe(exc, database=db)
    assert text is not None and "只读" in text and str(db) in text


def test_a_folder_without_permission_is_said_without_the_system_text() -> None:
    exc = PermissionError(errno.EACCES, "Permission denied", "/srv/报表/a.pdf")
    assert describe_os_error(exc) == "无法读写 /srv/报表/a.pdf：没有权限"
    assert describe(exc) == "无法读写 /srv/报表/a.pdf：没有权限"


def test_our_own_errors_pass_through_and_bugs_are_not_described() -> None:
    assert describe(InputError("户数应大于0")) == "户数应大于0"
    assert describe(ZeroDivisionError("x")) is None
