"""`wuye cases`, `wuye task` and `wuye holiday`: casework for scripts and tests, each command
a few lines over app/services (problems, tasks, casework, holidays), like the window's pages.

Exit 0 ok; 1 bad input (Chinese message on stderr, nothing changed); 2 usage."""

from __future__ import annotations

from datetime import date, datetime, time

import click

from app.cli_support import DATE, day_of, echo_json, opened, remember_output, today_or
from app.services.record_ids import PROBLEMS, TASKS, resolve_id


def list_options(noun: str, searched: str):  # type: ignore[no-untyped-def]
    """The options every casework list shares (cases, task and complaints list): one set,
    so the lists read alike. `noun`: 问题/事项/投诉; `searched`: the fields --search reads."""

    def add(command):  # type: ignore[no-untyped-def]
        for option in reversed((
            click.option("--overdue", is_flag=True, help=f"只列在 --today 当天逾期的{noun}。"),
            click.option("--search", default="", help=f"在{searched}中查找的文字。"),
            click.option("--limit", default=200, show_default=True, help="最多列出的行数。"),
            click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。"),
            click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。"),
        )):  # fmt: skip
            command = option(command)
        return command

    return add


@click.group("cases")
def cases_group() -> None:
    """案件清单：按状态、小区、责任单位列出问题（问题清单）；哪些逾期、归谁。

    示例：wuye cases overdue --today 2026-11-25
    """


@cases_group.command("list")
@click.option("--status", default=None, help="待整改/整改中/已整改/已销号，或其代码。")
@click.option("--estate", default=None, help="小区的 uuid。")
@click.option("--unit", default=None, help="责任单位，与记录中的写法完全一致。")
@list_options("问题", "问题描述、责任单位或整改措施")
@click.pass_context
def cases_list(
    ctx: click.Context,
    status: str | None,
    estate: str | None,
    unit: str | None,
    overdue: bool,
    search: str,
    limit: int,
    today: datetime | None,
    as_json: bool,
) -> None:
    """列出问题，整改时限最近的在前，并标出在 --today 当天是否逾期。

    示例：wuye cases list --status 待整改 --overdue --json
    """
    from app.codes import ProblemStatus
    from app.services.holidays import work_calendar
    from app.services.listing import ListQuery
    from app.services.problems import problem_rows

    day = today_or(today)
    code = None
    if status:
        member = ProblemStatus.from_text(status)
        if member is None:
            raise click.UsageError(f"未知的状态：{status}（可用：待整改、整改中、已整改、已销号）")
        code = member.value
    filters = (("status", code), ("estate", estate), ("responsible_unit", unit),
               ("overdue_on", day if overdue else None))  # fmt: skip
    with opened(ctx, readonly=True) as db, db.reader() as s:
        rows = problem_rows(s, ListQuery(text=search, filters=filters), day, work_calendar(s),
                            limit=limit)  # fmt: skip
    if as_json:
        echo_json([r.as_dict() for r in rows])
        return
    for r in rows:
        click.echo(f"{r.number or '—'}  {r.deadline.isoformat()}  {r.status_label}  {r.due_label}"
                   f"  {r.responsible_unit}  {r.description}  [{r.uuid}]")  # fmt: skip
    click.echo(f"共 {len(rows)} 条")


@cases_group.command("overdue")
@click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def cases_overdue(ctx: click.Context, today: datetime | None, as_json: bool) -> None:
    """按责任单位列出逾期问题和逾期督办事项，以及各状态数量和销号率。

    示例：wuye cases overdue --json
    """
    from app.services.casework import casework_overview
    from app.services.holidays import work_calendar

    day = today_or(today)
    with opened(ctx, readonly=True) as db, db.reader() as s:
        overview = casework_overview(s, day, work_calendar(s))
    if as_json:
        echo_json(overview.as_dict())
        return
    o = overview
    rate = "—" if o.closure_percent is None else f"{o.closure_percent}%"
    click.echo(f"统计日期 {day.isoformat()}：问题 {o.total} 条，" + "，".join(
        f"{label} {o.by_status[code]}" for code, label in _status_labels()))  # fmt: skip
    click.echo(f"销号率（已销号/全部问题）：{rate}；逾期问题 {o.overdue} 条，临期 {o.due_soon} 条；"
               f"逾期督办 {o.overdue_tasks} 件；未办结投诉 {o.open_complaints} 件")  # fmt: skip
    for u in o.by_unit:
        click.echo(f"  {u.unit}：逾期问题 {u.problems}，逾期督办 {u.tasks}")


