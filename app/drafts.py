"""Drafts of forms with unsaved changes (issue 14, crash safety of the window).

A form being edited writes what its fields hold to a small JSON file in the user's own data
folder (never the database: a draft is not a change anyone made yet), a moment after each
edit. A save or a deliberate Cancel removes it; a crash or a kill leaves it, and the next
start offers it back. Files are 0600 in a 0700 folder, like the database and its keys, and
each names the database it belongs to, so another file's drafts are never offered.

What the form held (a phone, an ID number, the title naming a person) is sealed under a key
of this PC's user account (app/db/os_secret.py), as personal fields are in the database: a
draft read from the disk without that account shows nothing. Only the database's path and
the time stay readable, to pick a database's drafts without opening the others.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.db.file_access import create_private, private_folder
from app.errors import WuyeError
from app.paths import user_data_dir

FOLDER = "drafts"


@dataclass(frozen=True)
class Draft:
    path: Path
    database: str
    form: str  # the form's class, "module:Class"
    uuid: str | None  # None: a new record
    title: str  # the form's window title, for the offer
    values: dict[str, Any]
    saved_at: datetime


def drafts_dir() -> Path:
    return private_folder(user_data_dir() / FOLDER)


def draft_path(database: Path, form: str, uuid: str | None) -> Path:
    """One draft per record and form (one per form for a new record) of one database."""
    key = f"{Path(database).resolve()}|{form}|{uuid or 'new'}"
    return drafts_dir() / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"


def write_draft(
    database: Path, form: str, uuid: str | None, title: str, values: dict[str, Any],
    *, now: datetime,
) -> Path:  # fmt: skip
    """Whole or not at all: written beside, then renamed over the last draft."""
    target = draft_path(database, form, uuid)
    held = {
        "form": form,
        "uuid": uuid,
        "title": title,
        "values": {k: _stored(v) for k, v in values.items()},
    }
    body = {
        "database": str(Path(database).resolve()),
        "sealed": _seal(json.dumps(held, ensure_ascii=False)),
        "saved_at": now.isoformat(timespec="seconds"),
    }
    temporary = target.with_suffix(".tmp")
    fd = create_private(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(body, out, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, target)
    return target


def drafts_of(database: Path) -> list[Draft]:
    """The drafts left for this database, newest first; unreadable files are skipped."""
    wanted = str(Path(database).resolve())
    found = []
    for path in drafts_dir().glob("*.json"):
        try:
            body = json.loads(path.read_text("utf-8"))
            if body.get("database") != wanted:
                continue
            held = json.loads(_open(body["sealed"])) if "sealed" in body else body
            found.append(Draft(path, wanted, str(held["form"]), held.get("uuid"),
                               str(held.get("title", "")),
                               {k: _loaded(v) for k, v in dict(held["values"]).items()},
                               datetime.fromisoformat(body["saved_at"])))  # fmt: skip
        except (OSError, ValueError, KeyError, TypeError, WuyeError):  # another account's
            continue
    return sorted(found, key=lambda d: d.saved_at, reverse=True)


def discard_draft(path: Path) -> None:
    path.unlink(missing_ok=True)


LABEL = "draft"


def _key() -> bytes:
    from app.db.os_secret import derived

    return derived(b"wuyedesk drafts")


def _seal(text: str) -> str:
    from app.db.field_crypto import seal

    return seal(_key(), LABEL, text)


def _open(text: str) -> str:
    from app.db.field_crypto import open_value

    return open_value(_key(), LABEL, text)


def _stored(value: Any) -> Any:
    """Dates travel tagged, so they come back as dates."""
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def _loaded(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return date.fromisoformat(value["date"])
    return value
