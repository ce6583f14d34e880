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
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import click

from app.cli_support import (
    DATE,
    INPUT_FILE,
    CommandGroup,
    DatabaseTarget,
    Failure,
    OutputFile,
    accept_request_id,
    describe,
    documents,
    file_only,
    opened,
    shown_target,
    today_or,
)
from app.errors import WuyeError
from app.paths import DB_ENV, default_db_path


@click.group(cls=CommandGroup, invoke_without_command=True)
@click.option(
    "--db",
    type=DatabaseTarget(),
    envvar=DB_ENV,
    help="数据库文件，或市级汇总用的 postgresql://user@host:port/name 地址"
    "（默认在用户数据目录中；也可用环境变量 WUYE_DB）。",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: show_version(ctx, value),
    help="显示版本并退出。",
)
@click.option(
    "--user",
    envvar="WUYE_USER",
    default=None,
    help="以此账户登录（环境变量 WUYE_USER；密码取自 WUYE_PASSWORD 或提示输入）。"
    "数据库设有账户时，修改数据须登录。",
)
@click.pass_context
def cli(ctx: click.Context, db: Path | str | None, user: str | None) -> None:
    """社区物业工作台（WuyeDesk）。不带子命令时打开窗口。"""
    log_file = bool(ctx.obj and ctx.obj.get("log_file"))  # set by main(), not by tests
    ctx.obj = {"db": db or default_db_path(), "user": user}
    # A bug met on the command line is kept in the log file too; the window sets its log up
    # itself, after its first paint (ui/app.py: ~30 ms of CPU the paint need not wait for).
    if log_file and ctx.invoked_subcommand not in (None, "gui"):
        from app.logfile import setup_logging

        setup_logging()
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui)


def show_version(ctx: click.Context, value: bool) -> None:
    """`--version`, as click's own option prints it; the version is looked up only when asked
    (importlib.metadata would otherwise delay every command and the window's first paint)."""
    if not value or ctx.resilient_parsing:
        return
    from app import __version__

    click.echo(f"wuye, version {__version__}")
    ctx.exit()


@cli.command()
@click.option("--code", required=True, help="统计用区划代码（12位）。")
@click.option("--name", required=True, help="单位名称，例如 曲阳街道。")
@click.option(
    "--level",
    required=True,
    type=click.Choice(["city", "district", "street", "community"]),
    help="本单位的层级：city 市、district 区、street 街道、community 社区。",
)
@click.option("--parent-code", default=None, help="上级单位的区划代码。")
@click.option("--credit-code", default=None, help="本单位的统一社会信用代码。")
@click.option("--admin", default="", help="首位管理员的姓名，记入审计日志。")
@click.pass_context
def init(
    ctx: click.Context,
    code: str,
    name: str,
    level: str,
    parent_code: str | None,
    credit_code: str | None,
    admin: str,
) -> None:
    """为本单位建立数据库。

    示例：wuye init --code 340603010000 --name 曲阳街道 --level street --admin 王芳
    """
    from app.db.sync import utc_now
    from app.services.office_setup import set_up_office

    with opened(ctx) as db, db.sessions.begin() as s:
        made = set_up_office(
            s, db.path, code=code, name=name, level=level, parent_code=parent_code,
            credit_code=credit_code, admin=admin, now=utc_now(),
        )  # fmt: skip
    info = made.office
    where = shown_target(ctx.obj["db"])
    click.echo(f"已初始化：{info.name}（{info.code}，{info.level_label}）  数据库：{where}")
    click.echo(f"已生成本单位密钥（{'、'.join(made.key_ids)}），私钥在 {made.keys_folder}")