@cases_group.command("move")
@click.argument("problem_id")
@click.option("--to", "target", required=True, help="整改中/已整改/已销号，或其代码。")
@click.option("--evidence", default="", help="销号依据（改为已销号时必填）。")
@click.option("--reason", default="", help="理由（退回或重新打开时必填）。")
@click.option("--who", default=None, help="经办人（默认为登录用户名）。")
@click.option("--on", "on", type=DATE, default=None, help="日期（默认今天）。")
@click.pass_context
def cases_move(
    ctx: click.Context,
    problem_id: str,
    target: str,
    evidence: str,
    reason: str,
    who: str | None,
    on: datetime | None,
) -> None:
    """按允许的流转改变问题的状态，记录经办人和时间。
    PROBLEM_ID：问题编号（如 2026-0012）、uuid 或 uuid 的前几位。

    示例：wuye cases move 2026-0012 --to 已销号 --evidence 整改前后照片
    """
    from app.codes import ProblemStatus
    from app.services.problems import transition

    member = ProblemStatus.from_text(target)
    if member is None:
        raise click.UsageError(f"未知的状态：{target}（可用：待整改、整改中、已整改、已销号）")
    when = datetime.combine(today_or(on), datetime.now().time()) if on else datetime.now()
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        uuid = resolve_id(s, PROBLEMS, problem_id)
        transition(s, uuid, member.value, when=when, who=who, evidence=evidence,
                   reason=reason)  # fmt: skip
    click.echo(f"已改为：{member.label}")


def _status_labels() -> list[tuple[str, str]]:
    from app.codes import ProblemStatus

    return ProblemStatus.choices()


@click.group("task")
def task_group() -> None:
    """督办事项：交办（按工作日计时限）、办结、催办、约谈、查看。

    示例：wuye task add --title 清理楼道 --to 恒信物业 --issued 2026-11-25
    """


@task_group.command("add")
@click.option("--title", required=True, help="事项内容。")
@click.option("--to", "to_unit", default="",
              help="承办单位（程序外的企业、单位，按已知单位归并）。")  # fmt: skip
@click.option("--to-office", "to_office", default=None,
              help="下级单位的区划代码（交给本单位下级，如社区），与 --to 二选一。")  # fmt: skip
@click.option("--from", "from_unit", default="", help="交办单位。")
@click.option("--issued", type=DATE, required=True, help="交办日期。")
@click.option("--deadline", type=DATE, default=None, help="办理时限（默认一周，遇节假日顺延）。")
@click.option("--problem", default=None, help="所督办的问题：编号、uuid 或 uuid 的前几位。")
@click.pass_context
def task_add(
    ctx: click.Context,
    title: str,
    to_unit: str,
    from_unit: str,
    issued: datetime,
    deadline: datetime | None,
    problem: str | None,
    to_office: str | None,
) -> None:
    """交办一件督办事项，只输出它的编号。不写 --deadline 时为一周、最长一个月（附件3 二(二)1）；
    写了 --deadline 则按所写日期，不受一个月限制。

    示例：wuye task add --title 清理楼道 --to-office 340603010001 --issued 2025-09-26
    """
    from app.services.holidays import work_calendar
    from app.services.known_units import canonical_unit
    from app.services.tasks import TaskIn, add_task

    if bool(to_unit.strip()) == bool(to_office):
        raise click.UsageError("请用 --to 写承办单位，或用 --to-office 写下级单位代码（二选一）")
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        problem_uuid = resolve_id(s, PROBLEMS, problem) if problem else None
        unit = canonical_unit(s, to_unit) if to_unit.strip() else None
        data = TaskIn(title, to_unit, from_unit, issued.date(), day_of(deadline), problem_uuid,
                      to_office)  # fmt: skip
        uuid = add_task(s, data, work_calendar(s))
        remember_output(ctx, uuid)
    if unit is None:
        pass
    elif unit.name != to_unit.strip():
        click.echo(f"提示：承办单位按已知单位记为“{unit.name}”", err=True)
    elif not unit.known and unit.candidates:
        click.echo(f"提示：“{unit.name}”是新单位；已知相近的有：{'、'.join(unit.candidates[:5])}",
                   err=True)  # fmt: skip
    click.echo(uuid)


