"""Backups and restore of an office's database (issue 14): yesterday's data back in a minute.

A backup is the file copied through SQLite's backup API and verified, a `.json` beside it
(time, size, row counts) and, when a passphrase is given, the office's private keys sealed
under it (`.keys`, the `wuye keys backup` format), so that a restore on a new PC can still
send packages. Backups in `backups/` rotate (7 daily, 4 weekly, 12 monthly); one may also be
copied to a second folder (a USB stick).

A restore checks the backup first, keeps the current file aside, and gives the restored file
a new `db_id` (app/db/identity.py): its upper office already holds revs the backup does not
know, so its next package is a snapshot, accepted upward like any other.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.db import Database, open_database
from app.db.backups import (
    backup_dir,
    backup_name,
    copy_database,
    info_file,
    integrity_problems,
    read_info,
    row_counts,
    taken_at,
    write_info,
)
from app.db.file_access import private_folder
from app.db.migrate import known_revisions, stored_revision
from app.db.sync import SyncContext, context_of
from app.errors import DatabaseError, InputError, Problem
from app.packages import key_vault
from app.rules.roles import may_administer
from app.rules.rotation import DEFAULT_KEEP, Keep, kept
from app.services.audit_log import record
from app.services.undo import syncable_models

DAILY, MANUAL, BEFORE_RESTORE = "daily", "manual", "before-restore"
LABEL_TEXTS = {
    DAILY: "每日",
    MANUAL: "手动",
    BEFORE_RESTORE: "恢复前",
    "before-import": "Excel导入前",
    "before-package": "数据包导入前",
}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    label: str
    size: int
    rows: dict[str, int] = field(default_factory=dict)
    keys: bool = False  # the office's private keys sealed beside it

    @property
    def label_text(self) -> str:
        """手动, 每日, 导入前 …: what started the backup, as the list shows it."""
        if self.label.startswith("before-") and self.label[7:].isdigit():
            return "升级前"
        return LABEL_TEXTS.get(self.label, self.label)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def take_backup(
    db: Database,
    *,
    now: datetime,
    label: str = MANUAL,
    out: Path | None = None,
    passphrase: str | None = None,
    second_folder: Path | None = None,
    keep: Keep = DEFAULT_KEEP,
) -> BackupInfo:
    """Copy, verify and describe; then rotate the backups folder. `out` puts the copy
    elsewhere (not rotated). A copy that fails its check is removed and refused."""
    if db.on_server:
        raise InputError(Problem("", "PostgreSQL 数据库请用 pg_dump 备份"))
    if passphrase is not None:
        key_vault.check_passphrase(passphrase)
    target = out or _free_name(backup_dir(db.path) / backup_name(db.path, now, label))
    if target.resolve() == db.path.resolve():
        raise InputError(Problem("", "备份文件不能就是数据库文件本身"))
    if target.exists():
        raise InputError(Problem("", f"文件已存在：{target}"))
    private_folder(target.parent)
    sealed = passphrase is not None and db.context.office_code is not None
    if sealed:  # first: a missing key file refuses the backup before anything is written
        _seal_keys(db, passphrase or "", _keys_file(target))
    try:
        copy_database(db.path, target)
        problems = integrity_problems(target)
    except BaseException:
        for path in (target, _keys_file(target)):
            path.unlink(missing_ok=True)
        raise
    if problems:
        for path in (target, _keys_file(target)):
            path.unlink(missing_ok=True)
        raise DatabaseError(f"备份未通过完整性检查，已删除：{'；'.join(problems[:3])}")
    info = BackupInfo(
        target,
        now,
        label,
        target.stat().st_size,
        row_counts(target, list(syncable_models())),
        keys=sealed,
    )
    _write_info(info)
    with db.sessions.begin() as s:
        _audit(s, now, "backup", {"file": [None, target.name], "keys": [None, info.keys]})
    if second_folder is not None:
        _copy_to(info, second_folder)
    if out is None:
        rotate(db.path, keep)
    return info


def backup_before(db: Database, what: str, *, now: datetime) -> BackupInfo | None:
    """The state to go back to before a package or an Excel import (rotated like the rest)."""
    if db.on_server:
        return None
    return take_backup(db, now=now, label=f"before-{what}")


def _free_name(target: Path) -> Path:
    """Two backups in one second (an import right after a backup) get -2, -3 …"""
    found, n = target, 1
    while found.exists():
        n += 1
        found = target.with_name(f"{target.stem}-{n}{target.suffix}")
    return found


def daily_backup_due(db: Database, today: datetime) -> bool:
    """The first start of a day takes a backup; later starts that day do not."""
    return not any(b.taken_at.date() == today.date() for b in list_backups(db.path))


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups in `backups/`, newest first, with what their `.json` says."""
    folder = Path(db_path).resolve().parent / "backups"
    found = []
    for path in folder.glob(f"{Path(db_path).stem}-*.sqlite") if folder.is_dir() else []:
        when = taken_at(db_path, path)
        if when is None:
            continue
        label = path.stem.removeprefix(f"{Path(db_path).stem}-")[16:]
        found.append(_read_info(path, when, label))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def rotate(db_path: Path, keep: Keep = DEFAULT_KEEP) -> list[Path]:
    """Delete the backups rotation no longer keeps; returns what was deleted."""
    backups = list_backups(db_path)
    staying = kept([b.taken_at for b in backups], keep)
    gone = []
    for b in backups:
        if b.taken_at not in staying:
            for path in (b.path, info_file(b.path), _keys_file(b.path)):
                path.unlink(missing_ok=True)
            gone.append(b.path)
    return gone


