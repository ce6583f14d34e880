"""The `wuye` command. Each subcommand is a few lines over a service, like the window's actions.

Exit codes: 0 ok; 1 bad input or an unusable file (message on stderr, nothing changed);
2 usage. With no subcommand it opens the window.

The CLI is the composition root: commands that print documents or open the window reach
`reports` and `ui` by name inside their bodies, so importing `app` never loads them.
"""

from __future__ import annotations

import importlib
import json
import sys
from datetime import date, datetime
from pathlib import Path

import click

from app import __version__
from app.cli_support import (
    DATE,
    DatabaseTarget,
    Failure,
    describe,
    documents,
    file_only,
    opened,
    shown_target,
    today_or,
)
from app.errors import WuyeError
from app.paths import DB_ENV, default_db_path


@click.group(invoke_without_command=True)
@click.option(
    "--db",
    type=DatabaseTarget(),
    envvar=DB_ENV,
    help="Database file, or a postgresql://user@host:port/name URL for the city aggregate "
    "(default: the user data directory; env WUYE_DB).",
)
@click.version_option(__version__, prog_name="wuye")
@click.pass_context
def cli(ctx: click.Context, db: Path | str | None) -> None:
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
    from app.db.sync import utc_now
    from app.packages.keys import create_office_keys, keys_dir
    from app.services.offices import init_office

    with opened(ctx) as db, db.sessions.begin() as s:
        info = init_office(
            s, code=code, name=name, level=level, parent_code=parent_code, credit_code=credit_code
        )
        made = create_office_keys(s, db.path, info.code, utc_now())
    where = shown_target(ctx.obj["db"])
    click.echo(f"已初始化：{info.name}（{info.code}，{info.level_label}）  数据库：{where}")
    click.echo(
        f"已生成本单位密钥（{'、'.join(k.key_id for k in made)}），"
        f"私钥在 {keys_dir(db.path, info.code)}"
    )


@cli.command()
@click.option("--seed", default=1, show_default=True, help="Same seed, same data.")
@click.option("--today", type=DATE, default=None, help="Reference day (default: today).")
@click.pass_context
def demo(ctx: click.Context, seed: int, today: datetime | None) -> None:
    """Fill an empty database with a demo street office.

    Example: wuye --db demo.sqlite demo --seed 1
    """
    from app.db.sync import utc_now
    from app.packages.keys import create_office_keys
    from app.services.demo import fill_demo

    with opened(ctx) as db, db.sessions.begin() as s:
        summary = fill_demo(s, seed=seed, today=today_or(today))
        create_office_keys(s, db.path, summary.office, utc_now())
    click.echo(
        f"演示数据已生成：{summary.communities} 个社区，{summary.estates} 个小区，"
        f"{summary.companies} 家物业企业，{summary.contracts} 份合同，"
        f"{summary.committees} 个委员会（{summary.members} 名成员）"
    )
    if (c := summary.casework) is not None:
        click.echo(
            f"案件数据：{c.meetings} 次联席会议（{c.resolutions} 条决议），"
            f"{c.problems} 个问题，{c.complaints} 件投诉，{c.tasks} 件督办事项"
        )