@task_group.command("done")
@click.argument("task_id")
@click.option("--on", "on", type=DATE, required=True, help="办结日期。")
@click.pass_context
def task_done(ctx: click.Context, task_id: str, on: datetime) -> None:
    """把督办事项标为办结；之后应在下一个工作日反馈。

    示例：wuye task done 2026-0012 --on 2025-09-30
    """
    from app.services.holidays import work_calendar
    from app.services.tasks import get_task, mark_done

    with opened(ctx, must_exist=True) as db:
        with db.sessions.begin() as s:
            uuid = resolve_id(s, TASKS, task_id)
            mark_done(s, uuid, on.date())
        with db.reader() as s:
            view = get_task(s, uuid, today=on.date(), cal=work_calendar(s))
    assert view.feedback_due is not None
    click.echo(f"已办结：{view.title}；应于 {view.feedback_due.isoformat()} 前反馈")


@task_group.command("feedback")
@click.argument("task_id")
@click.option("--on", "on", type=DATE, required=True, help="反馈日期。")
@click.pass_context
def task_feedback(ctx: click.Context, task_id: str, on: datetime) -> None:
    """记录已反馈办理结果。

    示例：wuye task feedback 2026-0012 --on 2025-10-09
    """
    from app.services.tasks import report_back

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        report_back(s, resolve_id(s, TASKS, task_id), on.date())
    click.echo("已记录反馈")


@task_group.command("remind")
@click.argument("task_id")
@click.option("--on", "on", type=DATE, required=True, help="催办日期。")
@click.option("--way", default="电话", show_default=True, help="催办方式：电话、书面、上门或短信。")
@click.option("--note", default="", help="催办内容。")
@click.pass_context
def task_remind(ctx: click.Context, task_id: str, on: datetime, way: str, note: str) -> None:
    """记录一次催办。

    示例：wuye task remind 2026-0012 --on 2025-10-10 --way 书面
    """
    from app.services.tasks import remind

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        remind(s, resolve_id(s, TASKS, task_id), on.date(), way, note)
    click.echo("已记录催办")


@task_group.command("interview")
@click.argument("task_id")
@click.option("--on", "on", type=DATE, required=True, help="约谈日期。")
@click.option("--participants", required=True, help="约谈对象。")
@click.option("--outcome", default="", help="约谈结果。")
@click.pass_context
def task_interview(
    ctx: click.Context, task_id: str, on: datetime, participants: str, outcome: str
) -> None:
    """记录对逾期事项的约谈。

    示例：wuye task interview 2026-0012 --on 2025-10-15 --participants 项目经理
    """
    from app.services.tasks import interview

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        interview(s, resolve_id(s, TASKS, task_id), on.date(), participants, outcome)
    click.echo("已记录约谈")


@task_group.command("list")
@click.option("--incoming", is_flag=True, help="只列上级交给本单位的事项，附反馈状态。")
@click.option("--issued", "issued_only", is_flag=True,
              help="只列本单位交办下级的事项，附反馈状态。")  # fmt: skip
@click.option("--status", default=None, help="状态：办理中、已办结、已反馈或其代码。")
@click.option("--to", "to_unit", default=None, help="承办单位（按记录的名称）。")
@list_options("事项", "事项内容和单位")
@click.pass_context
def task_list(
    ctx: click.Context,
    incoming: bool,
    issued_only: bool,
    status: str | None,
    to_unit: str | None,
    overdue: bool,
    search: str,
    limit: int,
    today: datetime | None,
    as_json: bool,
) -> None:
    """列出督办事项，时限最近的在前，附编号和在 --today 当天是否逾期；
    --incoming / --issued 只列交给本单位的或本单位交办下级的，附反馈状态和是否按时。

    示例：wuye task list --overdue --json
    """
    from app.codes import TaskStatus
    from app.services.holidays import work_calendar
    from app.services.listing import ListQuery
    from app.services.tasks import task_rows

    day = today_or(today)
    if incoming and issued_only:
        raise click.UsageError("--incoming 与 --issued 只能选一个")
    if incoming or issued_only:
        _office_task_list(ctx, "incoming" if incoming else "issued", day, limit, as_json)
        return
    code = None
    if status:
        member = TaskStatus.from_text(status)
        if member is None:
            labels = "、".join(label for _code, label in TaskStatus.choices())
            raise click.UsageError(f"未知的状态：{status}（可用：{labels}）")
        code = member.value
    filters = (("status", code), ("to_unit", to_unit), ("overdue_on", day if overdue else None))
    with opened(ctx, must_exist=True) as db, db.reader() as s:
        rows = task_rows(s, ListQuery(text=search, filters=filters), day, work_calendar(s),
                         limit=limit)  # fmt: skip
    if as_json:
        echo_json([r.as_dict() for r in rows])
        return
    due = {"overdue": "逾期", "due_soon": "临期"}
    for r in rows:
        click.echo(f"{r.number or '—'}  {r.deadline.isoformat()}  {TaskStatus.label_of(r.status)}"
                   f"  {due.get(r.due, '')}  {r.to_unit}  {r.title}  [{r.uuid}]")  # fmt: skip
    click.echo(f"共 {len(rows)} 件")


