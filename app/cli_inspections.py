"""`wuye inspection`: 督查 (issue 16 item 4) for scripts and tests, each command a few lines over
app/services/inspections.py; the visit record prints through the notice engine from the
shipped template 督查记录.

Exit 0 ok; 1 bad input (one Chinese line on stderr, nothing changed); 2 usage."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from app.cli_support import DATE, OutputFile, opened, remember_output, today_or
from app.rules.inspections import FINDING_FORMAT


@click.group("inspection")
def inspection_group() -> None:
    """督查（附件3 二(一)）：每周督查、“四不两直”抽查、联合督查、媒体参与督查；
    发现的问题各开一条问题记录。

    示例：wuye inspection add --kind 四不两直 --inspectors 王敏 \
    --finding "消防通道堆物|340603010001"
    """


@inspection_group.command("add")
@click.option("--on", "visited", type=DATE, default=None, help="督查日期（默认今天）。")
@click.option("--kind", default="每周督查", show_default=True,
              help="督查方式：每周督查、四不两直、联合督查或媒体曝光。")  # fmt: skip
@click.option("--inspectors", required=True, help="督查人员（及参加的成员单位、媒体）。")
@click.option("--estate", "estates", multiple=True, help="督查的小区名称，可写多次。")
@click.option("--summary", default="", help="督查情况。")
@click.option("--finding", "findings", multiple=True,
              help=f"发现的问题，可写多次，格式：{FINDING_FORMAT}；责任单位写下级单位的区划代码"
                   "或单位名称，时限不写为1周。")  # fmt: skip
@click.pass_context
def inspection_add(
    ctx: click.Context,
    visited: datetime | None,
    kind: str,
    inspectors: str,
    estates: tuple[str, ...],
    summary: str,
    findings: tuple[str, ...],
) -> None:
    """记录一次督查，每条发现的问题开一条问题记录（来源：督查），只输出督查的 id。

    示例：wuye inspection add --on 2026-11-24 --kind 四不两直 --inspectors "王敏、李强" \
    --estate 相山花园 --finding "消防通道堆放杂物|340603010001|相山花园" \
    --finding "垃圾分类亭破损|恒信物业|340603010002|2026-12-15"
    """
    from app.services.inspections import InspectionIn, add_inspection, finding_from_line

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        found = [finding_from_line(f, n) for n, f in enumerate(findings, 1)]
        data = InspectionIn(today_or(visited), kind, inspectors, list(estates), summary, found)
        uuid = add_inspection(s, data, today=today_or(None))
        remember_output(ctx, uuid)
    click.echo(uuid)


@inspection_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def inspection_list(ctx: click.Context, as_json: bool) -> None:
    """列出督查，最近的在前：编号、日期、方式、发现问题数和未整改数。

    示例：wuye inspection list --json
    """
    from app.services.inspections import inspection_list as listed

    with opened(ctx, readonly=True) as db, db.reader() as s:
        views = listed(s)
    if as_json:
        click.echo(json.dumps([v.as_dict() for v in views], ensure_ascii=False, indent=2))
        return
    for v in views:
        open_ = sum(1 for f in v.findings if f.state != "rectified")
        click.echo(f"{v.number}  {v.visited_on.isoformat()}  {v.kind}  发现问题 "
                   f"{len(v.findings)} 个，未整改 {open_} 个  [{v.uuid[:8]}]")  # fmt: skip
    if not views:
        click.echo("没有督查记录")


@inspection_group.command("show")
@click.argument("inspection_id")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def inspection_show(ctx: click.Context, inspection_id: str, as_json: bool) -> None:
    """显示一次督查：人员、小区、情况、发现的问题及其整改反馈。

    示例：wuye inspection show 2026-0001
    """
    from app.rules.inspections import STATE_LABELS
    from app.services.inspections import get_inspection
    from app.services.record_ids import INSPECTIONS, resolve_id

    with opened(ctx, readonly=True) as db, db.reader() as s:
        view = get_inspection(s, resolve_id(s, INSPECTIONS, inspection_id))
    if as_json:
        click.echo(json.dumps(view.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"督查 {view.number}：{view.visited_on.isoformat()} {view.kind}")
    click.echo(f"督查人员：{view.inspectors}")
    click.echo(f"督查小区：{view.estates or '未列明'}")
    if view.summary:
        click.echo(f"督查情况：{view.summary}")
    for n, f in enumerate(view.findings, 1):
        click.echo(f"{n}. {f.description}  责任单位：{f.responsible_unit}  时限："
                   f"{f.deadline.isoformat()}  问题 {f.problem_number}  "
                   f"{STATE_LABELS[f.state]}  [{f.uuid[:8]}]")  # fmt: skip
        for b in f.feedback:
            click.echo(f"   整改反馈 {b.reported_on.isoformat()}（{b.office}）：{b.measures}"
                       f"  [{b.uuid[:8]}]")  # fmt: skip


@inspection_group.command("feedback")
@click.argument("finding_id")
@click.option("--on", "on", type=DATE, default=None, help="反馈日期（默认今天）。")
@click.option("--measures", required=True, help="整改措施和结果。")
@click.option("--evidence", default="", help="佐证材料，如 整改前后照片3张。")
@click.pass_context
def inspection_feedback(
    ctx: click.Context, finding_id: str, on: datetime | None, measures: str, evidence: str
) -> None:
    """被督查的下级单位对一条发现的问题报送整改反馈（本单位自己的记录，随数据包上报），
    输出反馈的 id。

    示例：wuye inspection feedback 0190b3c2-… --on 2026-11-28 --measures 杂物已清理 \
    --evidence 整改前后照片3张
    """
    from app.services.inspections import add_feedback

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        uuid = add_feedback(s, _full_id(s, "finding", finding_id), on=today_or(on),
                            measures=measures, evidence=evidence, today=today_or(None))  # fmt: skip
        remember_output(ctx, uuid)
    click.echo(uuid)


@inspection_group.command("accept")
@click.argument("feedback_id")
@click.option("--on", "on", type=DATE, default=None, help="采纳日期（默认今天）。")
@click.pass_context
def inspection_accept(ctx: click.Context, feedback_id: str, on: datetime | None) -> None:
    """督查单位采纳一条整改反馈：该问题记为已整改（佐证写入问题），之后按问题清单销号。

    示例：wuye inspection accept 0190b3c2-… --on 2026-11-30
    """
    from app.services.inspections import accept_feedback

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        accept_feedback(s, _full_id(s, "feedback", feedback_id), on=today_or(on),
                        today=today_or(None))  # fmt: skip
    click.echo("已采纳，问题已记为已整改")


def _full_id(session, kind: str, typed: str) -> str:  # type: ignore[no-untyped-def]
    """A finding's or a feedback's uuid from a unique prefix of it (as `show` prints)."""
    from sqlalchemy import select

    from app.errors import InputError, NotFound
    from app.errors import Problem as Issue
    from app.models import InspectionFeedback, InspectionFinding

    model = InspectionFinding if kind == "finding" else InspectionFeedback
    what = "督查发现的问题" if kind == "finding" else "整改反馈"
    typed = typed.strip()
    rows = session.scalars(select(model.uuid).where(model.uuid.like(f"{typed}%")).limit(3)).all()
    if len(typed) < 4 or not rows:
        raise NotFound(what, typed)
    if len(rows) > 1:
        raise InputError(Issue("id", f"{what} id {typed} 不唯一，请多写几位"))
    return str(rows[0])


@inspection_group.command("print")
@click.argument("inspection_id")
@click.option("--office", default=None,
              help="发文机关标志（红头），默认为“本单位名称+文件”。")  # fmt: skip
@click.option("--doc-number", default=None, help="发文字号，例如 相物管办〔2026〕7号。")
@click.option("-o", "out", required=True, type=OutputFile(".pdf"), help="输出的 PDF 文件。")
@click.pass_context
def inspection_print(
    ctx: click.Context, inspection_id: str, office: str | None, doc_number: str | None, out: Path
) -> None:
    """把督查记录按模板“督查记录”打印为 PDF：督查方式、人员、小区、情况和发现的问题。

    示例：wuye inspection print 2026-0001 -o 督查记录.pdf
    """
    from app.cli_interviews import _print
    from app.services.inspections import get_inspection, inspection_record_fields
    from app.services.record_ids import INSPECTIONS, resolve_id

    with opened(ctx, readonly=True) as db, db.reader() as s:
        uuid = resolve_id(s, INSPECTIONS, inspection_id)
        values = inspection_record_fields(s, uuid)
        day = get_inspection(s, uuid).visited_on
    _print("督查记录", values, office or f"{values['organizer']}文件", doc_number, day, out)


def register(cli: click.Group) -> None:
    """Add this module's command group to the main `wuye` group (called once, in app.cli)."""
    cli.add_command(inspection_group)
