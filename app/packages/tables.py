"""Which tables travel, in which order, with which columns: read from the models' metadata,
so a table added later (casework) travels as soon as it is a `Syncable`."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import BigInteger, Boolean, Integer, Table

from app import code_tables, codes
from app.models import Base, Syncable
from app.rules.ownership import owns

# Columns whose value says nothing about the row's content: equal content ignores them.
VERSION_COLUMNS = ("origin", "rev", "updated_at", "seq", "db_id")


@cache
def syncable_tables() -> tuple[Table, ...]:
    """Parents before children (metadata.sorted_tables), so a parent lands first. Tables
    marked `__local__` (owners, ballots: DOMAIN.md §5) stay in this office."""
    names = {
        m.local_table.name  # type: ignore[union-attr]
        for m in Base.registry.mappers
        if issubclass(m.class_, Syncable) and not m.class_.__local__
    }
    return tuple(t for t in Base.metadata.sorted_tables if t.name in names)


def down_rule(table: Table) -> str | None:
    """The model's `__down__` (app/models/base.py): whether and where its rows travel down."""
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return getattr(mapper.class_, "__down__", None)
    return None


@cache
def down_tables() -> tuple[Table, ...]:
    """The syncable tables whose rows travel down (app/packages/downward.py), parents first."""
    return tuple(t for t in syncable_tables() if down_rule(t))


# app.rules.ownership.owns as SQL on an export's connection: a downward selection, and an
# upward one leaving out the rows received from above.
OWNS_SQL = "wuye_owns"


def install_owns(con: sqlite3.Connection) -> None:
    con.create_function(OWNS_SQL, 2, owns, deterministic=True)


def table_named(name: str) -> Table | None:
    return next((t for t in syncable_tables() if t.name == name), None)


def natural_key(table: Table) -> tuple[str, ...]:
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return tuple(getattr(mapper.class_, "__natural_key__", ()))
    return ()


def office_columns(table: Table) -> list[str]:
    """Columns that name an office by division code (an org row's own code, the community
    of an estate, the office a task or an interview is addressed to): a row may only name
    its owner or a unit below it, so no office addresses a row outside its subtree."""
    return [c.name for c in table.columns if c.name in ("community_code", "to_office")] + (
        ["code"] if table.name == "org" else []
    )


def column_names(table: Table) -> list[str]:
    return [c.name for c in table.columns]


def content_columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.name not in VERSION_COLUMNS]


def storage_type(table: Table, column: str) -> str:
    """`int` or `str`: how SQLite stores the value (dates and times as ISO text)."""
    kind = table.columns[column].type
    return "int" if isinstance(kind, Integer | BigInteger | Boolean) else "str"


# How SQLAlchemy stores a DateTime in SQLite: rows written by plain SQL, row hashes and
# kept conflict rows all use it, so it is written here only.
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
STRFTIME_TO_CHAR = (
    ("%Y", "YYYY"), ("%m", "MM"), ("%d", "DD"), ("%H", "HH24"), ("%M", "MI"), ("%S", "SS"),
    ("%f", "US"),
)  # fmt: skip


def to_char_format(strftime: str) -> str:
    """A strftime format in PostgreSQL's to_char spelling."""
    for directive, spelled in STRFTIME_TO_CHAR:
        strftime = strftime.replace(directive, spelled)
    return strftime


# The same format as PostgreSQL's to_char writes it (merge_pg.py's kept rows' JSON), derived
# from the one above so the two cannot drift apart.
TO_CHAR_DATETIME = to_char_format(SQLITE_DATETIME)


def db_time(value: datetime) -> str:
    """A DateTime as SQLite stores it, for rows written by plain SQL."""
    return value.strftime(SQLITE_DATETIME)


def stored_value(table: Table, column: str, value: Any) -> Any:
    """A value as SQLite stores it (text for dates and times, 0/1 for flags): a row hash or
    a kept row's JSON comes out the same in every office, on either database."""
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(table.columns[column].type, Boolean):
        return int(value)
    if isinstance(value, datetime):
        return db_time(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def table_schema(table: Table) -> list[list[str]]:
    return [[name, storage_type(table, name)] for name in column_names(table)]


@cache
def enum_tables_version() -> str:
    """A short hash of every enum code table (values, in order): it differs only between
    program versions."""
    tables: dict[str, list[str]] = {}
    pending = list(codes.Coded.__subclasses__())
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        tables[cls.__name__] = [m.value for m in cls]
    text = json.dumps(tables, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def code_table_versions() -> dict[str, str]:
    """The enums' version and each shared data table's in effect (app/code_tables.py): a
    manifest carries them so the receiver can say which table differs."""
    return {"enums": enum_tables_version(), **code_tables.versions()}


def code_tables_version() -> str:
    """A short hash of every code table in effect, enums and shared data tables: offices
    compare it in packages (not cached: a received table changes it)."""
    text = json.dumps(code_table_versions(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