def _office_task_list(
    ctx: click.Context, direction: str, day: date, limit: int, as_json: bool
) -> None:
    from app.codes import TaskStatus
    from app.services.holidays import work_calendar
    from app.services.tasks import AnswerState, office_tasks

    with opened(ctx, must_exist=True) as db, db.reader() as s:
        lines = office_tasks(s, direction, day, work_calendar(s), limit=limit)
    if as_json:
        echo_json([line.as_dict() for line in lines])
        return
    due = {"overdue": "逾期", "due_soon": "临期", "done_late": "逾期办结"}
    for line in lines:
        t = line.task
        last = line.answers[-1] if line.answers else None
        timing = "" if last is None else ("按时" if last.on_time else "逾期反馈")
        other = line.issuer if direction == "incoming" else (line.to_office or t.to_unit)
        click.echo(f"{t.number or '—'}  {t.deadline.isoformat()}  {TaskStatus.label_of(t.status)}"
                   f"  {due.get(t.due, '')}  {AnswerState.LABELS[line.answer_state]} {timing}"
                   f"  {other}  {t.title}  [{t.uuid}]")  # fmt: skip
    click.echo(f"共 {len(lines)} 件")


@task_group.command("answer")
@click.argument("task_id")
@click.option("--on", "on", type=DATE, required=True, help="反馈日期。")
@click.option("--result", required=True, help="办理结果（书面反馈的内容）。")
@click.option("--attachment", "attachments", multiple=True, help="附件名称，可写多次。")
@click.option("--who", default=None, help="经办人（默认为登录用户名）。")
@click.pass_context
def task_answer(
    ctx: click.Context,
    task_id: str,
    on: datetime,
    result: str,
    attachments: tuple[str, ...],
    who: str | None,
) -> None:
    """反馈上级交给本单位的督办事项的办理情况；反馈是本单位自己的记录，事项本身只有交办单位能改。

    示例：wuye task answer 2026-0012 --on 2026-12-01 --result 已清理完毕 --attachment 照片.jpg
    """
    from app.services.tasks import answer_task

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        uuid = answer_task(s, resolve_id(s, TASKS, task_id), on.date(), result,
                           attachments=attachments, who=who)  # fmt: skip
        remember_output(ctx, uuid)
    click.echo(f"已反馈：{uuid}")


@task_group.command("review")
@click.argument("task_id")
@click.option("--accept/--return", "accept", required=True,
              help="--accept：采纳反馈（事项记为已办结、已反馈）；--return：退回。")  # fmt: skip
@click.option("--reason", default="", help="退回原因（--return 时必填）。")
@click.option("--on", "on", type=DATE, default=None, help="审核日期（默认今天）。")
@click.option("--who", default=None, help="审核人（默认为登录用户名）。")
@click.pass_context
def task_review(
    ctx: click.Context,
    task_id: str,
    accept: bool,
    reason: str,
    on: datetime | None,
    who: str | None,
) -> None:
    """交办单位审核下级对督办事项的反馈：采纳，或写明原因退回。

    示例：wuye task review 2026-0012 --return --reason 缺少整改后照片
    """
    from app.services.tasks import review_answer

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        review_answer(s, resolve_id(s, TASKS, task_id), accept=accept, on=today_or(on),
                      reason=reason, who=who)  # fmt: skip
    click.echo("已采纳反馈" if accept else "已退回反馈")


