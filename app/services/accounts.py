"""Local accounts (issue 14): add, sign in with lock-out, change a password, disable, list.

Passwords are hashed with scrypt (memory-hard, in the standard library, the same KDF the key
backups use) under a random salt; only the hash is stored. Failed sign-ins lock the account for
a growing time (app/rules/roles.py `lockout_delay`), and every sign-in, failed or not, is an
audit row. A database without accounts works as before; its first account is the office's
first administrator.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import data_key
from app.db.sync import context_of
from app.errors import InputError, NotFound, Problem
from app.models import UserAccount
from app.rules.roles import (
    ADMIN,
    NOBODY,
    ROLES,
    lockout_delay,
    may_administer,
    role_label,
)
from app.services.audit_log import record

if TYPE_CHECKING:
    from app.db import Database

# n = 2**15, r = 8: 32 MiB and about 0.1 s per try on an office PC; a guesser pays the same.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSWORD = 8
ACCOUNT_TABLE = "user_account"


@dataclass(frozen=True)
class AccountView:
    name: str
    role: str
    disabled: bool
    locked_until: datetime | None
    last_login_at: datetime | None

    @property
    def role_label(self) -> str:
        return role_label(self.role)


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def password_matches(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        found = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(found, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r, dklen=32
    )


def password_problems(password: str) -> list[str]:
    if len(password) < MIN_PASSWORD:
        return [f"密码至少 {MIN_PASSWORD} 个字符"]
    if len(set(password)) < 4:
        return ["密码过于简单：请混用字母、数字和符号"]
    return []


def has_accounts(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(UserAccount)))


def list_accounts(session: Session) -> list[AccountView]:
    return [_view(a) for a in session.scalars(select(UserAccount).order_by(UserAccount.name))]


def add_account(
    session: Session, name: str, role: str, password: str, *, now: datetime
) -> AccountView:
    """A new account. The first account of a database is its first administrator, made
    without signing in; later ones only by a signed-in 管理员."""
    name = name.strip()
    first = not has_accounts(session)
    if not first:
        _require_admin(session, "添加账户")
    problems = []
    if not name or len(name) > 40:
        problems.append(Problem("name", "账户名应为 1–40 个字符"))
    if role not in ROLES:
        problems.append(Problem("", f"未知的角色：{role}（可用：admin、clerk、viewer）"))
    elif first and role != ADMIN:
        problems.append(Problem("", "这是本数据库的第一个账户，必须是管理员（--role admin）"))
    problems += [Problem("password", m) for m in password_problems(password)]
    if name and session.scalar(select(UserAccount.id).where(UserAccount.name == name)):
        problems.append(Problem("name", f"账户“{name}”已存在"))
    if problems:
        raise InputError(problems)
    account = UserAccount(
        name=name, role=role, password_hash=hash_password(password), created_at=now
    )
    session.add(account)
    data_key.on_password(session, name, password)
    _audit(session, now, "user_add", name, {"role": [None, role]})
    session.flush()
    return _view(account)


def change_password(session: Session, name: str, password: str, *, now: datetime) -> None:
    """One's own password, or anyone's by a 管理员; a lock-out ends with it."""
    account = _account(session, name)
    ctx = context_of(session)
    if not (ctx.signed_in and ctx.actor == account.name):
        _require_admin(session, "修改其他账户的密码")
    if problems := password_problems(password):
        raise InputError(Problem("password", m) for m in problems)
    account.password_hash = hash_password(password)
    data_key.on_password(session, account.name, password)
    account.failures, account.locked_until = 0, None
    _audit(session, now, "passwd", account.name, {})
    session.flush()


def disable_account(session: Session, name: str, *, now: datetime) -> None:
    """Disabled, never deleted: the audit rows keep naming who did what."""
    _require_admin(session, "停用账户")
    account = _account(session, name)
    admins = session.scalar(
        select(func.count())
        .select_from(UserAccount)
        .where(UserAccount.role == ADMIN, UserAccount.disabled.is_(False))
    )
    if account.role == ADMIN and not account.disabled and admins == 1:
        raise InputError(Problem("name", f"“{name}”是唯一的管理员，不能停用"))
    account.disabled = True
    _audit(session, now, "disable", account.name, {"disabled": [False, True]})
    session.flush()


@dataclass(frozen=True)
class SignIn:
    """The outcome of one try; the caller commits either way (the failure is audited)."""

    account: AccountView | None
    refusal: str = ""


def sign_in(session: Session, name: str, password: str, *, now: datetime) -> SignIn:
    """Check a password, counting failures; never says whether the name exists."""
    account = session.scalar(select(UserAccount).where(UserAccount.name == name.strip()))
    wrong = "用户名或密码不正确"
    if account is None:
        _audit(session, now, "login_fail", name.strip()[:36], {"reason": [None, "unknown"]})
        return SignIn(None, wrong)
    if account.locked_until is not None and now < account.locked_until:
        wait = int((account.locked_until - now).total_seconds()) + 1
        _audit(session, now, "login_fail", account.name, {"reason": [None, "locked"]})
        return SignIn(None, f"账户“{account.name}”因多次密码错误已锁定，请 {wait} 秒后再试")
    if not password_matches(password, account.password_hash):
        account.failures += 1
        delay = lockout_delay(account.failures)
        account.locked_until = now + delay if delay else None
        _audit(session, now, "login_fail", account.name, {"failures": [None, account.failures]})
        if delay:
            wrong += f"；已连续错误 {account.failures} 次，请 {int(delay.total_seconds())} 秒后再试"
        return SignIn(None, wrong)
    if account.disabled:
        _audit(session, now, "login_fail", account.name, {"reason": [None, "disabled"]})
        return SignIn(None, f"账户“{account.name}”已停用，请联系管理员")
    account.failures, account.locked_until, account.last_login_at = 0, None, now
    data_key.on_password(session, account.name, password)  # opens the personal fields
    _audit(session, now, "login", account.name, {"role": [None, account.role]})
    return SignIn(_view(account))


def sign_in_database(db: Database, name: str, password: str, *, now: datetime) -> AccountView:
    """Sign `db`'s sessions in as `name`: from now on they write as that account, with its
    role. The try is committed (and audited) before a refusal is raised."""
    with db.sessions.begin() as s:
        result = sign_in(s, name, password, now=now)
    if result.account is None:
        raise InputError(Problem("", result.refusal))
    ctx = db.context
    ctx.actor, ctx.role, ctx.signed_in = result.account.name, result.account.role, True
    return result.account


def sign_out(db: Database) -> None:
    """Back to the signed-out state: reads only (the window after its idle time)."""
    ctx = db.context
    ctx.role, ctx.signed_in = NOBODY, False


def _require_admin(session: Session, what: str) -> None:
    ctx = context_of(session)
    if not (ctx.signed_in and may_administer(ctx.role)):
        raise InputError(Problem("", f"只有管理员可以{what}：请以管理员账户登录（--user）"))


def _account(session: Session, name: str) -> UserAccount:
    account = session.scalar(select(UserAccount).where(UserAccount.name == name.strip()))
    if account is None:
        raise NotFound("账户", name)
    return account


def _view(a: UserAccount) -> AccountView:
    return AccountView(a.name, a.role, a.disabled, a.locked_until, a.last_login_at)


def _audit(session: Session, now: datetime, action: str, name: str, changes: dict) -> None:
    signed_in = context_of(session).signed_in
    record(
        session,
        action,
        table=ACCOUNT_TABLE,
        row=name,
        changes=changes,
        now=now,
        actor=None if signed_in else name,
    )
