"""What went wrong with a file or the database, as one Chinese line naming the file.

SQLite and the operating system speak English ("database is locked", "attempt to write a
readonly database", "Permission denied"); a worker needs to read which file, why, and that
nothing was changed. The CLI and the window both turn such errors into `WuyeError`s here, so
the wording lives in one place (the operating system's part: app/os_errors.py).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.db import write_lock
from app.errors import DatabaseError
from app.os_errors import file_failure, os_reason

__all__ = ["UNCHANGED", "database_failure", "file_failure", "is_sqlite_error", "os_reason",
           "readonly_reason"]  # fmt: skip

UNCHANGED = "未做任何更改"


def is_sqlite_error(exc: BaseException) -> bool:
    from sqlalchemy.exc import DBAPIError

    return isinstance(exc, sqlite3.Error) or (
        isinstance(exc, DBAPIError) and isinstance(exc.orig, sqlite3.Error)
    )


def database_failure(exc: BaseException, db_path: Path) -> DatabaseError:
    """A SQLite failure on `db_path` in words; the transaction it hit was rolled back."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    where = f"数据库 {db_path}"
    if "locked" in text or "busy" in text:
        held = write_lock.holder(db_path)
        who = f"：{held.describe()}" if held else ""
        return DatabaseError(
            f"{where} 正被另一个程序写入{who}，等待后仍未释放；{UNCHANGED}，请等它完成后重试"
        )
    if "readonly" in text or "read-only" in text:
        why = readonly_reason(db_path) or "以只读方式打开"
        return DatabaseError(f"{where} 是只读的，无法写入：{why}；{UNCHANGED}")
    if "unable to open" in text:
        folder = Path(db_path).parent
        why = "所在文件夹不存在" if not folder.exists() else "文件或所在文件夹不可写入"
        return DatabaseError(f"无法打开或创建{where}：{why}；{UNCHANGED}")
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return DatabaseError(f"{db_path} 不是有效的数据库文件，或文件已损坏；{UNCHANGED}")
    if "disk i/o" in text or "i/o error" in text:
        return DatabaseError(
            f"读写{where}时磁盘出错，磁盘可能已满、已拔出或文件被移动；{UNCHANGED}"
        )
    if "full" in text:
        return DatabaseError(f"{where} 所在磁盘已满；{UNCHANGED}")
    return DatabaseError(f"{where} 无法使用（SQLite：{orig}）；{UNCHANGED}")


def readonly_reason(db_path: Path) -> str | None:
    """Why this database file cannot be written, or None when it can. Opening it for update
    (without writing) is the only test that also sees an immutable file or a read-only disk:
    permission bits say nothing to an administrator."""
    path = Path(db_path)
    if not path.exists():
        return None
    try:
        with open(path, "r+b"):
            pass
    except OSError as exc:
        return os_reason(exc)
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return "所在文件夹不可写入"
    return None
