"""`wuye print`: notices from templates and disclosure panels, as PDF.

Panels are planned, drawn and recorded in one write transaction: the print records (versions)
exist only if the PDF was written, and a failed PDF leaves no file behind (`draw_panels`
writes beside the target and renames).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from app.cli_support import DATE, Failure, OutputFile, describe, documents, opened, today_or
from app.errors import WuyeError


@click.group("print")
def print_group() -> None:
    """Print notices and disclosure panels (公示栏) as PDF.

    Example: wuye print disclosure --estate 相山花园 -o 公示栏.pdf
    """


@print_group.command("notice")
@click.argument("template")
@click.option(
    "--estate", default=None, help="Estate whose name, company and committee fill fields."
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="KEY=VALUE",
    help=r"A field value; \n in it starts a new paragraph.",
)
@click.option("--office", default=None, help="Issuing office for the red header (通知 only).")
@click.option("--doc-number", default=None, help="Document number, e.g. 淮物管办〔2022〕1号.")
@click.option("--date", "on", type=DATE, default=None, help="Date written on it (default today).")
@click.option("-o", "out", required=True, type=OutputFile(".pdf"))
@click.pass_context
def print_notice(
    ctx: click.Context,
    template: str,
    estate: str | None,
    fields: tuple[str, ...],
    office: str | None,
    doc_number: str | None,
    on: datetime | None,
    out: Path,
) -> None:
    """Fill a template and print it to PDF; every missing field is named before printing.

    Example: wuye print notice 停水停电通知 --estate 相山花园 --field start_time=… -o 通知.pdf
    """
    templates = documents("pdf.templates")
    values: dict[str, str] = {}
    for item in fields:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"--field 应写成 KEY=VALUE：{item}")
        values[key.strip()] = value.replace("\\n", "\n")  # a typed \n starts a paragraph
    try:
        chosen = templates.load_template(template, templates.default_user_dir())
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    if unknown := templates.unknown_fields(chosen, list(values)):
        raise click.UsageError(f"模板“{template}”没有这些字段：{'、'.join(unknown)}")
    if estate:
        from app.services.notice_fields import estate_fields

        with opened(ctx, readonly=True) as db, db.reader() as session:
            values = {**estate_fields(session, estate, today=today_or(on)), **values}
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
@click.option("--estate", required=True, help="Estate name (小区名称).")
@click.option("--building", default=None, help="A building of the estate: its board instead.")
@click.option("--size", type=SIZES, default="A4", show_default=True, help="Paper size.")
@click.option(
    "--unmasked",
    is_flag=True,
    help="Print personal phones in clear (internal use only; recorded in the audit log).",
)
@click.option("--date", "on", type=DATE, default=None, help="Publication date (default today).")
@click.option("-o", "out", required=True, type=OutputFile(".pdf"))
@click.pass_context
def print_disclosure(
    ctx: click.Context,
    estate: str,
    building: str | None,
    size: str,
    unmasked: bool,
    on: datetime | None,
    out: Path,
) -> None:
    """Print an estate's or a building's disclosure panel as its next version.

    Example: wuye print disclosure --estate 相山花园 --building 1号楼 --size A3 -o 1号楼.pdf
    """
    from app.services.board_prints import plan_board

    def plan(session):  # type: ignore[no-untyped-def]
        return plan_board(
            session, estate, building=building, today=today_or(on), masked=not unmasked
        )

    _print_panels(ctx, plan, size.upper(), out)


@print_group.command("batch")
@click.option("--community", default=None, help="Community name or 12-digit code: its estates.")
@click.option("--estate", default=None, help="Estate name: its board and all its buildings'.")
@click.option(
    "--buildings", is_flag=True, help="With --community: each estate's buildings' boards too."
)
@click.option("--size", type=SIZES, default="A4", show_default=True, help="Paper size.")
@click.option("--unmasked", is_flag=True, help="Phones in clear (internal use; audited).")
@click.option("--date", "on", type=DATE, default=None, help="Publication date (default today).")
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
    """Print many disclosure panels in one PDF: a community's estates, or an estate's buildings.

    Example: wuye print batch --community 桓谭社区 --buildings -o 桓谭社区公示栏.pdf
    """
    if (community is None) == (estate is None):
        raise click.UsageError("请给出 --community 或 --estate 之一")
    from app.services.board_prints import plan_community, plan_estate

    def plan(session):  # type: ignore[no-untyped-def]
        if community is not None:
            return plan_community(
                session, community, buildings=buildings, today=today_or(on), masked=not unmasked
            )
        return plan_estate(session, estate or "", today=today_or(on), masked=not unmasked)

    _print_panels(ctx, plan, size.upper(), out)


def _print_panels(ctx: click.Context, plan, size: str, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Plan, draw and record in one transaction; on any error nothing is kept."""
    from app.services.board_prints import record_batch

    panel = documents("pdf.panel")
    try:
        fonts = documents("pdf.fonts").configured_fonts()
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    for warning in fonts.warnings:
        click.echo(f"提示：{warning}", err=True)
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
