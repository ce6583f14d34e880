"""A glance at a database file with plain sqlite3, for what must show before SQLAlchemy loads."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Peek:
    exists: bool
    office_code: str | None = None
    office_name: str | None = None
    office_level: str | None = None


def peek(path: Path) -> Peek:
    """Never raises: an unreadable file simply shows nothing until it is opened properly."""
    if not path.exists() or path.stat().st_size == 0:
        return Peek(exists=False)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute(
                "SELECT org.code, org.name, org.level FROM db_meta "
                "JOIN org ON org.code = db_meta.value WHERE db_meta.key = 'office_code'"
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return Peek(exists=True)
    return Peek(True, *row) if row else Peek(exists=True)
