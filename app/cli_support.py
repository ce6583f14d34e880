"""What every `wuye` command shares: the date option type, the exit-1 failure, Chinese
problem lines, file parameters, opening the database for one command, and the one place where
any failure becomes a Chinese line (never a traceback). Command modules (`app.cli`,
`app.cli_*`) import this, never each other, so each group of commands lives in its own file."""

from __future__ import annotations

import importlib
import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import click

from app import click_chinese
from app.cli_lazy import LazyGroup
from app.errors import InputError, WuyeError
from app.field_labels import field_label

click_chinese.install()  # before any command is declared: click takes some texts then

if TYPE_CHECKING:
    from app.db import Database


class Day(click.DateTime):
    """A day written 2026-11-25: the one date format of every command."""

    def __init__(self) -> None:
        super().__init__(formats=["%Y-%m-%d"])

    def get_metavar(self, param, ctx=None):  # type: ignore[no-untyped-def,override]
        return "YYYY-MM-DD"


DATE = Day()


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
    """“统一社会信用代码：…”: the field's Chinese name (the key only when it has none)."""
    if not field:
        return message
    return f"{field_label(field)}：{message}"


class DatabaseTarget(click.ParamType):
    """`--db`: a SQLite file, or a `postgresql://` URL (kept as text: a Path would fold `//`)."""

    name = "FILE|URL"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, Path) or not value:
            return value
        from app.db.address import is_server_url  # no SQLAlchemy: the window starts here

        return str(value) if is_server_url(value) else Path(value)


@contextmanager
def opened(
    ctx: click.Context, *, must_exist: bool = False, readonly: bool = False
) -> Iterator[Database]:
    """Open the database for one command; a file this command created is removed on failure.
    A PostgreSQL URL is opened as it is: the server says whether the database exists.

    `readonly`: the command only reads. It then neither migrates nor writes nor takes the
    write lock, so it runs while another process imports (app/db/database.py)."""
    target: Path | str = ctx.find_root().obj["db"]
    path = None if isinstance(target, str) else target
    existed = path is None or path.exists()
    if (must_exist or readonly) and not existed:
        raise Failure(f"数据库文件不存在：{path}")
    if path is not None and existed and not readonly:
        from app.db.failures import UNCHANGED, readonly_reason

        if why := readonly_reason(path):
            raise Failure(f"数据库 {path} 是只读的，无法写入：{why}；{UNCHANGED}")
    from app.db import open_database  # SQLAlchemy loads here, not for `wuye gui`

    try:
        db = open_database(target, readonly=readonly, holder=ctx.command_path)
    except Exception:
        _remove_new(path, existed)
        raise
    for note in db.backup_notes:  # an old backup left in clear: the user may delete it
        click.echo(note, err=True)
    try:
        from app.packages.scratch import sweep

        sweep()  # decrypted payloads a killed run left behind
        _ask_key_passphrase_by_prompt()
        if not readonly:  # a read-only open writes nothing, not even a sign-in's audit row
            _sign_in(ctx, db)
        if not readonly and (request_id := ctx.meta.get(REQUEST_ID)):
            _once(ctx, db, request_id)
        yield db
    except BaseException:
        db.close()
        _remove_new(path, existed)
        raise
    else:
        db.close()
    finally:
        from app.packages.key_vault import set_passphrase_asker

        set_passphrase_asker(None)  # the prompt belongs to this command, not to the process


REQUEST_ID = "wuye.request_id"
OUTPUT = "wuye.request_output"


class AlreadyDone(Exception):
    """The command's `--request-id` was done before: show what it printed, write nothing."""

    def __init__(self, request_id: str, command: str, output: str, when: datetime) -> None:
        super().__init__(request_id)
        self.request_id, self.command, self.output, self.when = request_id, command, output, when


def _once(ctx: click.Context, db: Database, request_id: str) -> None:
    """Refuse a request id done before; else store it with the command's writes."""
    from app.db import requests

    with db.reader() as s:
        row = requests.done(s, request_id)
    if row is not None:
        raise AlreadyDone(request_id, row.command, row.output, row.done_at)
    output = ctx.meta.setdefault(OUTPUT, {})
    for factory in (db.sessions, db.late):
        if factory is not None:
            requests.record_on_commit(factory, request_id, ctx.command_path, output)


def remember_output(ctx: click.Context, text: str) -> None:
    """What the command will print once committed, stored with its `--request-id` (if any):
    call it inside the transaction, print after it."""
    ctx.meta.setdefault(OUTPUT, {})["text"] = text


