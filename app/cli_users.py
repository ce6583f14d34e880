"""`wuye user …`: the office's local accounts (issue 14). Each command is a few lines over
`app/services/accounts.py`; roles are checked there, not here."""

from __future__ import annotations

import sys

import click

from app.cli_support import Failure, opened
from app.rules.roles import ROLE_LABELS, ROLES


def _new_password(from_stdin: bool) -> str:
    """Asked twice at a prompt, or the first line of standard input for scripts."""
    if from_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise Failure("标准输入中没有密码（--password-stdin 读取第一行）")
        return line.rstrip("\r\n")
    return click.prompt(
        "新密码",
        hide_input=True,
        confirmation_prompt="再次输入新密码",
        err=True,
    )


@click.group("user")
def user_group() -> None:
    """Local accounts and their roles: 管理员 (admin), 录入员 (clerk), 查看 (viewer).

    Example: wuye --user 管理员 user add 张敏 --role clerk
    """


@user_group.command("add")
@click.argument("name")
@click.option(
    "--role", required=True, type=click.Choice(list(ROLES)), help="admin, clerk or viewer."
)
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@click.pass_context
def user_add(ctx: click.Context, name: str, role: str, password_stdin: bool) -> None:
    """Add an account. The first account of a database must be an administrator; later ones
    are added by an administrator signed in with --user.

    Example: wuye user add 张敏 --role clerk
    """
    from app.db.sync import utc_now
    from app.services.accounts import add_account

    with opened(ctx, must_exist=True) as db:
        password = _new_password(password_stdin)
        with db.sessions.begin() as s:
            view = add_account(s, name, role, password, now=utc_now())
    click.echo(f"已添加账户：{view.name}（{ROLE_LABELS[view.role]}）")


@user_group.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@click.pass_context
def user_passwd(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Change an account's password: one's own, or anyone's as an administrator.

    Example: wuye --user 张敏 user passwd 张敏
    """
    from app.db.sync import utc_now
    from app.services.accounts import change_password

    with opened(ctx, must_exist=True) as db:
        password = _new_password(password_stdin)
        with db.sessions.begin() as s:
            change_password(s, name, password, now=utc_now())
    click.echo(f"已修改账户“{name}”的密码")


@user_group.command("disable")
@click.argument("name")
@click.pass_context
def user_disable(ctx: click.Context, name: str) -> None:
    """Disable an account (kept, so the audit log still names it). Administrators only.

    Example: wuye --user 管理员 user disable 张敏
    """
    from app.db.sync import utc_now
    from app.services.accounts import disable_account

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        disable_account(s, name, now=utc_now())
    click.echo(f"已停用账户“{name}”")


@user_group.command("list")
@click.pass_context
def user_list(ctx: click.Context) -> None:
    """List the accounts with their role and state.

    Example: wuye user list
    """
    from app.services.accounts import list_accounts

    with opened(ctx, must_exist=True) as db, db.reader() as s:
        accounts = list_accounts(s)
    if not accounts:
        click.echo("此数据库未设置账户（单机使用：任何人都可修改）")
        return
    for a in accounts:
        state = "已停用" if a.disabled else ("已锁定" if a.locked_until else "正常")
        last = f"{a.last_login_at:%Y-%m-%d %H:%M}" if a.last_login_at else "从未登录"
        click.echo(f"{a.name}  {a.role_label}  {state}  最近登录：{last}")
