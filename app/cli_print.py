"""`wuye print`: notices from templates and disclosure panels, as PDF.

Panels are planned, drawn and recorded in one write transaction: the print records (versions)
exist only if the PDF was written, and a failed PDF leaves no file behind (`draw_panels`
writes beside the target and renames).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from app.cli_support import (
    DATE,
    Failure,
    OutputFile,
    describe,
    documents,
    opened,
    today_or,
)
from app.cli_support import (
    configured_fonts as _configured_fonts,
)
from app.errors import WuyeError


@click.group("print")
def print_group() -> None:
    """把通知和公示栏打印为 PDF。

    示例：wuye print disclosure --estate 相山花园 -o 公示栏.pdf
    """


@print_group.command("notice")
@click.argument("template")
@click.option("--estate", default=None, help="用这个小区的名称、物业企业和业委会填写字段。")
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="KEY=VALUE",
    help=r"字段的值；其中的 \n 表示另起一段。",
)
@click.option(
    "--community", default=None, help="--estate 所在的社区（名称或代码），小区重名时使用。"
)
@click.option("--office", default=None, help="发文单位，用于红头（仅通知类）。")
@click.option("--doc-number", default=None, help="文号，例如 淮物管办〔2022〕1号。")
@click.option("--date", "on", type=DATE, default=None, help="落款日期（默认今天）。")
@click.option("-o", "out", required=True, type=OutputFile(".pdf"))
@click.pass_context
def print_notice(
    ctx: click.Context,
    template: str,
    estate: str | None,
    fields: tuple[str, ...],
    community: str | None,
    office: str | None,
    doc_number: str | None,
    on: datetime | None,
    out: Path,
) -> None:
    """填写模板并打印为 PDF；打印前会列出每个缺少的字段。

    示例：wuye print notice 停水停电通知 --estate 相山花园 --field start_time=… -o 通知.pdf
    """
    if community and not estate:
        raise click.UsageError("--community 须与 --estate 一起使用：它指明小区所在的社区")
    from app.cli_shared import published_templates

    templates = documents("pdf.templates")
    values: dict[str, str] = {}
    for item in fields:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"--field 应写成 KEY=VALUE：{item}")
        values[key.strip()] = value.replace("\\n", "\n")  # a typed \n starts a paragraph
    try:
        chosen = templates.load_template(
            template, templates.default_user_dir(), published_templates(ctx)
        )
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    if unknown := templates.unknown_fields(chosen, list(values)):
        raise click.UsageError(f"模板“{template}”没有这些字段：{'、'.join(unknown)}")
    if estate:
        from app.services.notice_fields import estate_fields

        with opened(ctx, readonly=True) as db, db.reader() as session:
            found = estate_fields(session, estate, today=today_or(on), community=community)
            values = {**found, **values}
    notice = documents("pdf.notice")
    try:
        fonts = documents("pdf.fonts").configured_fonts()
        for warning in fonts.warnings:
            click.echo(f"提示：{warning}", err=True)
        filled = templates.fill(chosen, values)
        notice.build_notice(filled, out, office=office, doc_number=doc_number,
                            date=today_or(on), fonts=fonts)  # fmt: skip
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    click.echo(f"已生成：{out}")


SIZES = click.Choice(["A4", "A3"], case_sensitive=False)


@print_group.command("disclosure")
@click.option("--estate", required=True, help="小区名称。")
@click.option("--community", default=None, help="小区所在的社区（名称或代码），小区重名时使用。")
@click.option("--building", default=None, help="小区中的一栋楼：改为打印这栋楼的公示栏。")
@click.option("--size", type=SIZES, default="A4", show_default=True, help="纸张大小。")
@click.option(
    "--unmasked",
    is_flag=True,
    help="个人电话号码不打码（仅供内部使用，记入审计日志）。",
)
@click.option("--date", "on", type=DATE, default=None, help="公示日期（默认今天）。")
@click.option("-o", "out", required=True, type=OutputFile(".pdf"))
@click.pass_context
def print_disclosure(
    ctx: click.Context,
    estate: str,
    community: str | None,
    building: str | None,
    size: str,
    unmasked: bool,
    on: datetime | None,
    out: Path,
) -> None:
    """打印小区或楼栋的公示栏，作为它的下一版。

    示例：wuye print disclosure --estate 相山花园 --building 1号楼 --size A3 -o 1号楼.pdf
    """
    from app.services.board_prints import plan_board

    def plan(session):  # type: ignore[no-untyped-def]
        return plan_board(session, estate, building=building, today=today_or(on),
                          masked=not unmasked, community=community)  # fmt: skip

    _print_panels(ctx, plan, size.upper(), out)


@print_group.command("batch")
@click.option(
    "--community",
    default=None,
    help="社区名称或12位代码：打印它的各小区（与 --estate 同用：该社区中这个名称的小区）。",
)
@click.option("--estate", default=None, help="小区名称：打印它和它所有楼栋的公示栏。")
@click.option("--buildings", is_flag=True, help="与 --community 同用：也打印各小区楼栋的公示栏。")
@click.option("--size", type=SIZES, default="A4", show_default=True, help="纸张大小。")
@click.option("--unmasked", is_flag=True, help="电话号码不打码（仅供内部使用，记入审计日志）。")
@click.option("--date", "on", type=DATE, default=None, help="公示日期（默认今天）。")
@click.option("-o", "out", required=True, type=OutputFile(".pdf"))
@click.pass_context
def print_batch(
    ctx: click.Context,
    community: str | None,
    estate: str | None,
    buildings: bool,
    size: str,
    unmasked: bool,
    on: datetime | None,
    out: Path,
) -> None:
    """把多块公示栏打印在一个 PDF 中：一个社区的各小区，或一个小区的各楼栋。

    同时给出 --community 和 --estate：该社区中这个名称的小区及其楼栋（两个社区可能有同名小区）。

    示例：wuye print batch --community 桓谭社区 --buildings -o 桓谭社区公示栏.pdf
    """
    if community is None and estate is None:
        raise click.UsageError("请给出 --community 或 --estate")
    from app.services.board_prints import plan_community, plan_estate

    def plan(session):  # type: ignore[no-untyped-def]
        if estate is None:
            assert community is not None
            return plan_community(
                session, community, buildings=buildings, today=today_or(on), masked=not unmasked
            )
        return plan_estate(session, estate, today=today_or(on), masked=not unmasked,
                           community=community)  # fmt: skip

    _print_panels(ctx, plan, size.upper(), out)


def _print_panels(ctx: click.Context, plan, size: str, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Plan, draw and record in one transaction; on any error nothing is kept."""
    from app.services.board_prints import record_batch

    panel = documents("pdf.panel")
    fonts = _configured_fonts()
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as session:
        batch = plan(session)
        panel.draw_panels(batch.contents, out, size=size, fonts=fonts)
        record_batch(session, batch, size=size)
    for skipped in batch.skipped:
        click.echo(f"未打印：{skipped.title}：{skipped.reason}", err=True)
    if not batch.masked:
        click.echo("注意：本文件含未脱敏个人信息，仅限内部使用；已记入操作日志", err=True)
    pages = "、".join(f"{c.title}（第{c.version}版）" for c in batch.contents[:3])
    more = f"等{len(batch.contents)}张" if len(batch.contents) > 3 else ""
    click.echo(f"已生成：{out}：{pages}{more}")