def check_backup(path: Path) -> None:
    """What a restore needs of a file before touching the current one."""
    if not path.is_file():
        raise InputError(Problem("", f"找不到备份文件：{path}"))
    if problems := integrity_problems(path):
        raise InputError(Problem("", f"备份文件已损坏，不能恢复：{'；'.join(problems[:3])}"))
    try:
        revision = stored_revision(path)
    except DatabaseError as exc:
        raise InputError(Problem("", str(exc))) from exc
    if revision is None:
        raise InputError(Problem("", f"{path.name} 不是本程序的数据库备份"))
    if revision not in known_revisions():
        raise InputError(Problem("", f"{path.name} 由更新版本的程序备份，请升级本程序后再恢复"))


def restore_backup(
    db: Database, backup: Path, *, now: datetime, passphrase: str | None = None
) -> tuple[Database, Path]:
    """Put `backup` in place of `db`'s file; returns the reopened database and where the
    file it replaced was kept. `db` is closed. Administrators only (or no accounts)."""
    if db.on_server:
        raise InputError(Problem("", "PostgreSQL 数据库请用 pg_restore 恢复"))
    who = db.context
    if not may_administer(who.role) or (who.role is not None and not who.signed_in):
        raise InputError(Problem("", "只有管理员可以恢复备份：请以管理员账户登录（--user）"))
    backup = backup.resolve()
    check_backup(backup)
    if passphrase is not None and _keys_file(backup).exists():
        _check_keys(backup, passphrase)
    path = db.path
    aside = backup_dir(path) / backup_name(path, now, BEFORE_RESTORE)
    copy_database(path, aside)
    rows = row_counts(aside, list(syncable_models()))
    _write_info(BackupInfo(aside, now, BEFORE_RESTORE, aside.stat().st_size, rows))
    db.close()
    copy_database(backup, path)
    restored = open_database(path)
    _carry_sign_in(who, restored.context)
    # Always a new id: the upper office holds revs of the old one the backup never saw.
    restored.renew_id()
    if passphrase is not None and _keys_file(backup).exists() and restored.context.office_code:
        from app.packages.keys import restore_keys

        with restored.sessions.begin() as s:
            restore_keys(s, path, restored.context.office_code, passphrase, _keys_file(backup))
    with restored.sessions.begin() as s:
        _audit(
            s,
            now,
            "restore",
            {"file": [None, backup.name], "kept_aside": [None, aside.name]},
        )
    return restored, aside


