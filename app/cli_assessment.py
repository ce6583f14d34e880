"""`wuye assessment`: 考核 (issue 16 item 8, 附件3 四) for scripts and tests, each command a few
lines over app/services/assessment.py: publish and edit the year's scoring sheet (the upper
office), self-score an item (the office below), review a self-score (复查复核), rank the
offices below, print the result sheet (PDF) and export it (Excel).

Exit 0 ok; 1 bad input (one Chinese line on stderr, nothing changed); 2 usage."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import click

from app.cli_support import DATE, OutputFile, documents, opened, remember_output, today_or

YEAR = click.option("--year", type=click.IntRange(2000, 2100), default=None,
                    help="考核年度（默认今年）。")  # fmt: skip


def _year(year: int | None) -> int:
    return year or date.today().year


@click.group("assessment")
def assessment_group() -> None:
    """考核（附件3 四）：上级发布考核评分表，下级对照自评计分，上级复查复核并排名。

    示例：wuye assessment sheet --year 2026 --publish
    """


@assessment_group.command("sheet")
@YEAR
@click.option("--publish", is_flag=True,
              help="发布本单位本年度的考核评分表，下发给全部下级单位。")  # fmt: skip
@click.option("--from", "source", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="与 --publish 一起：按这个 JSON 文件的项目发布（默认随程序提供的"
                   "评分表）。")  # fmt: skip
@click.option("--title", default="", help="与 --publish 一起：评分表名称。")
@click.option("--on", type=DATE, default=None, help="与 --publish 一起：发布日期（默认今天）。")
@click.option("--received", is_flag=True, help="显示上级下发的评分表（默认先显示本单位发布的）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def assessment_sheet(
    ctx: click.Context,
    year: int | None,
    publish: bool,
    source: Path | None,
    title: str,
    on: datetime | None,
    received: bool,
    as_json: bool,
) -> None:
    """显示本年度考核评分表（项目、满分、评分依据、各单位自评和复核）；--publish 发布它。

    示例：wuye assessment sheet --year 2026 --publish --on 2026-03-01
    """
    from app.services.assessment import default_items, get_sheet, publish_sheet

    if publish:
        items = default_items(source)[1] if source else None
        title = title or (default_items(source)[0] if source else "")
        with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
            uuid = publish_sheet(s, _year(year), on=today_or(on), title=title, items=items,
                                 today=today_or(None))  # fmt: skip
            remember_output(ctx, uuid)
        click.echo(uuid)
        return
    with opened(ctx, readonly=True) as db, db.reader() as s:
        view = get_sheet(s, _year(year), mine=False if received else None)
    if as_json:
        click.echo(json.dumps(view.as_dict(), ensure_ascii=False, indent=2))
        return
    which = "本单位发布" if view.mine else f"{view.issuer}下发"
    click.echo(f"{view.year}年度{view.title}（{which}，满分 {view.total:g} 分）")
    for item in view.items:
        click.echo(f"{item.n}. {item.title}（{item.max_points:g} 分）：{item.evidence}")
        for sc in item.scores:
            final = f"，复核 {sc.final:g} 分" if sc.final is not None else "，待复核"
            figure = f"（{sc.figure_text}）" if sc.figure_text else ""
            click.echo(f"   {sc.office_name}：自评 {sc.points:g} 分{final}{figure}")


@assessment_group.command("item")
@YEAR
@click.argument("n", type=int)
@click.option("--title", default=None, help="考核项目名称。")
@click.option("--max", "max_points", type=float, default=None, help="满分。")
@click.option("--evidence", default=None, help="评分依据（什么佐证算数）。")
@click.pass_context
def assessment_item(ctx: click.Context, year: int | None, n: int, title: str | None,
                    max_points: float | None, evidence: str | None) -> None:  # fmt: skip
    """修改本单位发布的评分表的第 N 项（名称、满分、评分依据）。

    示例：wuye assessment item 8 --year 2026 --max 6 --evidence 普法宣传材料
    """
    from app.services.assessment import edit_item

    if title is None and max_points is None and evidence is None:
        raise click.UsageError("请至少写 --title、--max 或 --evidence 之一")
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        edit_item(s, _year(year), n, title=title, max_points=max_points, evidence=evidence)
    click.echo("已修改")


@assessment_group.command("score")
@YEAR
@click.argument("n", type=int)
@click.option("--points", type=float, required=True, help="自评分（不超过该项满分）。")
@click.option("--evidence", default="", help="自评依据和佐证材料。")
@click.option("--on", type=DATE, default=None, help="自评日期（默认今天）。")
@click.pass_context
def assessment_score(ctx: click.Context, year: int | None, n: int, points: float, evidence: str,
                     on: datetime | None) -> None:  # fmt: skip
    """对上级下发的评分表第 N 项自评计分；能由数据算出的指标（组建率、党员比例、问题销号、
    督办按时办结、报表按时报送）自动附上。输出自评记录的 id。

    示例：wuye assessment score 5 --year 2026 --points 14 --evidence 备案材料12份
    """
    from app.services.assessment import self_score

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        uuid = self_score(s, _year(year), n, points=points, evidence=evidence, on=today_or(on),
                          today=today_or(None))  # fmt: skip
        remember_output(ctx, uuid)
    click.echo(uuid)


@assessment_group.command("review")
@YEAR
@click.argument("n", type=int)
@click.option("--office", required=True, help="被复核的下级单位的区划代码。")
@click.option("--points", type=float, required=True, help="复核后的得分（不超过该项满分）。")
@click.option("--opinion", default="", help="复核意见。")
@click.option("--on", type=DATE, default=None, help="复核日期（默认今天）。")
@click.pass_context
def assessment_review(ctx: click.Context, year: int | None, n: int, office: str, points: float,
                      opinion: str, on: datetime | None) -> None:  # fmt: skip
    """复查复核一个下级单位对本单位评分表第 N 项的自评，定最终得分。输出复核记录的 id。

    示例：wuye assessment review 1 --year 2026 --office 340603010001 --points 8 \
    --opinion 联络员未确定
    """
    from app.services.assessment import review_score

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        uuid = review_score(s, _year(year), n, office.strip(), points=points, opinion=opinion,
                            on=today_or(on), today=today_or(None))  # fmt: skip
        remember_output(ctx, uuid)
    click.echo(uuid)


@assessment_group.command("rank")
@YEAR
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def assessment_rank(ctx: click.Context, year: int | None, as_json: bool) -> None:
    """下级单位按复核总分排名（同分并列），并列出自评总分和已复核项数。

    示例：wuye assessment rank --year 2026 --json
    """
    from app.services.assessment import ranking

    with opened(ctx, readonly=True) as db, db.reader() as s:
        ranked = ranking(s, _year(year))
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in ranked], ensure_ascii=False, indent=2))
        return
    for r in ranked:
        line = r.line
        click.echo(f"{line.rank}. {r.name}  复核 {line.final_total:g} 分  自评 "
                   f"{line.self_total:g} 分  已复核 {line.reviewed}/{line.items} 项")  # fmt: skip
    if not ranked:
        click.echo("还没有下级单位自评")


@assessment_group.command("print")
@YEAR
@click.option("--on", type=DATE, default=None, help="落款日期（默认今天）。")
@click.option("-o", "out", required=True, type=OutputFile(),
              help="输出文件：.pdf 打印考核结果表，.xlsx 导出 Excel。")  # fmt: skip
@click.pass_context
def assessment_print(ctx: click.Context, year: int | None, on: datetime | None, out: Path) -> None:
    """把本单位评分表的考核结果（排名、各项自评和复核）打印为 PDF 或导出为 Excel。

    示例：wuye assessment print --year 2026 -o 考核结果.pdf
    """
    from app.cli_print import _configured_fonts
    from app.services.assessment import get_sheet, ranking

    fonts = None if out.suffix.lower() == ".xlsx" else _configured_fonts()
    with opened(ctx, readonly=True) as db, db.reader() as s:
        sheet = get_sheet(s, _year(year), mine=True)
        ranked = ranking(s, _year(year))
    if fonts is not None:
        documents("pdf.assessment").draw_assessment(sheet, ranked, out, on=today_or(on),
                                                    fonts=fonts)  # fmt: skip
    else:
        documents("xlsx.assessment").write_assessment(sheet, ranked, out)
    click.echo(f"已生成：{out}")


def register(cli: click.Group) -> None:
    """Add this module's command group to the main `wuye` group (called once, in app.cli)."""
    cli.add_command(assessment_group)
