"""`wuye submit`, `wuye submissions`, `wuye review` and `wuye completeness`: period reports
(月报, 专项排查) up, reviews (接收, 审核, 退回) down in the 下发 package, and who has
reported — each a few lines over app/services/submissions.py and completeness.py, like the
总览 panel.

Exit 0 ok; 1 bad input (Chinese message on stderr, nothing changed); 2 usage."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from app.cli_support import (
    DATE,
    OUTPUT_FILE,
    Failure,
    OutputFile,
    describe,
    documents,
    echo_json,
    opened,
    today_or,
)
from app.errors import WuyeError

if TYPE_CHECKING:
    from app.services.completeness import LastPackage

MOMENT = click.DateTime(formats=["%Y-%m-%d %H:%M", "%Y-%m-%d"])
ACTIONS = {"accept": "接收", "approve": "审核", "return": "退回"}


def _at(value: datetime | None) -> datetime:
    return value or datetime.now().replace(microsecond=0)


PERIOD_HELP = (
    "报送期：月报、专项排查写 YYYY-MM，周报写 YYYY-Www（如 2026-W49），日报写 YYYY-MM-DD。"
)
KIND_HELP = "报表种类：月报、专项排查、周报（每周调度）或日报（每日调度）。"


@click.command("submit")
@click.option("--period", required=True, help=PERIOD_HELP)
@click.option("--kind", default="月报", show_default=True, help=KIND_HELP)
@click.option("--note", default=None, help="给上级的说明。")
@click.option("--done", "work_done", default=None, help="调度报告：本期已完成的工作。")
@click.option("--problems", "problems_found", default=None, help="调度报告：发现的问题。")
@click.option("--next", "next_steps", default=None, help="调度报告：下一步工作。")
@click.option("--draft", is_flag=True, help="只保存为草稿，不上报。")
@click.option("--at", "at", type=MOMENT, default=None, help="上报时间（默认现在）。")
@click.pass_context
def submit_cmd(
    ctx: click.Context,
    period: str,
    kind: str,
    note: str | None,
    work_done: str | None,
    problems_found: str | None,
    next_steps: str | None,
    draft: bool,
    at: datetime | None,
) -> None:
    """上报本社区某期的报表。

    数字按现有台账计算，随下一个数据包上报；上级已接收或已审核时不能再报。
    周报、日报（调度报告）另写已完成工作、发现的问题和下一步工作；日报只在上级开启的每日调度期间报。

    示例：wuye submit --period 2026-W49 --kind 周报 --done 排查小区12个 --next 督促整改
    """
    from app.services.submissions import ReportText, prepare, submit

    when = _at(at)
    words = (work_done, problems_found, next_steps)
    text = ReportText(*(w or "" for w in words)) if any(w is not None for w in words) else None
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        if draft:
            view = prepare(s, period, kind, today=when.date(), note=note, text=text)
        else:
            view = submit(s, period, kind, now=when, note=note, text=text)
    click.echo(
        f"{view.period} {view.kind_label}：{view.status_label}（第 {view.round} 次上报，"
        f"截止 {view.deadline.isoformat()}，{view.timeliness_label}） [{view.uuid}]"
    )


@click.command("submissions")
@click.option("--period", default=None, help="只列这一期（" + PERIOD_HELP + "）")
@click.option("--kind", default=None, help="只列这一种：月报、专项排查、周报或日报。")
@click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def submissions_cmd(
    ctx: click.Context,
    period: str | None,
    kind: str | None,
    today: datetime | None,
    as_json: bool,
) -> None:
    """列出本单位辖区的报表及其状态。

    社区只列自己的；显示本单位看到的状态、是否锁定、是否按时和最近一次审核。

    示例：wuye submissions --period 2026-11 --json
    """
    from app.services.submissions import list_submissions

    with opened(ctx, readonly=True) as db, db.reader() as s:
        views = list_submissions(s, today=today_or(today), period=period, kind=kind)
    if as_json:
        echo_json([v.as_dict() for v in views])
        return
    for v in views:
        lock = "（已锁定）" if v.locked else ""
        review = v.last_review
        said = f"  {review.action_label}：{review.reason}" if review and review.reason else ""
        submitted = v.submitted_at.isoformat(sep=" ", timespec="minutes") if v.submitted_at else "—"
        click.echo(
            f"{v.period}  {v.kind_label}  {v.origin_name}  {v.status_label}{lock}  "
            f"{v.timeliness_label}  上报于 {submitted}{said}  [{v.uuid}]"
        )
    click.echo(f"共 {len(views)} 份")


@click.command("review")
@click.argument("action", type=click.Choice(list(ACTIONS)), metavar="ACTION")
@click.argument("submission_uuid")
@click.option("--reason", default="", help="理由（退回时必填）。")
@click.option("--who", default=None, help="审核人（默认为登录用户名）。")
@click.option(
    "--receipt-out",
    type=OUTPUT_FILE,
    default=None,
    help="（为旧脚本保留）同时写出最近所收该社区数据包的回执：只确认收到，不含审核意见。",
)
@click.option("--at", "at", type=MOMENT, default=None, help="审核时间（默认现在）。")
@click.pass_context
def review_cmd(
    ctx: click.Context,
    action: str,
    submission_uuid: str,
    reason: str,
    who: str | None,
    receipt_out: Path | None,
    at: datetime | None,
) -> None:
    """接收、审核或退回直属社区的报表。

    ACTION 为 accept（接收，锁定）、approve（审核）或 return（退回，解锁，须写 --reason）。
    审核意见随下一个下发数据包（wuye package export --down 社区代码）送达社区；回执只确认收到。

    示例：wuye review return 0193…  --reason 户数与台账不符
    """
    from app.services.record_ids import SUBMISSIONS, resolve_id
    from app.services.submissions import review
    from app.services.sync_receipts import write_last_receipt

    with opened(ctx, must_exist=True) as db:
        with db.sessions.begin() as s:
            uuid = resolve_id(s, SUBMISSIONS, submission_uuid)
            view = review(s, uuid, action, now=_at(at), reason=reason, who=who)
        click.echo(f"{view.origin_name} {view.period} {view.kind_label}：{view.status_label}")
        click.echo(
            f"审核意见随下一个下发数据包送达{view.origin_name}："
            f"wuye package export --down {view.origin} -o 下发.wypkg"
        )
        if receipt_out is not None:  # a plain receipt: the scripts that pass it keep working
            try:
                with db.reader() as s:
                    write_last_receipt(s, db.path, view.origin, receipt_out, now=_at(None))
            except WuyeError as exc:
                raise Failure(f"审核已保存，但回执未写出：{describe(exc)}") from exc
            click.echo(f"回执：{receipt_out}（只确认收到数据包，不含审核意见）")


@click.command("completeness")
@click.option("--period", required=True, help=PERIOD_HELP)
@click.option("--kind", default="月报", show_default=True, help=KIND_HELP)
@click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.option(
    "--xlsx",
    "xlsx",
    type=OutputFile(".xlsx"),
    default=None,
    help="另存为 Excel 报送情况表（每个社区一行，调度报告含其文字）。"
    "示例：--xlsx 周报报送情况.xlsx",
)
@click.pass_context
def completeness_cmd(
    ctx: click.Context,
    period: str,
    kind: str,
    today: datetime | None,
    as_json: bool,
    xlsx: Path | None,
) -> None:
    """下级本期的上报情况。

    每个直属下级应报、已收、按时、逾期、未报及其最近的数据包；然后列出每个社区。

    示例：wuye completeness --period 2026-W49 --kind 周报 --json
    """
    from app.codes import OrgLevel
    from app.rules.submissions import Timeliness
    from app.services.completeness import completeness

    with opened(ctx, readonly=True) as db, db.reader() as s:
        report = completeness(s, period, kind, today=today_or(today))
    if xlsx is not None:
        path = documents("xlsx.completeness").write_completeness(report, xlsx)
        click.echo(f"报送情况表已保存：{path}")
        return
    if as_json:
        echo_json(report.as_dict())
        return
    click.echo(
        f"{report.office_name} {report.period} 报表上报情况（截止 {report.deadline.isoformat()}）："
        f"应报 {report.expected}，已报 {report.received}"
    )
    street = report.level == OrgLevel.STREET  # its communities are the offices below
    if not street:
        for u in report.units:
            click.echo(
                f"  {u.name}：应报 {u.expected}  已报 {u.received}  按时 {u.on_time}  "
                f"逾期 {u.late}  未报 {u.missing}  已接收 {u.locked}  "
                f"{_package_text(u.last_package)}"
            )
    for c in report.communities:
        s = c.submission
        status = (s.status_label + ("（已锁定）" if s.locked else "")) if s else "未上报"
        when = f"  上报于 {s.submitted_at:%Y-%m-%d %H:%M}" if s and s.submitted_at else ""
        package = f"  {_package_text(c.last_package)}" if street else ""
        click.echo(
            f"    {c.name}（{c.code}）{status}  {Timeliness.LABELS[c.timeliness]}{when}{package}"
        )
    for warning in report.warnings:
        click.echo(f"注意：{warning}")


def _package_text(last: LastPackage | None) -> str:
    if last is None:
        return "未收到数据包"
    # Packages are logged in UTC; people read their own clock.
    local = last.received_at.replace(tzinfo=UTC).astimezone()
    return f"最近数据包 {local:%Y-%m-%d %H:%M} {last.kind_label}" + ("（缺包）" if last.gap else "")


@click.group("campaign")
def campaign_group() -> None:
    """调度安排（附件3 一）：上级开启每日调度（期间每天报日报）或设定每周调度的周报报送日。

    示例：wuye campaign start --kind 日报 --from 2026-12-01 --to 2026-12-15 --title 冬季安全排查
    """


@campaign_group.command("start")
@click.option("--kind", required=True, help="日报（每日调度）或周报（每周调度）。")
@click.option("--from", "starts_on", type=DATE, required=True, help="开始日期。")
@click.option("--to", "ends_on", type=DATE, default=None, help="结束日期（日报必填）。")
@click.option("--title", default="", help="调度事项名称。")
@click.option("--due-weekday", type=click.IntRange(1, 7), default=None,
              help="周报报送日：1 为周一，5 为周五（默认按 report_due.json）。")  # fmt: skip
@click.pass_context
def campaign_start(
    ctx: click.Context,
    kind: str,
    starts_on: datetime,
    ends_on: datetime | None,
    title: str,
    due_weekday: int | None,
) -> None:
    """开启一项调度，下级按它报日报或周报；只输出它的编号。

    示例：wuye campaign start --kind 周报 --from 2026-12-01 --due-weekday 4
    """
    from app.services.campaigns import start_campaign
    from app.services.submissions import kind_code

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        view = start_campaign(s, kind_code(kind), starts_on.date(),
                              ends_on.date() if ends_on else None, title=title,
                              due_weekday=due_weekday)  # fmt: skip
    click.echo(view.uuid)


@campaign_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def campaign_list(ctx: click.Context, as_json: bool) -> None:
    """列出本单位开启的和上级开启的调度，最近开始的在前。

    示例：wuye campaign list --json
    """
    from app.services.campaigns import campaigns

    with opened(ctx, readonly=True) as db, db.reader() as s:
        views = campaigns(s)
    if as_json:
        echo_json([v.as_dict() for v in views])
        return
    for v in views:
        end = v.ends_on.isoformat() if v.ends_on else "—"
        weekday = f"  每周{v.due_weekday}报送" if v.due_weekday else ""
        click.echo(f"{v.as_dict()['kind_label']}  {v.starts_on.isoformat()} 至 {end}{weekday}"
                   f"  {v.title}  {v.office}  [{v.uuid}]")  # fmt: skip
    click.echo(f"共 {len(views)} 项")


def register(cli: click.Group) -> None:
    """Add this module's commands to the main `wuye` group (called once, in app.cli)."""
    for command in (submit_cmd, submissions_cmd, review_cmd, completeness_cmd, campaign_group):
        cli.add_command(command)