def accept_request_id(command: click.Command) -> None:
    """Give a write command `--request-id` (same id, same result, written once)."""

    def keep(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        if value:
            ctx.meta[REQUEST_ID] = value

    command.params.append(
        click.Option(
            ["--request-id"],
            metavar="ID",
            expose_value=False,
            callback=keep,
            help="本次请求的编号（由调用的脚本给出）：用同一编号重新运行时不会重复写入，"
            "只显示上次的结果。",
        )
    )


def _remove_new(path: Path | None, existed: bool) -> None:
    if path is not None and not existed:
        for suffix in ("", "-wal", "-shm", ".lock-info"):
            with suppress(OSError):
                Path(f"{path}{suffix}").unlink(missing_ok=True)


class CommandGroup(LazyGroup):
    """The root `wuye` group: whatever a command raises becomes one Chinese line and exit 1.

    Known failures (`WuyeError`, a file the system refuses, SQLite's locked, read-only or
    broken database) are worded by app/db/failures.py; anything else is a bug, shown as one
    line too (`WUYE_DEBUG=1` prints the traceback for whoever fixes it). Its command modules
    load on first use (app/cli_lazy.py)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except AlreadyDone as done:
            if done.output:
                click.echo(done.output)
            when = f"{done.when:%Y-%m-%d %H:%M}"
            click.echo(
                f"请求 {done.request_id} 已于 {when} 完成（{done.command}），本次未重复写入",
                err=True,
            )
            return None
        except Exception as exc:
            raise Failure(explain(exc, ctx.obj.get("db") if ctx.obj else None)) from exc


def explain(exc: Exception, db: Path | str | None) -> str:
    """One Chinese line for a failure a command did not handle itself."""
    from app.db import failures

    if isinstance(exc, WuyeError):
        return describe(exc)
    if failures.is_sqlite_error(exc) and isinstance(db, Path):
        return str(failures.database_failure(exc, db))
    if isinstance(exc, BrokenPipeError):
        return "输出已中断：接收输出的程序已先关闭"
    if isinstance(exc, OSError):
        return str(failures.file_failure(exc))
    if os.environ.get("WUYE_DEBUG"):
        traceback.print_exc()
    return (
        f"程序内部错误（{type(exc).__name__}：{exc}）；请把这一行和所用的命令告诉维护人员"
        "（设置环境变量 WUYE_DEBUG=1 可看到详细信息）"
    )


class InputFile(click.ParamType):
    """A file the command reads: a missing or unreadable one is an unusable file (exit 1, as
    the README promises), not a usage error (exit 2)."""

    name = "FILE"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        path = Path(value)
        if not path.exists():
            raise Failure(f"文件不存在：{path}")
        if path.is_dir():
            raise Failure(f"{path} 是文件夹，不是文件")
        if not os.access(path, os.R_OK):
            raise Failure(f"文件 {path} 不可读取：没有权限")
        return path


class OutputFile(click.ParamType):
    """A file the command writes: its folder must exist (never made silently, a typo would
    scatter files), and a name without the expected suffix is warned about."""

    name = "FILE"

    def __init__(self, suffix: str | None = None) -> None:
        self.suffix = suffix

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        path = Path(value)
        if path.is_dir():
            raise Failure(f"{path} 是文件夹，请给出文件名")
        folder = path.parent
        if not folder.is_dir():
            raise Failure(f"文件夹不存在：{folder}（不会自动创建，请先建好或换一个位置）")
        if why := _unwritable(folder):
            raise Failure(f"无法写入 {path}：{why}；未做任何更改")
        if self.suffix and path.suffix.lower() != self.suffix:
            click.echo(
                f"提示：文件名 {path.name} 不以 {self.suffix} 结尾，其他程序可能认不出它", err=True
            )
        return path


def output_folder(path: Path) -> Path:
    """A folder a command writes several files into: it must exist and take a file."""
    if not path.is_dir():
        raise Failure(f"文件夹不存在：{path}（不会自动创建，请先建好或换一个位置）")
    if why := _unwritable(path):
        raise Failure(f"无法写入文件夹 {path}：{why}；未做任何更改")
    return path


def _unwritable(folder: Path) -> str | None:
    """Why no file can be made in `folder`, found before any work is done. Only making one
    tells: permission bits say nothing to an administrator, nor about /proc or a locked folder."""
    import tempfile

    from app.db.failures import os_reason

    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".wuye-probe-"):
            return None
    except OSError as exc:
        return os_reason(exc)


INPUT_FILE = InputFile()
OUTPUT_FILE = OutputFile()

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


def day_of(value: datetime | None) -> date | None:
    """An optional `DATE` option's day (click hands a datetime)."""
    return value.date() if value else None


def echo_json(data: object) -> None:
    """What every `--json` prints: Chinese as it is, indented; one format for all commands."""
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def documents(module: str) -> ModuleType:
    """A `reports` module by name: the CLI is the composition root, `app` never imports it."""
    return importlib.import_module(f"reports.{module}")


def configured_fonts() -> Any:
    """The fonts every print uses, their fallbacks said on stderr; a font setting that cannot
    be read is one Chinese line, before any database is opened."""
    try:
        fonts = documents("pdf.fonts").configured_fonts()
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    for warning in fonts.warnings:
        click.echo(f"提示：{warning}", err=True)
    return fonts
