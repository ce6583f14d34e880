"""Who holds a database's write lock: a small `<db>.lock-info` file written when a write
transaction has its lock and removed when it ends.

SQLite says only "database is locked"; a worker needs to know what is running (an Excel import,
a package import, the window) and since when, so a refused write can say whom to wait for.
The file is best effort: a folder that cannot be written just means the holder goes unnamed.
A holder that was killed leaves its file behind; the next writer overwrites it.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SUFFIX = ".lock-info"


@dataclass(frozen=True)
class Holder:
    command: str
    pid: int
    since: datetime

    def describe(self) -> str:
        return f"{self.command}（进程 {self.pid}，{self.since:%Y-%m-%d %H:%M} 起）"


def info_path(db_path: Path) -> Path:
    return Path(f"{db_path}{SUFFIX}")


def record(db_path: Path, command: str) -> None:
    """Called with the write lock held: this process is the holder now."""
    data = {"command": command, "pid": os.getpid(),
            "since": datetime.now().isoformat(timespec="seconds")}  # fmt: skip
    target = info_path(db_path)
    part = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        part.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(part, target)
    except OSError:
        with suppress(OSError):
            part.unlink(missing_ok=True)


def release(db_path: Path) -> None:
    """Called as the write transaction ends; only this process's own record is removed."""
    target = info_path(db_path)
    held = holder(db_path)
    if held is not None and held.pid == os.getpid():
        with suppress(OSError):
            target.unlink(missing_ok=True)


def holder(db_path: Path) -> Holder | None:
    try:
        data = json.loads(info_path(db_path).read_text(encoding="utf-8"))
        return Holder(str(data["command"]), int(data["pid"]),
                      datetime.fromisoformat(str(data["since"])))  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None
