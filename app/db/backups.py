"""Copies of the database file itself: taken through SQLite's online backup API (consistent
while the window writes, WAL included), verified with `PRAGMA integrity_check`, counted, and
put back. Readable by the owner only: a backup holds the same personal data as the file.

What to keep, the keys beside a copy and the audit of a restore are decisions of
`app/services/backups.py`; this module only moves pages safely.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from app.db.file_access import create_private, private_folder
from app.errors import DatabaseError

BACKUP_DIR = "backups"
STAMP = "%Y%m%d-%H%M%S"


def backup_dir(db_path: Path) -> Path:
    """`backups/` beside the database file, 0700."""
    folder = Path(db_path).resolve().parent / BACKUP_DIR
    private_folder(folder)
    return folder


def backup_name(db_path: Path, when: datetime, label: str) -> str:
    return f"{Path(db_path).stem}-{when.strftime(STAMP)}-{label}.sqlite"


def taken_at(db_path: Path, backup: Path) -> datetime | None:
    """The time in a backup's name, or None for a file this program did not name."""
    stem = Path(db_path).stem
    rest = backup.stem.removeprefix(f"{stem}-")
    if rest == backup.stem:
        return None
    try:
        return datetime.strptime(rest[:15], STAMP)
    except ValueError:
        return None


def info_file(backup: Path) -> Path:
    """The `.json` beside a backup: its time, label, size, row counts, whether keys are kept
    beside it (written by app/services/backups.py, kept true by whatever rewrites the copy)."""
    return backup.with_suffix(".json")


def read_info(backup: Path) -> dict:
    """What the backup's `.json` says; OSError or ValueError when it is missing or unreadable."""
    data = json.loads(info_file(backup).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{info_file(backup).name} 不是备份说明")
    return data


def write_info(backup: Path, data: dict) -> None:
    """The backup's `.json`, replaced whole and readable by the owner only (it names the file
    and its row counts, not personal data, but it sits among files that hold it)."""
    fd = create_private(info_file(backup), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1)


def info_after_rewrite(backup: Path) -> None:
    """A backup rewritten in place (sealed, then VACUUMed: app/db/backup_sealing.py) has a
    new size; its `.json`, when it has one, says so. Row counts and keys do not change."""
    try:
        data = read_info(backup)
    except (OSError, ValueError):
        return  # no description to keep true (a copy this program did not describe)
    data["size"] = backup.stat().st_size
    write_info(backup, data)


def copy_database(source: Path, target: Path) -> None:
    """`source` copied page by page onto `target` (created 0600, or overwritten in place)."""
    fresh = not target.exists()
    if fresh:
        os.close(create_private(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
    with connected(source) as src, connected(target) as dst:
        src.backup(dst)
        if fresh:  # a copy stands alone: no -wal/-shm beside it, whatever the source used
            dst.execute("PRAGMA journal_mode=DELETE")


def integrity_problems(path: Path) -> list[str]:
    """Empty when the file is a sound SQLite database; else SQLite's own findings."""
    try:
        with connected(path, readonly=True) as con:
            found = [row[0] for row in con.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if found == ["ok"] else found


def quick_problems(path: Path) -> list[str]:
    """`PRAGMA quick_check` at start: the structure of every page, without the index-content
    cross-checks that make `integrity_check` take long on a big file. Empty when sound."""
    try:
        with connected(path, readonly=True) as con:
            found = [row[0] for row in con.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if found == ["ok"] else found


class QuickCheck:
    """`quick_problems` on a thread of its own, from the moment it is made: SQLite leaves
    the GIL while it reads every page (0.6 s of CPU for a 300 MB file of 100,000 estates),
    so the window imports SQLAlchemy (about 0.45 s) meanwhile instead of after it. The
    file is still opened only once `problems()` has answered (issue 18)."""

    def __init__(self, path: Path) -> None:
        self._found: list[str] = []
        self._thread = threading.Thread(target=self._check, args=(path,), daemon=True)
        self._thread.start()

    def _check(self, path: Path) -> None:
        self._found = quick_problems(path) if path.is_file() else []

    def problems(self) -> list[str]:
        """What `quick_problems` found, once it is done: empty when the file is sound."""
        self._thread.join()
        return self._found


def row_counts(path: Path, tables: list[str]) -> dict[str, int]:
    """Rows per table (tombstones included) of the tables the file has."""
    with connected(path, readonly=True) as con:
        present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {
            t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for t in tables
            if t in present
        }


@contextlib.contextmanager
def connected(path: Path, *, readonly: bool = False) -> Iterator[sqlite3.Connection]:
    target = f"file:{path}?mode=ro" if readonly else str(path)
    try:
        con = sqlite3.connect(target, uri=readonly)
    except sqlite3.Error as exc:
        raise DatabaseError(f"无法打开 {path}：{exc}") from exc
    with contextlib.closing(con):
        yield con
