"""`wuye survey add|answer|list|show|print`: satisfaction surveys per estate entered from
paper (task 2). The same service as the window's 满意度调查 page and the `survey_answer` import.

Exit 0 ok; 1 bad input (Chinese message on stderr, nothing changed); 2 usage."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from app.cli_support import (
    DATE,
    Failure,
    OutputFile,
    configured_fonts,
    describe,
    documents,
    opened,
    today_or,
)
from app.errors import InputError, Problem


@click.group("survey")
def survey_group() -> None:
    """满意度调查：按小区建立调查（问卷题目、评分档数、权重、样本量），录入纸质答卷，
    计算各题和综合得分并与上次调查比较，打印调查结果公告。

    示例：wuye survey list --json
    """


def _items(texts: tuple[str, ...]) -> list:  # type: ignore[type-arg]
    """`代码:题目[:权重]` as typed on the command line."""
    from app.rules.surveys import SurveyItem

    items = []
    for n, text in enumerate(texts, 1):
        parts = text.replace("：", ":").split(":")
        weight = parts[2].strip() if len(parts) > 2 else "1"
        if len(parts) not in (2, 3) or not weight.isdigit():
            raise InputError(Problem("items", f"第{n}题“{text}”应写作 代码:题目 或 代码:题目:权重"))
        items.append(SurveyItem(parts[0].strip(), parts[1].strip(), int(weight)))
    return items


def _scores(texts: tuple[str, ...]) -> dict[str, int | None]:
    """`代码=分数` as typed; `代码=` leaves the item blank."""
    scores: dict[str, int | None] = {}
    for text in texts:
        code, sep, value = text.replace("＝", "=").partition("=")
        value = value.strip()
        if not sep or (value and not value.isdigit()):
            raise InputError(Problem("scores", f"“{text}”应写作 题号=分数，如 clean=5"))
        scores[code.strip()] = int(value) if value else None
    return scores


@survey_group.command("add")
@click.option("--estate", required=True, help="小区名称。")
@click.option("--community", default=None, help="社区名称或12位代码：两个小区同名时指明社区。")
@click.option("--title", required=True, help="调查名称，如 2026年秋季满意度调查。")
@click.option("--start", "started", type=DATE, required=True, help="调查开始日期。")
@click.option("--end", "ended", type=DATE, default=None, help="调查结束日期（可不填）。")
@click.option(
    "--method",
    default="paper",
    show_default=True,
    help="调查方式：paper（纸质问卷）、door（入户访问）、phone（电话访问）、online（网络问卷）。",
)
@click.option("--sample", "sample_size", type=int, required=True, help="计划样本量（份）。")
@click.option("--scale", type=int, default=5, show_default=True, help="评分档数：每题 1 至 N 分。")
@click.option("--item", "items", multiple=True, required=True,
              help="问卷题目，可重复：代码:题目[:权重]，如 clean:保洁:2。")  # fmt: skip
@click.option("--today", type=DATE, default=None, help="今天的日期（默认系统日期）。")
@click.pass_context
def survey_add(
    ctx: click.Context, estate: str, community: str | None, title: str, started: datetime,
    ended: datetime | None, method: str, sample_size: int, scale: int, items: tuple[str, ...],
    today: datetime | None,
) -> None:  # fmt: skip
    """建立一个小区的满意度调查：问卷题目（代码、题目、权重）、评分档数、样本量和调查方式。

    示例：wuye survey add --estate 相山花园 --title 秋季调查 --start 2026-09-01 --sample 50
    --item clean:保洁:2 --item safety:秩序维护
    """
    from app.services.estate_names import find_estate
    from app.services.surveys import CampaignIn, save_campaign

    try:
        questionnaire = _items(items)
    except InputError as exc:
        raise Failure(describe(exc)) from exc
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        data = CampaignIn(find_estate(s, estate, community).uuid, title, started.date(),
                          ended.date() if ended else None, method, sample_size, scale,
                          questionnaire)  # fmt: skip
        save_campaign(s, None, data, today=today_or(today))
    click.echo(
        f"已建立：{estate} {title}（{len(questionnaire)}题，{scale}档评分，样本{sample_size}份）"
    )


@survey_group.command("answer")
@click.argument("campaign")
@click.option("--estate", default=None, help="小区名称：两个小区有同名调查时指明。")
@click.option("--score", "scores", multiple=True, required=True,
              help="一题的评分，可重复：题号=分数，如 clean=5；题号= 表示该题未答。")  # fmt: skip
@click.option("--number", default="", help="问卷编号（可不填）；同一编号再次录入为更正。")
@click.option("--date", "on", type=DATE, default=None, help="答卷日期（默认今天）。")
@click.pass_context
def survey_answer(
    ctx: click.Context, campaign: str, estate: str | None, scores: tuple[str, ...], number: str,
    on: datetime | None,
) -> None:  # fmt: skip
    """录入一份纸质答卷。CAMPAIGN：调查名称。未列出的题目记为未答。

    示例：wuye survey answer 秋季调查 --estate 相山花园 --score clean=5 --score safety=4
    """
    from app.services.surveys import add_response, find_campaign, survey_result

    try:
        given = _scores(scores)
    except InputError as exc:
        raise Failure(describe(exc)) from exc
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        uuid = find_campaign(s, campaign, estate=estate)
        add_response(s, uuid, given, answered_on=today_or(on), number=number)
        result = survey_result(s, uuid)
    click.echo(f"已录入：{result.title} 第{result.responses}份（样本{result.sample_size}份）")


@survey_group.command("list")
@click.option("--estate", default=None, help="只列出这个小区的调查。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def survey_list(ctx: click.Context, estate: str | None, as_json: bool) -> None:
    """列出本辖区的满意度调查，新的在前：答卷份数、综合得分和结果公告的版本
    （“待重印”：答卷或对比的上次调查在最后一次打印后有变化）。

    示例：wuye survey list --estate 相山花园
    """
    from app.services.survey_prints import last_printed_versions, survey_results_out_of_date
    from app.services.surveys import campaign_lines

    with opened(ctx, readonly=True) as db, db.reader() as s:
        lines = campaign_lines(s, estate)
        versions = last_printed_versions(s)
        stale = {st.what: st.reason for st in survey_results_out_of_date(s, today=today_or(None))}
    if as_json:
        data = [line.as_dict() | {"printed_version": versions.get(line.uuid),
                                  "print_status": stale.get(line.uuid, "")}
                for line in lines]  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for line in lines:
        overall = "—" if line.overall is None else f"{line.overall:.1f}分"
        version = versions.get(line.uuid)
        printed = f"公告第{version}版" if version else "公告未打印"
        reason = stale.get(line.uuid)
        printed += f"（待重印：{reason}）" if reason and version else ""
        click.echo(f"{line.started_on}  {line.community} {line.estate}  {line.title}  "
                   f"答卷 {line.responses}/{line.sample_size}  综合 {overall}  "
                   f"{printed}")  # fmt: skip
    click.echo(f"共 {len(lines)} 次调查")


@survey_group.command("show")
@click.argument("campaign")
@click.option("--estate", default=None, help="小区名称：两个小区有同名调查时指明。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def survey_show(ctx: click.Context, campaign: str, estate: str | None, as_json: bool) -> None:
    """显示一次调查的各题得分和综合得分，与该小区上次调查比较。CAMPAIGN：调查名称。

    示例：wuye survey show 2026年秋季满意度调查 --estate 相山花园 --json
    """
    from app.services.surveys import find_campaign, result_paragraphs, survey_result

    with opened(ctx, readonly=True) as db, db.reader() as s:
        result = survey_result(s, find_campaign(s, campaign, estate=estate))
    if as_json:
        data = {
            "title": result.title, "responses": result.responses,
            "sample_size": result.sample_size, "overall": result.overall,
            "previous_title": result.previous_title,
            "previous_overall": result.previous_overall,
            "overall_change": result.overall_change,
            "items": [{"code": i.score.code, "text": i.score.text, "answered": i.score.answered,
                       "score": i.score.score, "previous": i.previous, "change": i.change}
                      for i in result.items],
        }  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(result.title)
    for line in result_paragraphs(result):
        click.echo(line)


@survey_group.command("print")
@click.argument("campaign")
@click.option("--estate", default=None, help="小区名称：两个小区有同名调查时指明。")
@click.option("--date", "on", type=DATE, default=None, help="公告日期（默认今天）。")
@click.option("-o", "out", required=True, type=OutputFile(".pdf"), help="输出的 PDF 文件。")
@click.pass_context
def survey_print(
    ctx: click.Context, campaign: str, estate: str | None, on: datetime | None, out: Path
) -> None:
    """打印满意度调查结果公告：各题得分、综合得分及与上次调查的比较，作为该调查结果的下一版
    （公告上印有版本号，打印记录留存）。CAMPAIGN：调查名称。

    示例：wuye survey print 2026年秋季满意度调查 --estate 相山花园 -o 调查结果.pdf
    """
    from app.services.survey_prints import plan_survey_result, record_survey_result
    from app.services.surveys import find_campaign

    drawing = documents("pdf.survey")
    fonts = configured_fonts()
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        content = plan_survey_result(s, find_campaign(s, campaign, estate=estate),
                                     today=today_or(on))  # fmt: skip
        drawing.draw_survey_result(content, out, fonts=fonts)
        record_survey_result(s, content)
    click.echo(
        f"已生成：{out}（{content.title}，第{content.version}版，答卷{content.responses}份）"
    )


def register(cli: click.Group) -> None:
    cli.add_command(survey_group)