@print_group.command("problems")
@click.option("--estate", default=None, help="小区名称：打印这个小区的问题清单。")
@click.option(
    "--community",
    default=None,
    help="社区名称或12位代码：单独使用时打印全社区的问题清单；与 --estate 同用时指明小区所在社区。",
)
@click.option("--unmasked", is_flag=True, help="姓名和电话不打码（仅供内部使用，记入审计日志）。")
@click.option("--date", "on", type=DATE, default=None, help="公示日期（默认今天）。")
@click.option("-o", "out", required=True, type=OutputFile(".pdf"))
@click.pass_context
def print_problems(
    ctx: click.Context,
    estate: str | None,
    community: str | None,
    unmasked: bool,
    on: datetime | None,
    out: Path,
) -> None:
    """打印小区或社区的问题清单及整改情况公示（只含标为“公示”的问题），作为它的下一版。

    示例：wuye print problems --estate 相山花园 -o 问题清单公示.pdf
    """
    if community is None and estate is None:
        raise click.UsageError("请给出 --estate 或 --community")
    from app.services.problem_lists import plan_problem_list, record_problem_list

    drawing = documents("pdf.problem_list")
    fonts = _configured_fonts()
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as session:
        content = plan_problem_list(session, estate=estate, community=community,
                                    today=today_or(on), masked=not unmasked)  # fmt: skip
        drawing.draw_problem_list(content, out, fonts=fonts)
        record_problem_list(session, content)
    click.echo(f"已生成：{out}（{content.title}，第{content.version}版，{len(content.rows)}项）")
    if unmasked:
        click.echo("注意：本文件含未脱敏个人信息，仅限内部使用；已记入操作日志", err=True)


@print_group.command("credit")
@click.argument("company")
@click.option("--date", "on", type=DATE, default=None, help="计算日期（默认今天）。")
@click.option("-o", "out", required=True, type=OutputFile(".pdf"))
@click.pass_context
def print_credit(ctx: click.Context, company: str, on: datetime | None, out: Path) -> None:
    """打印物业企业的信用档案：信用分、等级和每条信用记录（依据、分值、计分期限）。
    COMPANY：企业名称或统一社会信用代码。

    示例：wuye print credit 淮北市恒信物业服务有限公司 -o 信用档案.pdf
    """
    from app.services.credit import credit_sheet

    drawing = documents("pdf.credit_sheet")
    fonts = _configured_fonts()
    with opened(ctx, readonly=True) as db, db.reader() as s:
        sheet = credit_sheet(s, company, today_or(on))
    drawing.draw_credit_sheet(sheet, out, fonts=fonts)
    st = sheet.standing
    click.echo(f"已生成：{out}（{sheet.name}，信用分 {st.score}，等级 {st.band}）")


@print_group.command("accounts")
@click.option("--estate", required=True, help="小区名称：打印这个小区委员会的账目公示。")
@click.option("--period", required=True, help="期间，如 2026、2026-H1、2026-Q3 或 2026-07。")
@click.option("--community", default=None, help="社区名称或12位代码：两个小区同名时指明社区。")
@click.option("--date", "on", type=DATE, default=None, help="公示日期（默认今天）。")
@click.option("-o", "out", required=True, type=OutputFile(".pdf"))
@click.pass_context
def print_accounts(
    ctx: click.Context,
    estate: str,
    period: str,
    community: str | None,
    on: datetime | None,
    out: Path,
) -> None:
    """打印业主委员会（或物业管理委员会）一期的公共收益、维修资金使用和经费开支公示，作为它的下一版。

    示例：wuye print accounts --estate 相山花园 --period 2026-Q3 -o 账目公示.pdf
    """
    from app.services.committee_accounts import plan_accounts_notice, record_accounts_print

    drawing = documents("pdf.committee_accounts")
    fonts = _configured_fonts()
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as session:
        content = plan_accounts_notice(session, estate=estate, period=period,
                                       community=community, today=today_or(on))  # fmt: skip
        drawing.draw_accounts_notice(content, out, fonts=fonts)
        record_accounts_print(session, content)
    click.echo(f"已生成：{out}（{content.title}，第{content.version}版）")
