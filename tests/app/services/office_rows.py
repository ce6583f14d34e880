"""Rows carried between two offices' files the way a package would carry them (same uuid,
owner, rev), until downward packages exist: the tests of answers and reviews across offices
use it, never to write a row an office owns itself."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from app.db import Database


def carry(source: Database, target: Database, table: str, uuid: str) -> None:
    """Copy one row of `table`, as stored, from `source` into `target` (insert or replace)."""
    with closing(sqlite3.connect(source.path)) as src:
        cursor = src.execute(f'SELECT * FROM "{table}" WHERE uuid = ?', (uuid,))
        columns = [d[0] for d in cursor.description]
        row = cursor.fetchone()
    assert row is not None, (table, uuid)
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    with closing(sqlite3.connect(target.path)) as dst, dst:
        dst.execute(f'INSERT OR REPLACE INTO "{table}" ({names}) VALUES ({marks})', row)
