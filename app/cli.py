"""The `wuye` command. Each subcommand is a few lines over a service, like the window's actions.

Exit codes: 0 ok; 1 bad input or an unusable file (message on stderr, nothing changed);
2 usage. With no subcommand it opens the window.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from app import __version__
from app.errors import InputError, WuyeError
from app.field_labels import field_label
from app.paths import DB_ENV, default_db_path

if TYPE_CHECKING:
    from app.db import Database

DATE = click.DateTime(formats=["%Y-%m-%d"])


class Failure(click.ClickException):
    """Exit 1 with the Chinese message on stderr."""

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"错误：{self.format_message()}", err=True)


def describe(error: WuyeError) -> str:
    if isinstance(error, InputError):
        lines = [
            f"{field_label(p.field)}（{p.field}）：{p.message}" if p.field else p.message
            for p in error.problems
        ]
        return "\n".join(lines)
    return str(error)


@contextmanager
def opened(ctx: click.Context, *, must_exist: bool = False) -> Iterator[Database]:
    """Open the database for one command; a file this command created is removed on failure."""
    path: Path = ctx.obj["db"]
    existed = path.exists()
    if must_exist and not existed:
        raise Failure(f"数据库文件不存在：{path}")
    from app.db import open_database  # SQLAlchemy loads here, not for `wuye gui`

    try:
        db = open_database(path)
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    try:
        yield db
    except WuyeError as exc:
        db.close()
        if not existed:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise Failure(describe(exc)) from exc
    else:
        db.close()


def _today(value: datetime | None) -> date:
    return value.date() if value else date.today()


@click.group(invoke_without_command=True)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=DB_ENV,
    help="Database file (default: the user data directory; env WUYE_DB).",
)
@click.version_option(__version__, prog_name="wuye")
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """WuyeDesk (社区物业工作台). Without a subcommand, opens the window."""
    ctx.obj = {"db": db or default_db_path()}
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui)


@cli.command()
@click.option("--code", required=True, help="Statistical division code (12 digits).")
@click.option("--name", required=True, help="Office name, e.g. 曲阳街道.")
@click.option(
    "--level",
    required=True,
    type=click.Choice(["city", "district", "street", "community"]),
    help="Level of this office.",
)
@click.option("--parent-code", default=None, help="Division code of the office above.")
@click.option("--credit-code", default=None, help="The office's unified social credit code.")
@click.pass_context
def init(
    ctx: click.Context,
    code: str,
    name: str,
    level: str,
    parent_code: str | None,
    credit_code: str | None,
) -> None:
    """Create this office's database.

    Example: wuye init --code 340603010000 --name 曲阳街道 --level street
    """
    from app.services.offices import init_office

    with opened(ctx) as db, db.sessions.begin() as s:
        info = init_office(
            s, code=code, name=name, level=level, parent_code=parent_code, credit_code=credit_code
        )
    click.echo(f"已初始化：{info.name}（{info.code}，{info.level_label}）  数据库：{ctx.obj['db']}")


@cli.command()
@click.option("--seed", default=1, show_default=True, help="Same seed, same data.")
@click.option("--today", type=DATE, default=None, help="Reference day (default: today).")
@click.pass_context
def demo(ctx: click.Context, seed: int, today: datetime | None) -> None:
    """Fill an empty database with a demo street office.

    Example: wuye --db demo.sqlite demo --seed 1
    """
    from app.services.demo import fill_demo

    with opened(ctx) as db, db.sessions.begin() as s:
        summary = fill_demo(s, seed=seed, today=_today(today))
    click.echo(
        f"演示数据已生成：{summary.communities} 个社区，{summary.estates} 个小区，"
        f"{summary.companies} 家物业企业，{summary.contracts} 份合同，"
        f"{summary.committees} 个委员会（{summary.members} 名成员）"
    )


@cli.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check the file's integrity, schema version and sync counters.

    Example: wuye check
    """
    from app.services.health import check_database

    with opened(ctx, must_exist=True) as db, db.reader() as s:
        report = check_database(s, db.path)
    for item in report.checks:
        click.echo(f"{'✓' if item.ok else '✗'} {item.name}：{item.detail}")
    if not report.ok:
        raise Failure("数据库检查未通过")
    click.echo("数据库状态良好")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--today", type=DATE, default=None, help="Reference day (default: today).")
@click.pass_context
def stats(ctx: click.Context, as_json: bool, today: datetime | None) -> None:
    """Figures for this office's subtree: formation rate, party share, terms, types.

    Example: wuye stats --json
    """
    from app.services.stats import office_stats

    with opened(ctx, must_exist=True) as db, db.reader() as s:
        figures = office_stats(s, _today(today))
    if as_json:
        click.echo(json.dumps(figures.as_dict(), ensure_ascii=False, indent=2))
        return
    f = figures
    click.echo(f"{f.office_name}（{f.office_code}）  统计日期 {f.today.isoformat()}")
    click.echo(
        f"小区 {f.estates} 个：" + "，".join(f"{k} {v}" for k, v in f.by_management_type.items())
    )
    click.echo(_rate_line("业委会组建率", f.formation))
    click.echo(_rate_line("业委会组建率（含物管会）", f.formation_with_pmc))
    click.echo(_rate_line("党员比例", f.party_overall))
    below = sum(1 for c in f.party_by_committee if not c.met)
    click.echo(f"党员比例未达50%的委员会：{below} 个")
    click.echo(f"90天内任期届满：{len(f.expiring)} 个；已届满未换届：{len(f.expired)} 个")
    click.echo(
        f"在服务物业企业 {f.companies_serving} 家，未建立党组织 "
        f"{len(f.companies_without_party_org)} 家"
    )


def _rate_line(name: str, rate) -> str:  # type: ignore[no-untyped-def]
    percent = "—" if rate.percent is None else f"{rate.percent}%"
    mark = "达标" if rate.met else "未达标"
    return (
        f"{name}：{percent}（{rate.numerator}/{rate.denominator}，"
        f"目标≥{rate.target_percent}%，{mark}）"
    )


@cli.command()
@click.option(
    "--quit-after-paint",
    is_flag=True,
    hidden=True,
    help="Print 'painted' and quit after the first paint (smoke tests, benchmarks).",
)
@click.pass_context
def gui(ctx: click.Context, quit_after_paint: bool) -> None:
    """Open the window (the default with no subcommand).

    Example: wuye --db demo.sqlite gui
    """
    # The one upward hop: the launcher names the Qt package by string, so nothing in app/
    # loads Qt unless the window is asked for (tests/test_layers.py checks this).
    window = importlib.import_module("ui.app")
    sys.exit(window.run(ctx.obj["db"], quit_after_paint=quit_after_paint))


def main() -> None:
    cli(prog_name="wuye")