def latest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes the checks a restore makes (a damaged one is skipped)."""
    for info in list_backups(db_path):
        try:
            check_backup(info.path)
        except InputError:
            continue
        return info
    return None


def replace_damaged(db_path: Path, backup: Path, *, now: datetime) -> Path:
    """Put a good backup in place of a file SQLite finds damaged (the window at start).

    The damaged file (with its -wal/-shm) is kept aside in `backups/` under a name the list
    of backups does not read, so nothing is thrown away; the restored file gets a new id and
    sends a snapshot upward, like any restore. Not a role check: the damaged file's accounts
    cannot be read, and the backup carries the same ones; the audit row says who restored."""
    path = Path(db_path).resolve()
    check_backup(backup)
    aside = backup_dir(path) / f"{path.stem}-{now.strftime('%Y%m%d-%H%M%S')}.damaged"
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            os.replace(source, aside.with_name(aside.name + suffix))
    copy_database(backup, path)
    restored = open_database(path)
    # Two system writes before anyone signs in (the new id and its audit row): the file is
    # closed right after, and the window then opens it signed out as usual.
    restored.context.role = None
    try:
        restored.renew_id()
        with restored.sessions.begin() as s:
            _audit(s, now, "restore", {"file": [None, backup.name], "damaged": [None, aside.name]})
    finally:
        restored.close()
    return aside


def _carry_sign_in(source: SyncContext, target: SyncContext) -> None:
    """The administrator who restored stays signed in on the restored file."""
    target.actor, target.role, target.signed_in = source.actor, source.role, source.signed_in


def _seal_keys(db: Database, passphrase: str, out: Path) -> None:
    from app.packages.keys import backup_keys

    assert db.context.office_code is not None
    with db.reader() as s:
        backup_keys(s, db.path, db.context.office_code, passphrase, out)


def _check_keys(backup: Path, passphrase: str) -> None:
    """The passphrase opens the sealed keys, or nothing is restored."""
    from app.packages import crypto

    body = json.loads(_keys_file(backup).read_text(encoding="utf-8"))
    kdf = body["kdf"]
    header = {"format": body["format"], "kdf": kdf}
    aad = json.dumps(header, sort_keys=True).encode("utf-8")
    key = crypto.passphrase_key(
        passphrase, bytes.fromhex(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
    )
    try:
        crypto.decrypt(key, bytes.fromhex(body["nonce"]), _b64(body["data"]), aad)
    except crypto.CryptoFailure as exc:
        raise InputError(Problem("passphrase", "口令不对，无法解开备份中的密钥")) from exc


def _b64(text: str) -> bytes:
    import base64

    return base64.b64decode(text)


def _copy_to(info: BackupInfo, folder: Path) -> None:
    try:
        private_folder(folder)
        for path in (info.path, info_file(info.path), _keys_file(info.path)):
            if path.exists():
                shutil.copy2(path, folder / path.name)
    except OSError as exc:
        raise InputError(
            Problem("", f"备份已完成，但未能复制到 {folder}：{exc.strerror or exc}")
        ) from exc


def _keys_file(backup: Path) -> Path:
    return backup.with_suffix(".keys")


def _write_info(info: BackupInfo) -> None:
    data = {**asdict(info), "path": info.path.name, "taken_at": info.taken_at.isoformat()}
    write_info(info.path, data)


def _read_info(path: Path, when: datetime, label: str) -> BackupInfo:
    try:
        data = read_info(path)
        return BackupInfo(
            path,
            when,
            data.get("label", label),
            path.stat().st_size,
            dict(data.get("rows", {})),
            bool(data.get("keys")),
        )
    except (OSError, ValueError):
        return BackupInfo(path, when, label, path.stat().st_size, keys=_keys_file(path).exists())


def _audit(session: Session, now: datetime, action: str, changes: dict) -> None:
    record(
        session,
        action,
        table="database",
        row=context_of(session).db_id or "",
        changes=changes,
        now=now,
    )