@cli.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check the file's integrity, schema version and sync counters.

    Example: wuye check
    """
    from app.services.health import check_database

    file_only(ctx.obj["db"], "check")  # PRAGMA integrity_check; a server has pg_amcheck
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
@click.option(
    "--by-subordinate",
    is_flag=True,
    help="One row per office directly below (communities of a street, streets of a district…).",
)
def stats(ctx: click.Context, as_json: bool, today: datetime | None, by_subordinate: bool) -> None:
    """Figures for this office's subtree: formation rate, party share, terms, types.

    Example: wuye stats --json
    """
    if by_subordinate:
        _stats_by_subordinate(ctx, as_json, today_or(today))
        return
    from app.services.stats import office_stats

    with opened(ctx, must_exist=True) as db, db.reader() as s:
        figures = office_stats(s, today_or(today))
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


def _stats_by_subordinate(ctx: click.Context, as_json: bool, today: date) -> None:
    from app.services.aggregate import subordinate_figures, total_of

    with opened(ctx, must_exist=True) as db, db.reader() as s:
        rows = subordinate_figures(s, today)
    total = total_of(rows)
    if as_json:
        data = {"today": today.isoformat(), "rows": [r.as_dict() for r in rows],
                "total": total.as_dict()}  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"统计日期 {today.isoformat()}（各项由原始记录重新计算）")
    for r in [*rows, total]:
        closure = "—" if r.closure.percent is None else f"{r.closure.percent}%"
        click.echo(
            f"{r.name}：小区 {r.estates}；组建率 {_percent(r.formation)}（{r.formation.numerator}/"
            f"{r.formation.denominator}）；党员比例 {_percent(r.party)}；90天内届满 {r.expiring}，"
            f"已届满 {r.expired}；问题 {r.problems}（销号率 {closure}，"
            f"逾期 {r.problems_overdue}）；未办结投诉 {r.complaints_open}"
        )


def _percent(rate) -> str:  # type: ignore[no-untyped-def]
    return "—" if rate.percent is None else f"{rate.percent}%"


KINDS = ["estate", "building", "company", "staff", "contract", "committee", "member"]
EXPORTS = ["estate", "company", "committee"]


@cli.command("import-xlsx")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--errors",
    "errors_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the refused rows, faulty cells marked, to this workbook.",
)
@click.option("--today", type=DATE, default=None, help="Reference day (default: today).")
@click.option(
    "--community",
    default=None,
    help="Community (name or code) of sheets without a 所属社区 column, at a street or above.",
)
@click.pass_context
def import_xlsx(
    ctx: click.Context,
    kind: str,
    file: Path,
    dry_run: bool,
    as_json: bool,
    errors_out: Path | None,
    today: datetime | None,
    community: str | None,
) -> None:
    """Import a ledger (.xlsx, .xlsm, .xls, .ods, or .csv in UTF-8 or GBK); all or nothing:
    any refused row (on any sheet) means nothing is written.

    KIND is estate, building, company, committee or member (a committee roster, one row per
    member). Example: wuye import-xlsx estate 小区台账.xls --community 桓谭社区 --dry-run
    """
    ledger_in = documents("xlsx.ledger_in")
    kind = "committee" if kind == "member" else kind
    with opened(ctx, must_exist=True) as db, db.sessions() as session:
        report = ledger_in.import_ledger(
            session, file, kind, today=today_or(today), community=community
        )
        if report.clean and not dry_run:
            session.commit()
    if errors_out is not None and (not report.clean or report.warnings()):
        documents("xlsx.error_book").write_error_book(report, errors_out)
    if as_json:
        click.echo(json.dumps({**report.as_dict(), "dry_run": dry_run,
                               "written": report.clean and not dry_run},
                              ensure_ascii=False, indent=2))  # fmt: skip
    else:
        click.echo(report.summary())
    if not report.clean:
        raise Failure(f"{len(report.outcome.refused_rows)} 行有问题，未写入任何数据")
    if dry_run:
        click.echo("试导入完成，未写入任何数据")


@cli.command("export-xlsx")
@click.argument("kind", type=click.Choice(EXPORTS))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def export_xlsx(ctx: click.Context, kind: str, out: Path) -> None:
    """Export a whole list to .xlsx (Chinese headers, typed cells).

    Example: wuye export-xlsx estate 小区台账.xlsx
    """
    ledger_out = documents("xlsx.ledger_out")
    with opened(ctx, must_exist=True) as db, db.reader() as session:
        written = ledger_out.export_kind(session, kind, out, now=datetime.now())
    click.echo(f"已导出 {written} 行：{out}")


@cli.command("xlsx-template")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def xlsx_template(kind: str, out: Path) -> None:
    """Write a blank import template with drop-downs, an example row and a help sheet.

    Example: wuye xlsx-template estate 小区台账模板.xlsx
    """
    from app.ledger_columns import ledger_kind

    kind = "committee" if kind == "member" else kind
    try:
        documents("xlsx.templates").write_template(ledger_kind(kind), out)
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    click.echo(f"已生成模板：{out}")


@cli.command("report-xlsx")
@click.argument("report", type=click.Choice(["summary", "tasks", "subordinates"]))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--today", type=DATE, default=None, help="Reference day (default: today).")
@click.pass_context
def report_xlsx(ctx: click.Context, report: str, out: Path, today: datetime | None) -> None:
    """Write a standard report sheet: the ledger summary by community, the action plan's
    task decomposition table (attachment 2), or the subordinate offices side by side.

    Example: wuye report-xlsx summary 台账汇总.xlsx
    """
    summary = documents("xlsx.summary")
    if report == "tasks":
        try:
            summary.write_task_table(out)
        except WuyeError as exc:
            raise Failure(describe(exc)) from exc
    elif report == "subordinates":
        side_by_side = documents("xlsx.subordinates")
        with opened(ctx, must_exist=True) as db, db.reader() as session:
            side_by_side.write_subordinates(session, out, today=today_or(today))
    else:
        with opened(ctx, must_exist=True) as db, db.reader() as session:
            summary.write_ledger_summary(session, out, today=today_or(today))
    click.echo(f"已生成：{out}")


@cli.command("templates")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def templates_cmd(as_json: bool) -> None:
    """List the notice templates (shipped and the user's own) and their fields.

    Example: wuye templates
    """
    templates = documents("pdf.templates")
    infos = templates.list_templates(templates.default_user_dir())
    if as_json:
        click.echo(json.dumps([
            {"name": t.name, "title": t.title, "kind": t.kind, "user": t.user,
             "fields": [{"key": k, "label": label, "optional": k in t.optional}
                        for k, label in t.fields], "error": t.error}
            for t in infos
        ], ensure_ascii=False, indent=2))  # fmt: skip
        return
    for t in infos:
        origin = "（自定义）" if t.user else ""
        if t.error:
            click.echo(f"{t.name}{origin}：无法使用：{t.error}")
            continue
        fields = "、".join(
            f"{k}={label}{'（可选）' if k in t.optional else ''}" for k, label in t.fields
        )
        click.echo(f"{t.name}{origin}［{t.kind}］{t.title}\n    字段：{fields}")


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
    file_only(ctx.obj["db"], "gui")
    window = importlib.import_module("ui.app")
    sys.exit(window.run(ctx.obj["db"], quit_after_paint=quit_after_paint))


def main() -> None:
    cli(prog_name="wuye")


from app.cli_print import print_group  # noqa: E402

cli.add_command(print_group)

from app.cli_fonts import fonts_group  # noqa: E402

cli.add_command(fonts_group)

from app.cli_cases import register as register_cases  # noqa: E402

register_cases(cli)
from app.cli_packages import demo_city, keys_group, onboarding_group, package_group  # noqa: E402
from app.cli_sync import register as register_sync  # noqa: E402

register_sync(package_group)
for _group in (keys_group, onboarding_group, package_group, demo_city):
    cli.add_command(_group)
from app.cli_submissions import register as register_submissions  # noqa: E402

register_submissions(cli)
