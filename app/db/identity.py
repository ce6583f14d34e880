"""Noticing that a database file went back in time (restored from a backup, or a power loss
ate its last transactions): its `seq` counter is then below what this office last saw of the
same `db_id`. Such a file gets a new `db_id`, or its next edits would re-issue revs its upper
office already holds (DESIGN.md, packages upward); the next package is then a snapshot.

The high-water mark lives beside the office's keys (`keys/<office code>/`), outside the
database file, so restoring the file does not restore the mark. A copy of the whole folder to
another PC carries both, and is not mistaken for a restore.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from app.db.file_access import create_private

MARK = "watermark.json"


def office_dir(db_path: Path, office_code: str) -> Path:
    """`keys/<office code>/` beside the database file: the office's keys and its mark."""
    return Path(db_path).resolve().parent / "keys" / office_code


def went_back(db_path: Path, office_code: str, db_id: str, seq: int) -> bool:
    try:
        mark = json.loads((office_dir(db_path, office_code) / MARK).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(mark, dict) and mark.get("db_id") == db_id and seq < int(mark.get("seq", 0))


def remember(db_path: Path, office_code: str, db_id: str, seq: int) -> None:
    """Best effort: a mark that cannot be written only means a restore may go unnoticed."""
    folder = office_dir(db_path, office_code)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{MARK}.{os.getpid()}.part"
        tmp.unlink(missing_ok=True)
        fd = create_private(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)  # beside private keys
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps({"db_id": db_id, "seq": seq}))
        os.replace(tmp, folder / MARK)
    except OSError:
        pass
