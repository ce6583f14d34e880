"""What went wrong, in one Chinese line a worker can act on, for failures that are not bugs:
the database locked by another program or read-only, a disk that is full, a folder that cannot
be written. The window's operation layer and the CLI say the same thing for the same failure.

Anything this module does not recognise is a bug: the caller logs its traceback.
"""

from __future__ import annotations

import errno
import json
import sqlite3
from pathlib import Path

from app.errors import WuyeError

NOTHING_SAVED = "这次的改动没有保存"


def describe(exc: BaseException, *, database: Path | str | None = None) -> str | None:
    """The Chinese line for a known failure, naming the file; None for anything else."""
    if isinstance(exc, WuyeError):
        return str(exc)
    db = f"数据库 {database}" if database else "数据库"
    text = _sqlite_text(exc)
    if text is not None:
        if "locked" in text:
            return f"{db} 正被另一个程序使用，等了太久仍未释放：{NOTHING_SAVED}，请稍后再试"
        if "readonly" in text or "read-only" in text:
            return f"{db} 是只读文件，不能写入：{NOTHING_SAVED}；请检查文件的只读属性或权限"
        if "disk is full" in text:
            return f"{db} 所在的磁盘已满：{NOTHING_SAVED}；请腾出空间后再试"
        if "disk i/o" in text:
            return f"读写{db}时磁盘出错：{NOTHING_SAVED}；请检查磁盘或 U 盘是否已拔出"
        if "unable to open" in text:
            return f"无法打开{db}：文件夹不存在或不能写入"
        if "not a database" in text or "malformed" in text:
            return f"{db} 不是本程序能读的数据库文件，或已损坏"
        return None
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    return None


def describe_os_error(exc: OSError) -> str:
    """A file that cannot be read or written, said without the system's English text."""
    name = exc.filename or "文件"
    reasons = {
        errno.EACCES: "没有权限",
        errno.EPERM: "没有权限",
        errno.ENOENT: "找不到该文件或文件夹",
        errno.ENOSPC: "磁盘已满",
        errno.EROFS: "所在磁盘只读",
        errno.EEXIST: "已存在同名文件",
        errno.EISDIR: "这是一个文件夹",
        errno.ENOTDIR: "路径中有一段不是文件夹",
    }
    reason = reasons.get(exc.errno or 0, f"系统错误 {exc.errno}" if exc.errno else "无法读写")
    return f"无法读写 {name}：{reason}"


def describe_json_error(exc: ValueError) -> str:
    """Why a file the user gave is not JSON, without the parser's English text: where the
    text stops being JSON, or that it is not UTF-8 at all."""
    if isinstance(exc, json.JSONDecodeError):
        return f"不是有效的 JSON（第{exc.lineno}行第{exc.colno}列有误）"
    if isinstance(exc, UnicodeDecodeError):
        return "不是 UTF-8 编码的文本文件"
    return "不是有效的 JSON"


def _sqlite_text(exc: BaseException) -> str | None:
    """The SQLite error text, lower case, whether raised by sqlite3 or wrapped by SQLAlchemy."""
    orig = getattr(exc, "orig", None)  # sqlalchemy.exc.DBAPIError wraps the driver's error
    for candidate in (exc, orig):
        if isinstance(candidate, sqlite3.Error):
            return str(candidate).lower()
    return None
