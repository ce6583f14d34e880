"""The database files this user opened lately, newest first, for 文件 → 最近的数据库.

A PC used for training keeps a demo database beside the real one; each entry remembers
whether it is the demo, so the window can say which one is open (menu and title bar) and a
worker never enters real cases into the training file by mistake. Kept as small JSON in the
user data directory, written whole (temporary file, then rename) like fonts.json.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from app.paths import user_data_dir

FILE_NAME = "recent_databases.json"
KEEP = 8
DEMO_NAME = "demo.sqlite"  # the training database the set-up wizard makes beside the real one


@dataclass(frozen=True)
class RecentDatabase:
    path: Path
    demo: bool = False


def recent_path(folder: Path | None = None) -> Path:
    return (folder or user_data_dir()) / FILE_NAME


def demo_path_beside(db_path: Path) -> Path:
    """Where the training copy of `db_path` lives: the same folder, so both move together."""
    return db_path.with_name(DEMO_NAME)


def load_recent(folder: Path | None = None) -> list[RecentDatabase]:
    """Newest first; an unreadable list is no list (it only saves a few clicks)."""
    path = recent_path(folder)
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["databases"]
        return [RecentDatabase(Path(e["path"]), bool(e.get("demo", False))) for e in entries]
    except (OSError, ValueError, TypeError, KeyError):
        return []


def remember(db_path: Path, *, demo: bool | None = None, folder: Path | None = None) -> None:
    """Put `db_path` first; `demo=None` keeps what the list already says about it."""
    db_path = Path(db_path).resolve()
    current = load_recent(folder)
    known = next((e for e in current if e.path == db_path), None)
    flag = demo if demo is not None else (known.demo if known else False)
    entries = [RecentDatabase(db_path, flag)] + [e for e in current if e.path != db_path]
    _save(entries[:KEEP], folder)


def is_demo(db_path: Path, folder: Path | None = None) -> bool:
    resolved = Path(db_path).resolve()
    return any(e.demo for e in load_recent(folder) if e.path == resolved)


def _save(entries: list[RecentDatabase], folder: Path | None) -> None:
    path = recent_path(folder)
    data = {"databases": [{"path": str(e.path), "demo": e.demo} for e in entries]}
    tmp = path.with_suffix(".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only profile loses the list, never the work
