"""Setting a new database up as an office: the office row, its keys, its first administrator.

`wuye init` and the window's set-up wizard call the same function, so an office made either
way is the same: checked by `init_office`, with a signing and an encryption key (without them
onboarding and packages cannot work), and the administrator's name recorded as the name that
stands in the audit log until accounts exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.db.sync import context_of
from app.errors import InputError, Problem
from app.models import DbMeta
from app.packages.keys import create_office_keys, keys_dir
from app.rules.roles import ADMIN
from app.services.accounts import add_account, password_problems
from app.services.offices import OfficeInfo, init_office

if TYPE_CHECKING:
    from app.services.demo import DemoSummary

ADMIN_KEY = "admin_name"


@dataclass(frozen=True)
class OfficeSetup:
    """What was made, as plain values: safe to hand from a Job to a widget."""

    office: OfficeInfo
    key_ids: tuple[str, ...]
    keys_folder: Path
    admin: str


def set_up_office(
    session: Session,
    db_path: Path,
    *,
    code: str,
    name: str,
    level: str,
    parent_code: str | None = None,
    credit_code: str | None = None,
    admin: str = "",
    password: str | None = None,
    now: datetime,
) -> OfficeSetup:
    """Make this empty database the office `code`, with its keys and its administrator;
    with `password`, the administrator is the database's first account (管理员), so the
    office is never a single-user PC by accident of the wizard."""
    problems = admin_problems(admin, required=password is not None)
    if password is not None:
        problems += [Problem("password", m) for m in password_problems(password)]
    if problems:
        raise InputError(problems)
    admin = admin.strip()
    context = context_of(session)
    before = context.actor
    if admin:  # the office's own rows are the administrator's first changes
        context.actor = admin
    try:
        info = init_office(
            session, code=code, name=name, level=level, parent_code=parent_code,
            credit_code=credit_code,
        )  # fmt: skip
        if admin:
            session.add(DbMeta(key=ADMIN_KEY, value=admin))
        if password is not None:
            add_account(session, admin, ADMIN, password, now=now)
        made = create_office_keys(session, db_path, info.code, now)
        session.flush()
    except BaseException:
        context.actor = before
        raise
    return OfficeSetup(info, tuple(k.key_id for k in made), keys_dir(db_path, info.code), admin)


def admin_problems(admin: str, *, required: bool) -> list[Problem]:
    """The wizard asks for the name (required); `wuye init --admin` may leave it out."""
    name = admin.strip()
    if required and not name:
        return [Problem("admin", "请填写管理员姓名")]
    if len(name) > 40:
        return [Problem("admin", "管理员姓名不能超过40个字")]
    return []


def make_training_database(path: Path, *, seed: int, today: date, now: datetime) -> DemoSummary:
    """A demo street in its own file beside the real one, for training: real cases never go
    into it, and it can be thrown away. An existing file is refused, never overwritten."""
    from app.db import open_database
    from app.services.demo import fill_demo  # the whole demo generator: only when asked

    if path.exists():
        raise InputError(Problem("demo", f"培训数据库 {path} 已存在，未重新生成"))
    db = open_database(path, actor="demo")
    try:
        with db.sessions.begin() as s:
            summary = fill_demo(s, seed=seed, today=today)
            create_office_keys(s, path, summary.office, now)
    except BaseException:
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    db.close()
    return summary


def admin_name(session: Session) -> str:
    """The administrator named at set-up, or "" (a database made before the wizard existed)."""
    row = session.get(DbMeta, ADMIN_KEY)
    return row.value if row else ""
