"""What opening a database does so that nothing personal or secret stays readable in clear
on disk (issue 14): a key folder an older version left with clear PEMs is encrypted by this
PC's user account, and the event audited. Called by `open_database` for a writable database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from app.db.identity import office_dir


def protect_clear_keys(path: Path, office_code: str | None, sessions: sessionmaker[Session]) -> int:
    """Encrypt the office's clear private keys, if any; returns how many were encrypted."""
    if not office_code:
        return 0
    folder = office_dir(path, office_code)
    if not folder.is_dir() or not any(folder.glob("*.pem")):
        return 0
    from app.packages import key_vault

    if not key_vault.has_clear_keys(folder):
        return 0
    count = key_vault.protect_clear(folder)
    from app.db.sync import utc_now
    from app.services.audit_log import record

    changes = {"protection": [None, key_vault.method(folder)], "keys": [None, count]}
    with sessions.begin() as s:
        record(s, "keys", table="office_key", row=office_code, now=utc_now(), changes=changes)
    return count