@task_group.command("summary")
@click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def task_summary(ctx: click.Context, today: datetime | None, as_json: bool) -> None:
    """按承办单位汇总督办事项：交办、按时办结、逾期办结、未办结、逾期未办、逾期反馈。

    示例：wuye task summary --today 2026-12-03 --json
    """
    from app.services.holidays import work_calendar
    from app.services.tasks import task_tally

    with opened(ctx, readonly=True) as db, db.reader() as s:
        cal = work_calendar(s)
        tallies = task_tally(s, today_or(today), cal)
    if as_json:
        echo_json([t.as_dict() for t in tallies])
        return
    for t in tallies:
        click.echo(f"{t.unit}：交办 {t.issued}  按时办结 {t.on_time}  逾期办结 {t.late}  "
                   f"未办结 {t.open}  逾期未办 {t.overdue}  "
                   f"逾期反馈 {t.feedback_late}")  # fmt: skip
    click.echo(f"共 {len(tallies)} 个单位")
    for warning in cal.warnings():
        click.echo(f"提示：{warning}", err=True)


@task_group.command("show")
@click.argument("task_id")
@click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def task_show(ctx: click.Context, task_id: str, today: datetime | None, as_json: bool) -> None:
    """查看督办事项：时限、反馈期限、状态和是否逾期。

    示例：wuye task show 2026-0012 --json
    """
    from app.codes import ReminderWay
    from app.services.holidays import work_calendar
    from app.services.tasks import get_task

    with opened(ctx, readonly=True) as db, db.reader() as s:
        view = get_task(s, resolve_id(s, TASKS, task_id), today=today_or(today),
                        cal=work_calendar(s))  # fmt: skip
    if as_json:
        echo_json(view.as_dict())
        return
    d = view.as_dict()
    click.echo(f"{view.number or '—'} {view.title}（{d['status_label']}）  "
               f"{view.from_unit or '—'} → {view.to_unit}")  # fmt: skip
    click.echo(f"交办 {d['issued']}  时限 {d['deadline']}  办结 {d['done_on'] or '—'}  "
               f"应反馈 {d['feedback_due'] or '—'}  反馈 {d['feedback_on'] or '—'}")  # fmt: skip
    for r in view.reminders:
        click.echo(f"  催办 {r.on.isoformat()} {ReminderWay.label_of(r.way)} {r.note}")
    for i in view.interviews:
        click.echo(f"  约谈 {i.on.isoformat()} {i.participants}：{i.outcome}")
    for warning in view.warnings:
        click.echo(f"提示：{warning}", err=True)


@click.group("holiday")
def holiday_group() -> None:
    """节假日和调休表：内置日历没有的年份（或需要更正时）在这里录入。

    示例：wuye holiday set 2027-02-08 --off --note 春节
    """


@holiday_group.command("set")
@click.argument("day", type=DATE)
@click.option("--off/--work", "off", required=True, help="--off：放假；--work：调休上班。")
@click.option("--note", default="", help="备注，例如 春节、国庆调休。")
@click.pass_context
def holiday_set(ctx: click.Context, day: datetime, off: bool, note: str) -> None:
    """把某一天录为放假或上班（调休）。

    示例：wuye holiday set 2027-02-20 --work --note 春节调休
    """
    from app.services.holidays import set_override

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        set_override(s, day.date(), is_workday=not off, note=note)
    click.echo(f"已录入：{day.date().isoformat()} {'放假' if off else '上班'}")


@holiday_group.command("clear")
@click.argument("day", type=DATE)
@click.pass_context
def holiday_clear(ctx: click.Context, day: datetime) -> None:
    """删除录入的一天（恢复按内置日历）。

    示例：wuye holiday clear 2027-02-20
    """
    from app.cli_support import Failure
    from app.services.holidays import clear_override

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        found = clear_override(s, day.date())
    if not found:
        raise Failure(f"没有录入过 {day.date().isoformat()}")
    click.echo(f"已删除：{day.date().isoformat()}")


@holiday_group.command("year")
@click.argument("year", type=click.IntRange(2000, 2100))
@click.option("--complete/--incomplete", "complete", required=True,
              help="--complete：这一年的放假和调休已全部录入；--incomplete：撤销。")  # fmt: skip
@click.pass_context
def holiday_year(ctx: click.Context, year: int, complete: bool) -> None:
    """标记某年的节假日表已录入完整：之后这一年未录入的日期按周一至周五计算，不再提示。
    只录入了某一天不算完整。

    示例：wuye holiday year 2027 --complete
    """
    from app.services.holidays import mark_year

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        mark_year(s, year, complete=complete)
    click.echo(f"已标记：{year}年节假日表{'已录入完整' if complete else '未录入完整'}")


