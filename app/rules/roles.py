"""Roles of the office's accounts and what each may do (issue 14): pure, so the window, the
CLI and the services read the same answer.

管理员 manages accounts, keys, settings and restores; 录入员 enters, imports and prints;
查看 reads and prints masked only. A database without accounts is a single-user PC: no role,
everything allowed, as before accounts existed.
"""

from __future__ import annotations

from datetime import timedelta

ADMIN, CLERK, VIEWER = "admin", "clerk", "viewer"
ROLE_LABELS = {ADMIN: "管理员", CLERK: "录入员", VIEWER: "查看"}
ROLES = tuple(ROLE_LABELS)
# Signed out on a database that has accounts: reads only, like 查看.
NOBODY = "nobody"

FREE_FAILURES = 3  # typing slips; after these each failure doubles the wait
FIRST_DELAY = timedelta(seconds=30)
LONGEST_DELAY = timedelta(hours=1)


def role_label(role: str | None) -> str:
    return ROLE_LABELS.get(role or "", "未登录" if role == NOBODY else "单机（未设账户）")


def may_write(role: str | None) -> bool:
    """Whether changes to the ledgers may be saved at all."""
    return role in (None, ADMIN, CLERK)


def may_unmask(role: str | None) -> bool:
    """Whether personal data may be shown or printed in clear (an audited, explicit choice)."""
    return role in (None, ADMIN, CLERK)


def may_administer(role: str | None) -> bool:
    """Accounts, keys, settings, restore."""
    return role in (None, ADMIN)


def lockout_delay(failures: int) -> timedelta:
    """The wait before the next try after `failures` failed sign-ins in a row: none for the
    first few, then 30 s, 1 min, 2 min … up to an hour, so guessing costs days."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    delay = FIRST_DELAY * (2 ** (failures - FREE_FAILURES))
    return min(delay, LONGEST_DELAY)


def write_refusal(role: str | None, actor: str) -> str:
    """The one Chinese line a refused write shows, wherever it was tried."""
    if role == NOBODY:
        return "此数据库已设置账户，修改数据前请登录（--user 用户名，或环境变量 WUYE_USER）"
    return f"账户“{actor}”的角色是“{role_label(role)}”，只能查看，不能修改数据"
