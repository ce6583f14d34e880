"""`wuye interview` and `wuye circular`: 约谈 and 通报 (issue 16 items 5, 6) for scripts and
tests, each command a few lines over app/services/interviews.py and circulars.py; the notices
are printed by the notice engine from the shipped templates 约谈通知 and 通报.

Exit 0 ok; 1 bad input (one Chinese line on stderr, nothing changed); 2 usage."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from app.cli_support import (
    DATE,
    Failure,
    OutputFile,
    describe,
    documents,
    echo_json,
    opened,
    remember_output,
    today_or,
)
from app.errors import WuyeError

SUBJECTS = ("--to-office", "--company", "--committee")


@click.group("interview")
def interview_group() -> None:
    """约谈（附件3 三）：约谈通知、约谈记录、整改承诺，按期整改或升级为通报。

    示例：wuye interview add --company 恒信物业 --reason 逾期 --at "2026-12-10 09:30" --place 会议室
    """


@interview_group.command("add")
@click.option("--to-office", "to_office", default=None, help="被约谈的下级单位的区划代码。")
@click.option("--company", default=None, help="被约谈的物业企业（按已知单位归并）。")
@click.option("--committee", default=None, help="被约谈的业主委员会名称。")
@click.option("--reason", required=True, help="约谈事由。")
@click.option("--task", "task_id", default=None, help="约谈所针对的督办事项：编号或 id。")
@click.option("--problem", "problem_id", default=None, help="约谈所针对的问题：编号或 id。")
@click.option("--complaint", "complaint_id", default=None, help="约谈所针对的投诉的 id。")
@click.option("--form", default="当面约谈", show_default=True,
              help="约谈方式：当面约谈、集体约谈或视频约谈。")  # fmt: skip
@click.option("--at", "meets_at", required=True,
              type=click.DateTime(["%Y-%m-%d %H:%M"]), metavar="'YYYY-MM-DD HH:MM'",
              help="约谈时间，如 \"2026-12-10 09:30\"。")  # fmt: skip
@click.option("--place", required=True, help="约谈地点。")
@click.option("--hosts", default="", help="约谈人（本单位参加人员）。")
@click.option("--attendees", default="", help="被约谈单位的参加人员。")
@click.option("--notified", type=DATE, default=None, help="约谈通知日期（默认今天）。")
@click.pass_context
def interview_add(
    ctx: click.Context,
    to_office: str | None,
    company: str | None,
    committee: str | None,
    reason: str,
    task_id: str | None,
    problem_id: str | None,
    complaint_id: str | None,
    form: str,
    meets_at: datetime,
    place: str,
    hosts: str,
    attendees: str,
    notified: datetime | None,
) -> None:
    """记录一次约谈及其通知，只输出它的 id。约谈对象为下级单位、物业企业或业主委员会（三选一）。

    示例：wuye interview add --to-office 340603010001 --reason 逾期 --task 2026-0012 \
    --at "2026-12-10 09:30" --place 街道会议室 --attendees 社区书记
    """
    from app.services.interviews import InterviewIn, add_interview
    from app.services.record_ids import PROBLEMS, TASKS, resolve_id

    given = [(k, v) for k, v in (("office", to_office), ("company", company),
                                 ("committee", committee)) if v]  # fmt: skip
    if len(given) != 1:
        raise click.UsageError(f"请用 {'、'.join(SUBJECTS)} 之一写明约谈对象（只写一个）")
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        data = InterviewIn(
            subject_kind=given[0][0],
            subject=str(given[0][1]),
            reason=reason,
            form=form,
            meets_at=meets_at,
            place=place,
            hosts=hosts,
            attendees=attendees,
            notified_on=today_or(notified),
            task_uuid=resolve_id(s, TASKS, task_id) if task_id else None,
            problem_uuid=resolve_id(s, PROBLEMS, problem_id) if problem_id else None,
            complaint_uuid=complaint_id,
        )
        uuid = add_interview(s, data, today=today_or(None))
        remember_output(ctx, uuid)
    click.echo(uuid)


@interview_group.command("list")
@click.option("--today", type=DATE, default=None, help="判断整改是否逾期的日期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def interview_list(ctx: click.Context, today: datetime | None, as_json: bool) -> None:
    """列出约谈，最近的在前：编号、对象、时间、状态（已通知/已约谈/已整改/已通报）。

    示例：wuye interview list --json
    """
    from app.services.interviews import interview_list as listed

    with opened(ctx, readonly=True) as db, db.reader() as s:
        views = listed(s, today=today_or(today))
    if as_json:
        echo_json([v.as_dict() for v in views])
        return
    for v in views:
        late = "，整改逾期" if v.late and v.state == "held" else ""
        click.echo(f"{v.number}  {v.subject}  {v.meets_at:%Y-%m-%d %H:%M}  "
                   f"{v.as_dict()['state_label']}{late}  [{v.uuid[:8]}]")  # fmt: skip
    if not views:
        click.echo("没有约谈记录")


@interview_group.command("show")
@click.argument("interview_id")
@click.option("--today", type=DATE, default=None, help="判断整改是否逾期的日期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def interview_show(
    ctx: click.Context, interview_id: str, today: datetime | None, as_json: bool
) -> None:
    """显示一次约谈：通知、记录、整改承诺和后续处理。

    示例：wuye interview show 2026-0001 --json
    """
    from app.services.interviews import get_interview
    from app.services.record_ids import INTERVIEWS, resolve_id

    with opened(ctx, readonly=True) as db, db.reader() as s:
        view = get_interview(s, resolve_id(s, INTERVIEWS, interview_id), today=today_or(today))
    data = view.as_dict()
    if as_json:
        echo_json(data)
        return
    click.echo(f"约谈 {view.number}：{view.subject}（{data['state_label']}）")
    click.echo(f"事由：{view.reason}" + (f"（{view.follows}）" if view.follows else ""))
    click.echo(f"{view.form}，{view.meets_at:%Y-%m-%d %H:%M}，{view.place}")
    if view.record:
        click.echo(f"约谈记录：{view.record}")
    if view.requirements:
        click.echo(f"整改要求：{view.requirements}")
    for c in view.commitments:
        due = f"（{c.due.isoformat()} 前）" if c.due else ""
        click.echo(f"整改承诺 {c.committed_on.isoformat()}：{c.text}{due}")


@interview_group.command("record")
@click.argument("interview_id")
@click.option("--held", type=DATE, default=None, help="约谈日期（默认今天）。")
@click.option("--record", "text", default=None, help="约谈记录：谈了什么、对方如何说明。")
@click.option("--requirements", default="", help="处理意见和整改要求。")
@click.option("--rectify-by", "rectify_by", type=DATE, default=None, help="整改期限。")
@click.option("--commitment", "commitments", multiple=True,
              help="整改承诺，可写多次；被约谈的是下级单位时由该单位自己填写。")  # fmt: skip
@click.option("--due", type=DATE, default=None, help="整改承诺的完成日期。")
@click.option("--rectified", type=DATE, default=None,
              help="按期整改完成的日期：约谈办结，不再处理。")  # fmt: skip
@click.option("--note", default="", help="整改情况说明（与 --rectified 一起）。")
@click.pass_context
def interview_record(
    ctx: click.Context,
    interview_id: str,
    held: datetime | None,
    text: str | None,
    requirements: str,
    rectify_by: datetime | None,
    commitments: tuple[str, ...],
    due: datetime | None,
    rectified: datetime | None,
    note: str,
) -> None:
    """记录约谈记录（--record）、整改承诺（--commitment）或按期整改（--rectified）；
    逾期或落实不到位的，用 wuye circular add --interview ID 升级为通报。

    示例：wuye interview record 2026-0001 --held 2026-12-10 --record 说明了逾期原因 \
    --rectify-by 2026-12-20 --commitment 12月20日前清理完毕
    """
    from app.services.interviews import add_commitment, mark_rectified, record_interview
    from app.services.record_ids import INTERVIEWS, resolve_id

    if text is None and not commitments and rectified is None:
        raise click.UsageError("请至少写 --record、--commitment 或 --rectified 之一")
    today = today_or(None)
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        uuid = resolve_id(s, INTERVIEWS, interview_id)
        if text is not None:
            record_interview(s, uuid, held_on=today_or(held), record=text,
                             requirements=requirements,
                             rectify_by=rectify_by.date() if rectify_by else None,
                             today=today)  # fmt: skip
        for commitment in commitments:
            add_commitment(s, uuid, on=today_or(held), text=commitment,
                           due=due.date() if due else None, today=today)  # fmt: skip
        if rectified is not None:
            mark_rectified(s, uuid, on=rectified.date(), note=note, today=today)
    click.echo("已记录")


@interview_group.command("print")
@click.argument("interview_id")
@click.option("--office", default=None,
              help="发文机关标志（红头），默认为“本单位名称+文件”。")  # fmt: skip
@click.option("--doc-number", default=None, help="发文字号，例如 相物管办〔2026〕5号。")
@click.option("--date", "on", type=DATE, default=None, help="落款日期（默认约谈通知日期）。")
@click.option("-o", "out", required=True, type=OutputFile(".pdf"), help="输出的 PDF 文件。")
@click.pass_context
def interview_print(
    ctx: click.Context,
    interview_id: str,
    office: str | None,
    doc_number: str | None,
    on: datetime | None,
    out: Path,
) -> None:
    """把约谈通知按模板“约谈通知”打印为红头 PDF（GB/T 9704）。

    示例：wuye interview print 2026-0001 --doc-number 相物管办〔2026〕5号 -o 约谈通知.pdf
    """
    from app.services.interviews import get_interview, interview_notice_fields
    from app.services.record_ids import INTERVIEWS, resolve_id

    with opened(ctx, readonly=True) as db, db.reader() as s:
        uuid = resolve_id(s, INTERVIEWS, interview_id)
        values = interview_notice_fields(s, uuid)
        day = on.date() if on else get_interview(s, uuid, today=today_or(None)).notified_on
    _print("约谈通知", values, office or f"{values['organizer']}文件", doc_number, day, out)


def _print(template: str, values: dict[str, str], office: str, doc_number: str | None,
           day: date, out: Path) -> None:  # fmt: skip
    """Fill a shipped template (a user's copy of it wins) and draw it by the notice engine."""
    try:
        warnings = documents("pdf.filled").build_from_template(
            template, values, out, office=office, doc_number=doc_number, on=day
        )
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    for warning in warnings:
        click.echo(f"提示：{warning}", err=True)
    click.echo(f"已生成：{out}")


@click.group("circular")
def circular_group() -> None:
    """通报（附件3；任务17）：表扬或批评下级单位、物业企业、业主委员会，印发红头文件。

    示例：wuye circular add --kind 批评 --title 关于…的通报 --facts … --company 恒信物业
    """


@circular_group.command("add")
@click.option("--kind", required=True, help="通报类型：表扬或批评。")
@click.option("--title", required=True, help="通报标题，如 关于……的通报。")
@click.option("--facts", required=True, help=r"基本情况（事实）；其中的 \n 表示另起一段。")
@click.option("--requirements", default="",
              help="处理决定和工作要求（不写时按表扬或批评用通用表述）。")  # fmt: skip
@click.option("--office", "offices", multiple=True, help="被通报的下级单位的区划代码，可写多次。")
@click.option("--company", "companies", multiple=True, help="被通报的物业企业，可写多次。")
@click.option("--committee", "committees", multiple=True, help="被通报的业主委员会，可写多次。")
@click.option("--doc-number", default="", help="发文字号，例如 相物管办〔2026〕6号。")
@click.option("--issued", type=DATE, default=None, help="发文日期（默认今天）。")
@click.option("--interview", "interview_id", default=None,
              help="由这次约谈升级而来（逾期或落实不到位）：编号或 id。")  # fmt: skip
@click.pass_context
def circular_add(
    ctx: click.Context,
    kind: str,
    title: str,
    facts: str,
    requirements: str,
    offices: tuple[str, ...],
    companies: tuple[str, ...],
    committees: tuple[str, ...],
    doc_number: str,
    issued: datetime | None,
    interview_id: str | None,
) -> None:
    """印发一份通报，只输出它的 id；用 --interview 时该约谈记为已通报。

    示例：wuye circular add --kind 表扬 --title 关于…的通报 --facts 按期完成整改 \
    --committee 相山花园业主委员会 --doc-number 相物管办〔2026〕6号
    """
    from app.services.circulars import CircularIn, add_circular
    from app.services.record_ids import INTERVIEWS, resolve_id

    parties = ([("office", o) for o in offices] + [("company", c) for c in companies]
               + [("committee", c) for c in committees])  # fmt: skip
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        data = CircularIn(
            kind=kind,
            title=title,
            facts=facts.replace("\\n", "\n"),
            requirements=requirements.replace("\\n", "\n"),
            issued_on=today_or(issued),
            doc_number=doc_number,
            parties=parties,
            interview_uuid=resolve_id(s, INTERVIEWS, interview_id) if interview_id else None,
        )
        uuid = add_circular(s, data, today=today_or(None))
        remember_output(ctx, uuid)
    click.echo(uuid)


@circular_group.command("list")
@click.option("--party", default=None, help="只列出点名这个单位的通报，并统计表扬和批评次数。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def circular_list(ctx: click.Context, party: str | None, as_json: bool) -> None:
    """列出通报，最新的在前：文号、类型、标题、被通报对象。

    示例：wuye circular list --party 恒信物业 --json
    """
    from app.services.circulars import circular_counts
    from app.services.circulars import circular_list as listed

    with opened(ctx, readonly=True) as db, db.reader() as s:
        views = listed(s)
        counts = circular_counts(s, party) if party else None
    if party:
        views = [v for v in views if any(p.name == party.strip() for p in v.parties)]
    if as_json:
        data: object = [v.as_dict() for v in views]
        if counts is not None:
            data = {"party": party, "counts": counts, "circulars": data}
        echo_json(data)
        return
    for v in views:
        names = "、".join(p.name for p in v.parties)
        click.echo(f"{v.doc_number or '无文号'}  {v.as_dict()['kind_label']}  {v.title}  "
                   f"{names}  [{v.uuid[:8]}]")  # fmt: skip
    if counts is not None:
        click.echo(f"{party}：表扬 {counts['praise']} 次，批评 {counts['criticism']} 次")
    elif not views:
        click.echo("没有通报")


@circular_group.command("print")
@click.argument("circular_id")
@click.option("--office", default=None,
              help="发文机关标志（红头），默认为“发文单位名称+文件”。")  # fmt: skip
@click.option("-o", "out", required=True, type=OutputFile(".pdf"), help="输出的 PDF 文件。")
@click.pass_context
def circular_print(ctx: click.Context, circular_id: str, office: str | None, out: Path) -> None:
    """把通报按模板“通报”打印为红头文件 PDF（GB/T 9704，带发文字号）。

    示例：wuye circular print 0190b3c2 -o 通报.pdf
    """
    from app.services.circulars import circular_notice_fields, get_circular
    from app.services.record_ids import CIRCULARS, resolve_id

    with opened(ctx, readonly=True) as db, db.reader() as s:
        uuid = resolve_id(s, CIRCULARS, circular_id)
        values = circular_notice_fields(s, uuid)
        view = get_circular(s, uuid)
    _print("通报", values, office or f"{view.issuer}文件", view.doc_number or None,
           view.issued_on, out)  # fmt: skip


def register(cli: click.Group) -> None:
    """Add this module's command groups to the main `wuye` group (called once, in app.cli)."""
    for group in (interview_group, circular_group):
        cli.add_command(group)
