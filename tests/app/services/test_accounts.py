"""Accounts and roles (issue 14): scrypt hashes, lock-out that grows, the first account an
administrator, and a role enforced for every service by the one sync mechanism."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.errors import InputError
from app.models import AuditEntry, Estate, HolidayOverride, UserAccount
from app.rules.roles import lockout_delay
from app.services.accounts import (
    add_account,
    change_password,
    disable_account,
    hash_password,
    password_matches,
    sign_in,
    sign_in_database,
)
from app.services.estates import EstateIn, create_estate
from app.services.holidays import set_override
from tests.conftest import COMMUNITY_A, TODAY

NOW = datetime(2026, 11, 25, 9, 0)
ADMIN_PW, CLERK_PW, VIEWER_PW = "admin-pass-1", "clerk-pass-1", "viewer-pass-1"


@pytest.fixture
def staffed(db: Database) -> Database:
    """The street office with an administrator, a clerk and a viewer."""
    with db.sessions.begin() as s:
        add_account(s, "管理员", "admin", ADMIN_PW, now=NOW)
    sign_in_database(db, "管理员", ADMIN_PW, now=NOW)
    with db.sessions.begin() as s:
        add_account(s, "录入员", "clerk", CLERK_PW, now=NOW)
        add_account(s, "查看员", "viewer", VIEWER_PW, now=NOW)
    return db


def reopen(db: Database) -> Database:
    from app.db import open_database

    db.close()
    return open_database(db.path, actor="tester")


def add_estate(db: Database, name: str = "相山花园") -> str:
    with db.sessions.begin() as s:
        return create_estate(
            s, EstateIn(community_code=COMMUNITY_A, name=name, households=10), today=TODAY
        )


def estates(db: Database) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Estate))


def test_a_password_is_stored_as_a_salted_scrypt_hash() -> None:
    first, second = hash_password("admin-pass-1"), hash_password("admin-pass-1")
    assert first.startswith("scrypt$32768$8$1$") and first != second
    assert "admin-pass-1" not in first
    assert password_matches("admin-pass-1", first) and not password_matches("admin-pass-2", first)


def test_the_first_account_must_be_an_administrator(db: Database) -> None:
    with pytest.raises(InputError, match="第一个账户"), db.sessions.begin() as s:
        add_account(s, "小王", "clerk", CLERK_PW, now=NOW)


def test_a_later_account_needs_a_signed_in_administrator(staffed: Database) -> None:
    db = reopen(staffed)
    with pytest.raises(InputError, match="只有管理员"), db.sessions.begin() as s:
        add_account(s, "小李", "clerk", CLERK_PW, now=NOW)
    sign_in_database(db, "录入员", CLERK_PW, now=NOW)
    with pytest.raises(InputError, match="只有管理员"), db.sessions.begin() as s:
        add_account(s, "小李", "clerk", CLERK_PW, now=NOW)
    db.close()


def test_a_short_password_is_refused(db: Database) -> None:
    with pytest.raises(InputError, match="至少 8 个字符"), db.sessions.begin() as s:
        add_account(s, "管理员", "admin", "1234567", now=NOW)


def test_the_delay_grows_after_the_first_few_failures() -> None:
    delays = [lockout_delay(n).total_seconds() for n in range(1, 9)]
    assert delays == [0, 0, 30, 60, 120, 240, 480, 960]
    assert lockout_delay(40) == timedelta(hours=1)


def test_repeated_failures_lock_the_account_even_against_the_right_password(
    staffed: Database,
) -> None:
    with staffed.sessions.begin() as s:
        for _ in range(3):
            assert sign_in(s, "录入员", "guess-guess", now=NOW).account is None
        locked = sign_in(s, "录入员", CLERK_PW, now=NOW + timedelta(seconds=10))
        assert locked.account is None and "已锁定" in locked.refusal
        assert sign_in(s, "录入员", CLERK_PW, now=NOW + timedelta(seconds=31)).account
        assert s.scalar(select(UserAccount.failures).where(UserAccount.name == "录入员")) == 0


def test_a_disabled_account_cannot_sign_in_and_the_last_admin_stays(staffed: Database) -> None:
    with staffed.sessions.begin() as s:
        disable_account(s, "录入员", now=NOW)
        assert "已停用" in sign_in(s, "录入员", CLERK_PW, now=NOW).refusal
    with pytest.raises(InputError, match="唯一的管理员"), staffed.sessions.begin() as s:
        disable_account(s, "管理员", now=NOW)


def test_sign_ins_and_failures_are_audited(staffed: Database) -> None:
    with pytest.raises(InputError, match="用户名或密码不正确"):
        sign_in_database(staffed, "查看员", "wrong-wrong", now=NOW)
    with staffed.reader() as s:
        actions = s.scalars(
            select(AuditEntry.action).where(AuditEntry.table_name == "user_account")
        ).all()
    assert actions.count("login") == 1 and actions.count("login_fail") == 1
    assert actions.count("user_add") == 3


def test_a_viewer_changes_nothing_through_any_service(staffed: Database) -> None:
    db = reopen(staffed)
    sign_in_database(db, "查看员", VIEWER_PW, now=NOW)
    with pytest.raises(InputError, match="只能查看"):
        add_estate(db)
    with pytest.raises(InputError, match="只能查看"), db.sessions.begin() as s:
        set_override(s, TODAY, is_workday=True)
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(HolidayOverride)) == 0
    assert estates(db) == 0
    db.close()


def test_a_viewer_may_change_their_own_password(staffed: Database) -> None:
    db = reopen(staffed)
    sign_in_database(db, "查看员", VIEWER_PW, now=NOW)
    with db.sessions.begin() as s:
        change_password(s, "查看员", "viewer-pass-2", now=NOW)
    with pytest.raises(InputError, match="只有管理员"), db.sessions.begin() as s:
        change_password(s, "录入员", "viewer-pass-2", now=NOW)
    db.close()


def test_signed_out_on_a_database_with_accounts_reads_only(staffed: Database) -> None:
    db = reopen(staffed)
    with pytest.raises(InputError, match="请登录"):
        add_estate(db)
    sign_in_database(db, "录入员", CLERK_PW, now=NOW)
    add_estate(db)
    assert estates(db) == 1
    db.close()


def test_a_database_without_accounts_writes_as_before(db: Database) -> None:
    add_estate(db)
    assert estates(db) == 1


def test_a_signed_in_account_is_who_moves_whatever_who_says(staffed: Database) -> None:
    from app.db.sync import acting_name

    with staffed.reader() as s:
        assert acting_name(s, "别人") == "管理员"


def test_a_form_shows_a_viewer_personal_fields_masked_and_a_clerk_in_clear(
    staffed: Database,
) -> None:
    from app.services.companies import CompanyIn, create_company, get_company

    with staffed.sessions.begin() as s:
        uuid = create_company(
            s,
            CompanyIn(
                credit_code="91340603MA2W000184", name="安居物业", contact_phone="13850217099"
            ),
        )
    db = reopen(staffed)
    sign_in_database(db, "查看员", VIEWER_PW, now=NOW)
    with db.reader() as s:
        assert get_company(s, uuid).contact_phone == "138****7099"
    db.close()
    db = reopen(db)
    sign_in_database(db, "录入员", CLERK_PW, now=NOW)
    with db.reader() as s:
        assert get_company(s, uuid).contact_phone == "13850217099"
    db.close()