@holiday_group.command("list")
@click.option("--year", type=int, default=None, help="只列这一年。")
@click.pass_context
def holiday_list(ctx: click.Context, year: int | None) -> None:
    """列出录入的日期。

    示例：wuye holiday list --year 2027
    """
    from app.services.holidays import list_overrides

    with opened(ctx, readonly=True) as db, db.reader() as s:
        rows = list_overrides(s, year)
    for day, working, note in rows:
        click.echo(f"{day.isoformat()}  {'上班' if working else '放假'}  {note}")
    click.echo(f"共 {len(rows)} 天")


@click.group("complaints")
def complaints_group() -> None:
    """投诉：按受理时间列出，标出响应和办结是否超过时限（complaint_sla_days），统计各企业、各小区的
    响应和办结用时（中位数、按时率）。

    示例：wuye complaints overdue --json
    """


def _now(today: datetime | None) -> datetime:
    """The end of --today (a past day is judged as it closed), else now."""
    return datetime.combine(today.date(), time(23, 59, 59)) if today else datetime.now()


@complaints_group.command("list")
@click.option("--estate", default=None, help="小区的 uuid。")
@click.option("--company", default=None, help="物业企业的 uuid。")
@click.option("--open", "open_only", is_flag=True, help="只列尚未办结的投诉。")
@list_options("投诉", "投诉内容")
@click.pass_context
def complaints_list(
    ctx: click.Context,
    estate: str | None,
    company: str | None,
    open_only: bool,
    overdue: bool,
    search: str,
    limit: int,
    today: datetime | None,
    as_json: bool,
) -> None:
    """列出投诉，最新受理的在前，附响应和办结时限及超时天数。

    示例：wuye complaints list --open --overdue --json
    """
    from app.services.complaint_times import complaint_lines

    with opened(ctx, readonly=True) as db, db.reader() as s:
        rows = complaint_lines(s, _now(today), estate=estate, company=company,
                               open_only=open_only, overdue=overdue, search=search,
                               limit=limit)  # fmt: skip
    if as_json:
        echo_json([r.as_dict() for r in rows])
        return
    for r in rows:
        state = r.lateness or ("已办结" if r.closed_at else "未超时")
        click.echo(f"{r.received_at:%Y-%m-%d %H:%M}  {r.category}  {r.estate or '—'}"
                   f"  {r.company or '—'}  {state}  {r.content}  [{r.uuid}]")  # fmt: skip
    click.echo(f"共 {len(rows)} 件")


@complaints_group.command("overdue")
@click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def complaints_overdue(ctx: click.Context, today: datetime | None, as_json: bool) -> None:
    """列出尚未办结而已超时的投诉，以及各企业、各小区的响应和办结用时（中位数、按时率）。

    示例：wuye complaints overdue --today 2026-11-25
    """
    from app.services.complaint_times import complaint_figures, complaint_lines

    now = _now(today)
    with opened(ctx, readonly=True) as db, db.reader() as s:
        late = complaint_lines(s, now, overdue=True, limit=10_000)
        figures = complaint_figures(s, now)
    if as_json:
        echo_json({"overdue": [r.as_dict() for r in late], **figures.as_dict()})
        return
    click.echo(f"时限：受理后{figures.response_days}天内响应，{figures.closing_days}天内办结"
               f"（resources/codes/complaint_sla.json）")  # fmt: skip
    click.echo(f"未办结且超时的投诉 {len(late)} 件：")
    for r in late:
        click.echo(f"  {r.received_at:%Y-%m-%d}  {r.estate or '—'}  {r.company or '—'}"
                   f"  {r.lateness}  {r.content}  [{r.uuid}]")  # fmt: skip

    def line(name: str, f) -> str:  # type: ignore[no-untyped-def]
        def show(value, unit: str) -> str:  # type: ignore[no-untyped-def]
            return "—" if value is None else f"{value}{unit}"

        return (f"  {name}：{f.complaints} 件，响应中位 {show(f.median_response_hours, '小时')}，"
                f"按时响应 {show(f.response_on_time_percent, '%')}，办结中位 "
                f"{show(f.median_closing_days, '天')}，按时办结 "
                f"{show(f.closing_on_time_percent, '%')}，超时 {f.overdue} 件")  # fmt: skip

    click.echo(line("全部", figures.total))
    click.echo("各物业企业：")
    for g in figures.by_company:
        click.echo(line(g.name, g.figures))
    click.echo("各小区：")
    for g in figures.by_estate:
        click.echo(line(g.name, g.figures))


def register(cli: click.Group) -> None:
    """Add this module's command groups to the main `wuye` group (called once, in app.cli)."""
    for group in (cases_group, task_group, holiday_group, complaints_group):
        cli.add_command(group)