@cli.command()
@click.option("--seed", default=1, show_default=True, help="种子相同，生成的数据就相同。")
@click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。")
@click.pass_context
def demo(ctx: click.Context, seed: int, today: datetime | None) -> None:
    """在空数据库中生成一个演示街道的数据。

    示例：wuye --db demo.sqlite demo --seed 1
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
    if (g := summary.steering) is not None:
        click.echo(
            f"督导数据：{g.interviews} 次约谈，{g.circulars} 份通报，{g.inspections} 次督查"  # type: ignore[attr-defined]
            f"（{g.findings} 个问题），{g.sheet_year} 年度考核评分表"  # type: ignore[attr-defined]
        )


@cli.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """检查数据库文件：完整性、是否可写入、结构版本和同步计数。

    示例：wuye check
    """
    from app.services.health import check_database

    file_only(ctx.obj["db"], "check")  # PRAGMA integrity_check; a server has pg_amcheck
    with opened(ctx, readonly=True) as db, db.reader() as s:
        report = check_database(s, db.path)
    for item in report.checks:
        click.echo(f"{'✓' if item.ok else '✗'} {item.name}：{item.detail}")
    if not report.ok:
        raise Failure("数据库检查未通过")
    click.echo("数据库状态良好")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。")
@click.pass_context
@click.option(
    "--by-subordinate",
    is_flag=True,
    help="每个直属下级一行（街道的各社区、区的各街道……）。",
)
def stats(ctx: click.Context, as_json: bool, today: datetime | None, by_subordinate: bool) -> None:
    """本单位辖区的统计：业委会组建率、党员比例、任期、管理类型。

    示例：wuye stats --json
    """
    if by_subordinate:
        _stats_by_subordinate(ctx, as_json, today_or(today))
        return
    from app.services.credit import credit_counts
    from app.services.stats import office_stats, party_by_committee

    with opened(ctx, readonly=True) as db, db.reader() as s:
        figures = office_stats(s, today_or(today), complaint_timing=True)
        shares = party_by_committee(s, today_or(today)) if as_json else []
        credit = credit_counts(s, today_or(today))
    if as_json:
        data = {**figures.as_dict(), "credit": credit,
                "party_by_committee": [{**asdict(c), "met": c.met} for c in shares]}  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    f = figures
    click.echo(f"{f.office_name}（{f.office_code}）  统计日期 {f.today.isoformat()}")
    click.echo(
        f"小区 {f.estates} 个：" + "，".join(f"{k} {v}" for k, v in f.by_management_type.items())
    )
    click.echo(_rate_line("业委会组建率", f.formation))
    click.echo(_rate_line("业委会组建率（含物管会）", f.formation_with_pmc))
    click.echo(_rate_line("党员比例（业主委员会）", f.party_overall))
    pmc = f.party_pmc  # no target in the plan: shown apart, unmarked
    click.echo(
        f"物业管理委员会成员中党员（另计）：{_percent(pmc)}（{pmc.numerator}/{pmc.denominator}）"
    )
    click.echo(f"党员比例未达50%的业主委员会：{f.committees_below_party_target} 个")
    r = f.records
    click.echo(
        f"近一年履职记录 {r.duties} 条；负面清单 {r.negatives} 条（未处理 {r.negatives_unhandled}，"
        f"提醒 {r.reminders}，约谈 {r.talks}，责令整改 {r.rectify_orders}，"
        f"罢免建议 {r.recall_proposals}）"
    )
    click.echo(f"备案或首次会议逾期：{len(f.missed_dates)} 个")
    for m in f.missed_dates:
        click.echo(f"  {m.estate}（{m.elected_on.isoformat()} 选举）：{m.what}")
    click.echo(f"90天内任期届满：{len(f.expiring)} 个；已届满未换届：{len(f.expired)} 个")
    click.echo(
        f"在服务物业企业 {f.companies_serving} 家，未建立党组织 "
        f"{len(f.companies_without_party_org)} 家，党组织覆盖率 {_percent(f.party_org_coverage)}"
    )
    red = f.red
    click.echo(
        f"交叉任职覆盖小区：{_percent(red.cross_post)}（{red.cross_post.numerator}/"
        f"{red.cross_post.denominator}）；红色物业示范项目（有效）{red.demonstrations} 个；"
        f"今年签订合同中公开招标：{_percent(red.tender)}（{red.tender.numerator}/"
        f"{red.tender.denominator}）"
    )
    po = f.party_org_estates
    click.echo(f"服务企业已建党组织的小区：{_percent(po)}（{po.numerator}/{po.denominator}，"
               "单独建立或联合建立，按有物业服务企业的小区计）")  # fmt: skip
    click.echo("投诉：" + _times_text(f.complaint_times))
    bands = "，".join(f"{band} {n}" for band, n in credit.items() if band not in ("守信", "失信"))
    good, bad = credit["守信"], credit["失信"]
    click.echo(f"物业企业信用（按信用记录计算）：{bands}；守信 {good} 家，失信 {bad} 家")


def _stats_by_subordinate(ctx: click.Context, as_json: bool, today: date) -> None:
    from app.services.aggregate import subordinate_figures, total_of

    with opened(ctx, readonly=True) as db, db.reader() as s:
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
            f"{r.formation.denominator}）；党员比例 {_percent(r.party)}（{r.party.numerator}/"
            f"{r.party.denominator}，物管会另计 {r.party_pmc.numerator}/"
            f"{r.party_pmc.denominator}）；"
            f"履职 {r.duties}，负面 {r.negatives}（未处理 {r.negatives_unhandled}）；"
            f"90天内届满 {r.expiring}，"
            f"已届满 {r.expired}；问题 {r.problems}（销号率 {closure}，"
            f"逾期 {r.problems_overdue}）；未办结投诉 {r.complaints_open}；"
            f"交叉任职覆盖 {_percent(r.red.cross_post)}（{r.red.cross_post.numerator}/"
            f"{r.red.cross_post.denominator}）；示范项目 {r.red.demonstrations}；"
            f"公开招标 {_percent(r.red.tender)}（{r.red.tender.numerator}/"
            f"{r.red.tender.denominator}）；"
            f"企业党组织覆盖小区 {_percent(r.party_org)}（{r.party_org.numerator}/"
            f"{r.party_org.denominator}）；投诉 {_times_text(r.complaint_times)}"
        )


def _times_text(t) -> str:  # type: ignore[no-untyped-def]
    """A ComplaintTimes in one clause: count, medians and the shares on time with their counts."""
    hours = "—" if t.median_response_hours is None else f"{t.median_response_hours}小时"
    days = "—" if t.median_closing_days is None else f"{t.median_closing_days}天"
    return (
        f"{t.complaints} 件，响应用时中位数 {hours}，按时响应 {_percent(t.response)}"
        f"（{t.response.numerator}/{t.response.denominator}），办结用时中位数 {days}，"
        f"按时办结 {_percent(t.closing)}（{t.closing.numerator}/{t.closing.denominator}），"
        f"超时 {t.overdue} 件"
    )


def _percent(rate) -> str:  # type: ignore[no-untyped-def]
    return "—" if rate.percent is None else f"{rate.percent}%"


KINDS = ["estate", "building", "company", "staff", "contract", "committee", "member", "duty",
         "negative", "unit", "cross_post", "survey_answer"]  # fmt: skip
EXPORTS = ["estate", "company", "committee", "duty", "negative", "unit", "cross_post"]


@cli.command("import-xlsx")
@click.argument("kind", type=click.Choice(KINDS), metavar="KIND")
@click.argument("file", type=INPUT_FILE)
@click.option("--dry-run", is_flag=True, help="检查每一行，不写入任何数据。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出导入报告。")
@click.option(
    "--errors",
    "errors_out",
    type=OutputFile(".xlsx"),
    help="把被拒的行写入这个工作簿，并标出有问题的单元格。",
)
@click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。")
@click.option(
    "--community",
    default=None,
    help="表中没有“所属社区”列时各行所属的社区（名称或代码），街道及以上使用。",
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
    """导入台账（.xlsx、.xlsm、.xls、.xlsb、.ods，或 UTF-8/GBK 编码的 .csv），要么全部导入，
    要么都不导入：任何一张工作表上只要有一行被拒，就不写入任何数据。

    KIND 为 estate（小区）、building（楼栋）、company（物业企业）、staff（企业人员）、
    contract（服务合同）、committee（业委会）、member（业委会成员名册，每名成员一行）、
    duty（业委会履职清单）、negative（业委会负面清单，含处理方式）
    unit（房屋与业主名册，每位业主一行，同一房屋多行为共有人）
    或 survey_answer（满意度调查答卷，每份问卷一行，第1题…第20题为各题评分）。
    工作簿中每张含该台账表头的工作表都会导入；没有“所属社区”列的表，社区取自本社区数据库、
    --community，或表头上方的“填报单位”、标题、工作表名。

    示例：wuye import-xlsx estate 小区台账.xls --community 桓谭社区 --dry-run
    """
    ledger_in = documents("xlsx.ledger_in")
    kind = "committee" if kind == "member" else kind
    from app.db.sync import utc_now
    from app.services.audit_log import record
    from app.services.backups import backup_before

    # Read and parse every sheet first, with no database open (the slow part: 60,000 rows
    # take most of a minute); each sheet's community is then decided and the rows checked in
    # a read transaction, and the write lock is taken only to write
    # (reports/xlsx/ledger_in.py `import_parsed`), so other commands and the window keep
    # working meanwhile.
    ledger = ledger_in.read_ledger(file, kind)
    with opened(ctx, must_exist=True) as db:
        if not dry_run:
            backup_before(db, "import", now=utc_now())
        report = ledger_in.import_parsed(
            db, ledger, today=today_or(today), dry_run=dry_run, community=community
        )
        if errors_out is not None and (not report.clean or report.warnings()):
            documents("xlsx.error_book").write_error_book(report, errors_out)
            with db.sessions.begin() as session:  # it copies personal data: audited
                changes = {"file": [None, str(errors_out)], "personal": [None, True]}
                record(session, "export", table="xlsx", row=errors_out.name, now=utc_now(),
                       changes=changes)  # fmt: skip
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
@click.argument("kind", type=click.Choice(EXPORTS), metavar="KIND")
@click.argument("out", type=OutputFile(".xlsx"))
@click.option(
    "--unmasked",
    is_flag=True,
    help="电话等个人信息不打码（仅管理员，记入操作日志）。"
    "示例：wuye export-xlsx committee 名册.xlsx --unmasked",
)
@click.pass_context
def export_xlsx(ctx: click.Context, kind: str, out: Path, unmasked: bool) -> None:
    """把整张台账导出为 .xlsx（中文表头，单元格带类型；电话、证件号码打码）。

    KIND 为 estate、company、committee、duty、negative 或 unit（房屋与业主名册，每位业主一行，
    与导入模板同列，管理员 --unmasked 导出的可原样导入）。

    示例：wuye export-xlsx unit 房屋与业主名册.xlsx
    """
    ledger_out = documents("xlsx.ledger_out")
    if not unmasked:
        with opened(ctx, readonly=True) as db, db.reader() as session:
            written = ledger_out.export_kind(session, kind, out, now=datetime.now())
        click.echo(f"已导出 {written} 行：{out}")
        return
    from app.db.sync import utc_now
    from app.services.export_consent import allow_unmasked_export

    with opened(ctx) as db, db.sessions.begin() as session:  # the audit row and the file
        allow_unmasked_export(session, what=kind, target=out.name, now=utc_now())
        written = ledger_out.export_kind(session, kind, out, now=datetime.now(), unmasked=True)
    click.echo(f"已导出 {written} 行（个人信息未打码，已记入操作日志）：{out}")


@cli.command("xlsx-template")
@click.argument("kind", type=click.Choice(KINDS), metavar="KIND")
@click.argument("out", type=OutputFile(".xlsx"))
def xlsx_template(kind: str, out: Path) -> None:
    """生成空白导入模板：带下拉选项、一行示例和填写说明页。

    示例：wuye xlsx-template estate 小区台账模板.xlsx
    """
    from app.ledger_columns import ledger_kind

    kind = "committee" if kind == "member" else kind
    try:
        documents("xlsx.templates").write_template(ledger_kind(kind), out)
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    click.echo(f"已生成模板：{out}")


@cli.command("report-xlsx")
@click.argument(
    "report",
    type=click.Choice(["summary", "tasks", "subordinates", "credit", "assessment"]),
    metavar="REPORT",
)
@click.argument("out", type=OutputFile(".xlsx"))
@click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。")
@click.pass_context
def report_xlsx(ctx: click.Context, report: str, out: Path, today: datetime | None) -> None:
    """生成标准报表（Excel）。

    REPORT 为 summary（按社区的台账汇总表）、tasks（行动方案任务分解表，附件2）、
    subordinates（直属下级单位对比表）、credit（物业企业信用等级表，标出守信、失信）或
    assessment（本单位考核评分表的考核结果：排名、各项自评和复核，年度取统计日期的年份）。

    示例：wuye report-xlsx summary 台账汇总.xlsx
    """
    summary = documents("xlsx.summary")
    if report == "tasks":
        from app.services.plan_progress import plan_progress

        with opened(ctx, readonly=True) as db, db.reader() as session:
            progress = plan_progress(session, today_or(today))
        try:
            summary.write_task_table(out, progress=progress)
        except WuyeError as exc:
            raise Failure(describe(exc)) from exc
    elif report == "credit":
        credit = documents("xlsx.credit_list")
        with opened(ctx, readonly=True) as db, db.reader() as session:
            credit.write_credit_list(session, out, today=today_or(today))
    elif report == "assessment":
        from app.services.assessment import get_sheet, ranking

        year = today_or(today).year
        with opened(ctx, readonly=True) as db, db.reader() as session:
            sheet, ranked = get_sheet(session, year, mine=True), ranking(session, year)
        documents("xlsx.assessment").write_assessment(sheet, ranked, out)
    elif report == "subordinates":
        side_by_side = documents("xlsx.subordinates")
        with opened(ctx, readonly=True) as db, db.reader() as session:
            side_by_side.write_subordinates(session, out, today=today_or(today))
    else:
        with opened(ctx, readonly=True) as db, db.reader() as session:
            summary.write_ledger_summary(session, out, today=today_or(today))
    click.echo(f"已生成：{out}")


@cli.command("templates")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def templates_cmd(ctx: click.Context, as_json: bool) -> None:
    """列出通知模板（随程序提供的、上级下发的和用户自己的）及其字段。

    示例：wuye templates
    """
    from app.cli_shared import published_templates

    templates = documents("pdf.templates")
    infos = templates.list_templates(templates.default_user_dir(), published_templates(ctx))
    if as_json:
        click.echo(json.dumps([
            {"name": t.name, "title": t.title, "kind": t.kind, "user": t.user,
             "published_by": t.published_by or None,
             "published_at": t.published_at.isoformat(timespec="seconds")
             if t.published_at else None,
             "fields": [{"key": k, "label": label, "optional": k in t.optional}
                        for k, label in t.fields], "error": t.error}
            for t in infos
        ], ensure_ascii=False, indent=2))  # fmt: skip
        return
    for t in infos:
        origin = "（自定义）" if t.user else ""
        if t.published_by and t.published_at:
            origin = f"（上级下发：{t.published_by} {t.published_at.date().isoformat()}）"
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
    help="首次绘制后输出 painted 并退出（用于冒烟测试和基准测试）。",
)
@click.pass_context
def gui(ctx: click.Context, quit_after_paint: bool) -> None:
    """打开窗口（不带子命令时的默认操作）。

    示例：wuye --db demo.sqlite gui
    """
    # The one upward hop: the launcher names the Qt package by string, so nothing in app/
    # loads Qt unless the window is asked for (tests/test_layers.py checks this).
    file_only(ctx.obj["db"], "gui")
    window = importlib.import_module("ui.app")
    sys.exit(window.run(ctx.obj["db"], quit_after_paint=quit_after_paint))


def main() -> None:
    cli(prog_name="wuye", obj={"log_file": True})


@cli.more_commands
def _command_modules(group: click.Group) -> None:
    """The command groups kept in their own modules, defined only when a command not defined
    above is named or listed (app/cli_lazy.py): the window starts without them."""
    from app.cli_assessment import register as register_assessment
    from app.cli_backups import register as register_backups
    from app.cli_cases import register as register_cases
    from app.cli_contracts import register as register_contracts
    from app.cli_credit import register as register_credit
    from app.cli_fonts import fonts_group
    from app.cli_inspections import register as register_inspections
    from app.cli_interviews import register as register_interviews
    from app.cli_packages import demo_city, keys_group, onboarding_group, package_group
    from app.cli_print import print_group
    from app.cli_red import register as register_red
    from app.cli_shared import register as register_shared
    from app.cli_submissions import register as register_submissions
    from app.cli_surveys import register as register_surveys
    from app.cli_sync import register as register_sync
    from app.cli_users import user_group
    from app.cli_vote import register as register_vote

    group.add_command(print_group)
    group.add_command(fonts_group)
    group.add_command(user_group)
    register_cases(group)
    register_shared(group)
    register_contracts(group)
    register_interviews(group)
    register_inspections(group)
    register_assessment(group)
    register_credit(group)
    credit = group.get_command(click.Context(group), "credit")
    assert isinstance(credit, click.Group)
    register_red(group, credit)
    register_surveys(group)
    register_sync(package_group)
    for command in (keys_group, onboarding_group, package_group, demo_city):
        group.add_command(command)
    register_backups(group, keys_group)
    register_submissions(group)
    register_vote(group)
    for path in WRITE_COMMANDS:
        if path.split()[0] not in ROOT_WRITES:
            accept_request_id(command_at(path))


# The commands that write to the database take `--request-id` (app/db/requests.py): a script
# that lost a command's output runs it again with the same id and nothing is written twice.
WRITE_COMMANDS = [
    "import-xlsx", "cases move", "task add", "task done", "task feedback", "task remind",
    "task interview", "task answer", "task review", "holiday set", "holiday year",
    "holiday clear", "print disclosure", "print batch", "print problems", "print accounts",
    "keys restore", "onboarding import", "package import", "package resolve",
    "package pending-drop", "submit", "review", "campaign start", "vote new", "vote ballot",
    "vote move", "vote import", "vote canvass", "vote vet", "interview add", "interview record",
    "circular add", "credit add", "credit expel", "crosspost add", "demonstration add",
    "demonstration review", "inspection add", "inspection feedback", "inspection accept",
    "assessment sheet", "assessment item", "assessment score", "assessment review",
    "survey add", "survey answer", "survey print", "codes set", "codes reset",
    "template publish", "template unpublish",
]  # fmt: skip
ROOT_WRITES = {"import-xlsx"}  # defined above, not by the lazy command modules


def command_at(path: str) -> click.Command:
    """`"task add"` -> the click command, walking the groups."""
    command: click.Command = cli
    for name in path.split():
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None, path
        command = found
    return command


for _path in ROOT_WRITES:
    accept_request_id(command_at(_path))
