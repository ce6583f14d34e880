"""What every `wuye` command shares: the date option type, the exit-1 failure, Chinese
problem lines, and opening the database for one command. Command modules (`app.cli`,
`app.cli_*`) import this, never each other, so each group of commands lives in its own file."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import click

from app.errors import InputError, WuyeError
from app.field_labels import field_label

if TYPE_CHECKING:
    from app.db import Database

DATE = click.DateTime(formats=["%Y-%m-%d"])


class Failure(click.ClickException):
    """Exit 1 with the Chinese message on stderr."""

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"错误：{self.format_message()}", err=True)


def describe(error: WuyeError) -> str:
    if isinstance(error, InputError):
        lines = [problem_line(p.field, p.message) for p in error.problems]
        return "\n".join(lines)
    return str(error)


def problem_line(field: str, message: str) -> str:
    """“统一社会信用代码（credit_code）：…”: the Chinese name, and the key a script would use."""
    if not field:
        return message
    label = field_label(field)
    return f"{label}（{field}）：{message}" if label != field else f"{field}：{message}"


class DatabaseTarget(click.ParamType):
    """`--db`: a SQLite file, or a `postgresql://` URL (kept as text: a Path would fold `//`)."""

    name = "FILE|URL"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, Path) or not value:
            return value
        from app.db.server import is_server_url

        return str(value) if is_server_url(value) else Path(value)


@contextmanager
def opened(ctx: click.Context, *, must_exist: bool = False) -> Iterator[Database]:
    """Open the database for one command; a file this command created is removed on failure.
    A PostgreSQL URL is opened as it is: the server says whether the database exists."""
    target: Path | str = ctx.obj["db"]
    path = None if isinstance(target, str) else target
    existed = path is None or path.exists()
    if must_exist and not existed:
        raise Failure(f"数据库文件不存在：{path}")
    from app.db import open_database  # SQLAlchemy loads here, not for `wuye gui`

    try:
        db = open_database(target)
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    try:
        from app.packages.scratch import sweep

        sweep()  # decrypted payloads a killed run left behind
        _ask_key_passphrase_by_prompt()
        _sign_in(ctx, db)
        yield db
    except WuyeError as exc:
        db.close()
        if path is not None and not existed:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise Failure(describe(exc)) from exc
    else:
        db.close()


PASSWORD_ENV = "WUYE_PASSWORD"


def _ask_key_passphrase_by_prompt() -> None:
    """Protected private keys (app/packages/key_vault.py) ask for their passphrase here."""
    from app.packages.key_vault import set_passphrase_asker

    set_passphrase_asker(lambda folder: click.prompt("本单位私钥口令", hide_input=True, err=True))


def _sign_in(ctx: click.Context, db: Database) -> None:
    """`--user NAME` (or WUYE_USER) on a database with accounts: its password from
    WUYE_PASSWORD or a prompt. Without a user such a database reads only; a database
    without accounts ignores the user, as a single-user PC always did."""
    import os

    from app.rules.roles import NOBODY
    from app.services.accounts import sign_in_database

    name = (ctx.find_root().obj or {}).get("user")
    if not name or db.context.role != NOBODY:
        return
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = click.prompt(f"账户“{name}”的密码", hide_input=True, err=True)
    from app.db.sync import utc_now

    sign_in_database(db, name, password, now=utc_now())


def file_only(target: Path | str, command: str) -> None:
    """Commands that work on the SQLite file itself refuse a PostgreSQL URL in one line."""
    if isinstance(target, str):
        raise Failure(
            f"wuye {command} 只用于 SQLite 数据库文件；PostgreSQL 数据库（{shown_target(target)}，"
            "市级汇总）可用 init、package import、stats、keys、onboarding 等命令"
        )


def shown_target(target: Path | str) -> str:
    """The database as messages name it: a file path, or the URL without its password."""
    if isinstance(target, str):
        from app.db.server import shown

        return shown(target)
    return str(target)


def today_or(value: datetime | None) -> date:
    return value.date() if value else date.today()


def documents(module: str) -> ModuleType:
    """A `reports` module by name: the CLI is the composition root, `app` never imports it."""
    return importlib.import_module(f"reports.{module}")
