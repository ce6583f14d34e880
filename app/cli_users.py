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
    """本机账户及其角色：管理员（admin）、录入员（clerk）、查看（viewer）。

    示例：wuye --user 管理员 user add 张敏 --role clerk
    """


@user_group.command("add")
@click.argument("name")
@click.option(
    "--role",
    required=True,
    type=click.Choice(list(ROLES)),
    help="角色：admin 管理员、clerk 录入员或 viewer 查看。",
)
@click.option("--password-stdin", is_flag=True, help="从标准输入读取新密码。")
@click.pass_context
def user_add(ctx: click.Context, name: str, role: str, password_stdin: bool) -> None:
    """新增账户。数据库的第一个账户须是管理员；以后的账户由用 --user 登录的管理员添加。

    示例：wuye user add 张敏 --role clerk
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
@click.option("--password-stdin", is_flag=True, help="从标准输入读取新密码。")
@click.pass_context
def user_passwd(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """修改账户密码：自己的，或（管理员）任何人的。

    示例：wuye --user 张敏 user passwd 张敏
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
    """停用账户（账户保留，操作日志仍能显示其姓名）。仅限管理员。

    示例：wuye --user 管理员 user disable 张敏
    """
    from app.db.sync import utc_now
    from app.services.accounts import disable_account

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        disable_account(s, name, now=utc_now())
    click.echo(f"已停用账户“{name}”")


@user_group.command("list")
@click.pass_context
def user_list(ctx: click.Context) -> None:
    """列出账户及其角色和状态。

    示例：wuye user list
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
