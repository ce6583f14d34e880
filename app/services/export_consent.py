"""Exports with personal data in clear (issue 14): every list and workbook masks phones and
ID numbers; only an administrator may choose otherwise, and the choice is an audit row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.db.sync import context_of
from app.errors import InputError, Problem
from app.rules.roles import may_administer
from app.services.audit_log import record


def allow_unmasked_export(session: Session, *, what: str, target: str, now: datetime) -> None:
    """Refuse anyone but an administrator (or the single user of a PC without accounts);
    record who exported which ledger where, in the caller's transaction."""
    ctx = context_of(session)
    if not may_administer(ctx.role) or (ctx.role is not None and not ctx.signed_in):
        raise InputError(
            Problem("", "只有管理员可以导出未隐去个人信息的表格：请以管理员账户登录（--user）")
        )
    record(session, "export", table=what, row=target, changes={"unmasked": [None, True]},
           now=now)  # fmt: skip
