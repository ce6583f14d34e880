"""`wuye vote`: owners' decisions (issue 15) for scripts and tests, each command a few lines
over app/services/voting.py, like the window's page. The names, flags and tally JSON keys
are the issue's own: scripts rely on them.

Exit 0 ok; 1 bad input (one Chinese line on stderr, nothing changed); 2 usage."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from app.cli_support import (
    DATE,
    InputFile,
    OutputFile,
    documents,
    opened,
    remember_output,
    today_or,
)

CHOICES = ["同意", "反对", "弃权", "无效"]


@click.group("vote")
def vote_group() -> None:
    """业主表决（业主共同决定）：表决事项、选票录入、按面积和人数双重计票、公告打印。

    示例：wuye vote tally 0190b3c2 --json
    """


@vote_group.command("new")
@click.option("--estate", required=True, help="小区名称。示例：--estate 相山花园")
@click.option("--title", required=True, help="表决事项名称。示例：--title 续聘物业服务企业")
@click.option(
    "--kind",
    type=click.Choice(["ordinary", "major", "consent"]),
    default="ordinary",
    show_default=True,
    help="ordinary 一般事项（过半数），major 重大事项（四分之三以上，民法典第二百七十八条"
    "第六至八项），consent 住宅改经营性用房（第二百七十九条，利害关系业主一致同意）。"
    "示例：--kind major",
)
@click.option(
    "--category",
    type=click.IntRange(1, 9),
    default=None,
    help="民法典第二百七十八条第几项（1–9），给出时按该项决定一般或重大。示例：--category 4",
)
@click.option(
    "--building",
    "buildings",
    multiple=True,
    help="表决范围内的楼栋，可重复；不填为全小区。示例：--building 1号楼",
)
@click.option(
    "--item",
    "items",
    multiple=True,
    help="议题，可重复，从1编号；不填时以事项名称为唯一议题。示例：--item 续聘恒信物业",
)
@click.option("--opens", type=DATE, default=None, help="表决开始日期。示例：--opens 2026-12-20")
@click.option("--closes", type=DATE, default=None, help="表决截止日期。示例：--closes 2027-01-20")
@click.option(
    "--count-parking", is_flag=True, help="车位计入专有部分（默认不计）。示例：--count-parking"
)
@click.option(
    "--objection-days",
    type=int,
    default=7,
    show_default=True,
    help="初步结果公示后的异议期天数。示例：--objection-days 7",
)
@click.pass_context
def vote_new(
    ctx: click.Context,
    estate: str,
    title: str,
    kind: str,
    category: int | None,
    buildings: tuple[str, ...],
    items: tuple[str, ...],
    opens: datetime | None,
    closes: datetime | None,
    count_parking: bool,
    objection_days: int,
) -> None:
    """新建表决事项（草稿），只输出它的编号。

    示例：wuye vote new --estate 相山花园 --title 加装电梯 --kind major --building 3号楼
    """
    from app.rules.voting import Rule
    from app.services.voting import ItemIn, MatterIn, create_matter, scope_buildings
    from app.services.voting_register import estate_by_name

    rule = Rule(kind)
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        found = estate_by_name(s, estate)
        uuids = scope_buildings(s, found.uuid, buildings)
        data = MatterIn(
            found.uuid, title, [ItemIn(t, category or 0, rule) for t in (items or (title,))],
            building_uuids=uuids, count_parking=count_parking,
            opens_on=opens.date() if opens else None, closes_on=closes.date() if closes else None,
            objection_days=objection_days, kind="art279" if rule == Rule.CONSENT else "art278",
        )  # fmt: skip
        uuid = create_matter(s, data)
        remember_output(ctx, uuid)
    click.echo(uuid)


@vote_group.command("ballot")
@click.argument("matter")
@click.option("--building", required=True, help="楼栋名称。示例：--building 1号楼")
@click.option("--room", required=True, help="房号。示例：--room 101")
@click.option(
    "--choice", required=True, type=click.Choice(CHOICES), help="表决意见。示例：--choice 同意"
)
@click.option(
    "--item", type=int, default=None, help="只填第几个议题（不填为全部议题）。示例：--item 2"
)
@click.option("--number", default="", help="选票编号。示例：--number 0001")
@click.option("--voter", default="", help="投票人姓名。示例：--voter 张三")
@click.option(
    "--voter-kind",
    type=click.Choice(["owner", "co_owner", "proxy"]),
    default="owner",
    show_default=True,
    help="投票人身份：业主、共有人或受托人。示例：--voter-kind proxy",
)
@click.option(
    "--proxy-ref", default="", help="委托书编号（受托人投票时必填）。示例：--proxy-ref 委托2026-01"
)
@click.option("--reason", default="", help="无效票的原因。示例：--reason 未签名")
@click.option(
    "--correct", is_flag=True, help="更正该房屋已录入的选票（留审计记录）。示例：--correct"
)
@click.pass_context
def vote_ballot(
    ctx: click.Context,
    matter: str,
    building: str,
    room: str,
    choice: str,
    item: int | None,
    number: str,
    voter: str,
    voter_kind: str,
    proxy_ref: str,
    reason: str,
    correct: bool,
) -> None:
    """录入一张选票。房屋不在名册或不在表决范围、重复投票、事项已结束时报错，不写入。

    示例：wuye vote ballot 0190b3c2 --building 1号楼 --room 101 --choice 同意 --number 0001
    """
    from app.errors import InputError, Problem
    from app.rules.voting_tally import Choice, choice_from_text
    from app.services.voting import BallotIn, get_matter, record_ballot

    picked = choice_from_text(choice)
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        found = get_matter(s, matter)
        count = len(found.items)
        if item is not None and not 1 <= item <= count:
            raise InputError(Problem("item", f"本事项只有{count}个议题，没有第{item}个"))
        choices = [picked if item in (None, i) else None for i in range(1, count + 1)]
        if picked == Choice.VOID and not reason.strip():
            reason = "选票无效（录入时未注明原因）"
        record_ballot(s, BallotIn(
            found.uuid, building, room, choices, number=number, voter_kind=voter_kind,
            voter_name=voter, proxy_ref=proxy_ref, void_reason=reason, correction=correct,
        ))  # fmt: skip
    click.echo(f"已录入：{building}-{room} {choice}")


@vote_group.command("tally")
@click.argument("matter")
@click.option("--item", type=int, default=None, help="第几个议题（JSON 默认第1个）。示例：--item 2")
@click.option(
    "--json", "as_json", is_flag=True, help="输出 JSON（面积为两位小数的字符串）。示例：--json"
)
@click.pass_context
def vote_tally(ctx: click.Context, matter: str, item: int | None, as_json: bool) -> None:
    """计票：总数、参与、同意、反对、弃权、无效，均按人数和专有部分面积；是否达到参与
    表决的三分之二，议题是否通过，还差多少。

    示例：wuye vote tally 0190b3c2 --item 1 --json
    """
    from app.errors import InputError, Problem
    from app.rules.voting import RULE_LABELS, missing_text
    from app.rules.voting_tally import rules_notes
    from app.services.voting import tally

    with opened(ctx, readonly=True) as db, db.reader() as s:
        counted = tally(s, matter)
    count = len(counted.items)
    if item is not None and not 1 <= item <= count:
        raise InputError(Problem("item", f"本事项只有{count}个议题，没有第{item}个"))
    if as_json:
        shown = counted.items[(item or 1) - 1].as_json()
        shown["rules_notes"] = rules_notes(count_parking=counted.count_parking)
        click.echo(json.dumps(shown, ensure_ascii=False))
        return
    base = "已冻结" if counted.frozen else "未冻结（公告时冻结）"
    parking = "计入车位" if counted.count_parking else "不计车位"
    click.echo(f"表决基数：{counted.base.text()}（{base}，{parking}）")
    for number, (t, title) in enumerate(zip(counted.items, counted.titles, strict=True), 1):
        if item is not None and number != item:
            continue
        click.echo(f"议题{number}：{title}  规则：{RULE_LABELS[t.rule]}")
        for label, c in (("参与", t.participating), ("同意", t.yes), ("反对", t.no),
                         ("弃权", t.abstain), ("无效", t.void)):  # fmt: skip
            click.echo(f"  {label}：{c.text()}")
        quorum = "已达到" if t.quorum else f"未达到，{missing_text(t.quorum_missing)}"
        outcome = "通过" if t.passed else "未通过"
        more = missing_text(t.pass_missing)
        click.echo(
            f"  参与表决：{quorum}；结果：{outcome}"
            + (f"（同意{more}）" if more and not t.passed else "")
        )


@vote_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。示例：--json")
@click.pass_context
def vote_list(ctx: click.Context, as_json: bool) -> None:
    """列出表决事项及其状态、选票数。

    示例：wuye vote list --json
    """
    from app.codes import VoteStatus
    from app.services.voting import list_matters

    with opened(ctx, readonly=True) as db, db.reader() as s:
        rows = list_matters(s)
    if as_json:
        click.echo(json.dumps([
            {"id": r.uuid, "estate": r.estate, "title": r.title, "status": r.status,
             "items": r.items, "ballots": r.ballots,
             "opens": r.opens_on.isoformat() if r.opens_on else None,
             "closes": r.closes_on.isoformat() if r.closes_on else None}
            for r in rows
        ], ensure_ascii=False, indent=2))  # fmt: skip
        return
    for r in rows:
        click.echo(
            f"{r.uuid}  {r.estate}  {r.title}  {VoteStatus.label_of(r.status)}  选票 {r.ballots}"
        )


@vote_group.command("move")
@click.argument("matter")
@click.argument("status")
@click.option(
    "--reason", default="", help="退回（撤回公告、重新计票）时的原因。示例：--reason 公告有误"
)
@click.option(
    "--today", type=DATE, default=None, help="办理日期（默认今天）。示例：--today 2026-12-01"
)
@click.pass_context
def vote_move(
    ctx: click.Context, matter: str, status: str, reason: str, today: datetime | None
) -> None:
    """推进表决事项：草稿→已公告（冻结基数，检查提前15日）→表决中→初步结果公示→异议期→
    结果公告（记录撤销权期限）→归档。

    示例：wuye vote move 0190b3c2 已公告 --today 2026-12-01
    """
    from app.codes import VoteStatus
    from app.services.voting import move_matter

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        move_matter(s, matter, status, today=today_or(today), reason=reason)
    click.echo(f"已改为：{VoteStatus.label_of(status)}")


def register(cli: click.Group) -> None:
    """Add `wuye vote` to the main group (called once, in app.cli)."""
    cli.add_command(vote_group)


@vote_group.command("print")
@click.argument(
    "document", type=click.Choice(["notice", "ballots", "result", "proxy"]), metavar="DOCUMENT"
)
@click.argument("matter")
@click.option(
    "-o",
    "--out",
    "out",
    type=OutputFile(".pdf"),
    required=True,
    help="输出的 PDF 文件。示例：-o 表决公告.pdf",
)
@click.option(
    "--building", default=None, help="表决票只打印这一栋（每栋一份 PDF）。示例：--building 1号楼"
)
@click.option(
    "--today", type=DATE, default=None, help="公告日期（默认今天）。示例：--today 2026-12-01"
)
@click.pass_context
def vote_print(
    ctx: click.Context,
    document: str,
    matter: str,
    out: Path,
    building: str | None,
    today: datetime | None,
) -> None:
    """打印表决文书：notice 表决公告（含基数和表决规则）、ballots 表决票（每户一页，带事项和
    房屋的二维码）、result 结果公告（按人数和面积两个维度、基数、适用规则）、proxy 授权委托书
    （每户一页）。个人信息已隐去。

    示例：wuye vote print ballots 0190b3c2 --building 1号楼 -o 1号楼表决票.pdf
    """
    from app.services import voting_documents as texts

    pdf = documents("pdf.vote")
    day = today_or(today)
    with opened(ctx, readonly=True) as db, db.reader() as s:
        if document == "notice":
            pdf.build_vote_notice(texts.notice_text(s, matter, today=day), out, date=day)
        elif document == "result":
            pdf.build_vote_notice(texts.result_text(s, matter, today=day), out, date=day)
        elif document == "proxy":
            pdf.build_proxy_forms(texts.ballot_sheets(s, matter, building), out)
        else:
            pdf.build_ballots(texts.ballot_sheets(s, matter, building), out)
    click.echo(f"已生成：{out}")


@vote_group.command("import")
@click.argument("matter")
@click.argument("file", type=InputFile())
@click.pass_context
def vote_import(ctx: click.Context, matter: str, file: Path) -> None:
    """导入线上表决平台导出的结果（Excel，每户一行：楼栋、房号、表决意见或议题1…N、投票编号），
    与纸质选票合并计票；已投过票的房屋、名册中没有的房屋整表拒收，不写入任何数据。

    示例：wuye vote import 0190b3c2 线上表决结果.xlsx
    """
    from app.services.voting import import_online

    rows = documents("xlsx.vote_online").read_online_ballots(file)
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        done = import_online(s, matter, rows)
    click.echo(f"已导入线上选票 {done} 张")


@vote_group.command("compare")
@click.argument("matter")
@click.argument("file", type=InputFile())
@click.pass_context
def vote_compare(ctx: click.Context, matter: str, file: Path) -> None:
    """双人录入复核：把第二人重新录入的一批选票（Excel，楼栋、房号、表决意见或议题1…N）与已录入的
    比对，逐条列出不一致之处；不写入任何数据。有不一致时退出码为1。

    示例：wuye vote compare 0190b3c2 复核录入.xlsx
    """
    from app.services.voting import entry_differences

    rows = documents("xlsx.vote_online").read_online_ballots(file)
    with opened(ctx, readonly=True) as db, db.reader() as s:
        lines = entry_differences(s, matter, rows)
    for line in lines:
        click.echo(line)
    if lines:
        from app.cli_support import Failure

        raise Failure(f"复核发现 {len(lines)} 处不一致，请核对纸质选票后更正")
    click.echo(f"复核一致：{len(rows)} 张选票")


@vote_group.command("canvass")
@click.argument("matter")
@click.option("--building", required=True, help="楼栋名称。示例：--building 1号楼")
@click.option("--room", required=True, help="房号。示例：--room 101")
@click.option(
    "--status",
    required=True,
    type=click.Choice(["未联系", "已送达", "拒收", "已投票"]),
    help="扫楼状态。示例：--status 已送达",
)
@click.pass_context
def vote_canvass(ctx: click.Context, matter: str, building: str, room: str, status: str) -> None:
    """记录扫楼情况（未联系、已送达、拒收、已投票）。

    示例：wuye vote canvass 0190b3c2 --building 1号楼 --room 101 --status 已送达
    """
    from app.services.voting import set_canvass

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        set_canvass(s, matter, building, room, status)
    click.echo(f"已记录：{building}-{room} {status}")


@vote_group.command("vet")
@click.argument("matter")
@click.option("--candidate", required=True, help="议题所列候选人姓名。示例：--candidate 张三")
@click.option(
    "--check",
    "checks",
    multiple=True,
    help="通过的审查项代码，可重复：owner、capacity（推荐关），law_abiding、integrity、"
    "ability、time（审核关）。示例：--check owner",
)
@click.option("--all", "all_checks", is_flag=True, help="六项审查全部通过。示例：--all")
@click.option(
    "--fail", "failed", multiple=True, help="未通过的审查项代码，可重复。示例：--fail integrity"
)
@click.option("--by", "checked_by", required=True, help="审查人（单位）。示例：--by 桓谭社区党委")
@click.option(
    "--on", "checked_on", type=DATE, default=None,
    help="审查日期（默认今天）。示例：--on 2026-12-01",
)  # fmt: skip
@click.option("--note", default="", help="审查意见。示例：--note 经走访核实")
@click.pass_context
def vote_vet(
    ctx: click.Context,
    matter: str,
    candidate: str,
    checks: tuple[str, ...],
    all_checks: bool,
    failed: tuple[str, ...],
    checked_by: str,
    checked_on: datetime | None,
    note: str,
) -> None:
    """记录选举事项候选人的资格审查（推荐关、审核关），须在公告前完成；候选人未全部通过
    审查的选举事项不能发布表决公告，当选后按这些审查结果任职。

    示例：wuye vote vet 0190b3c2 --candidate 张三 --all --by 桓谭社区党委 --on 2026-12-01
    """
    from app.errors import InputError, Problem
    from app.rules.vetting import CHECK_CODES, CHECKS, CheckIn
    from app.services.voting import get_matter
    from app.services.voting_election import record_candidate_checks

    day = today_or(checked_on)
    passed = [c.code for c in CHECKS] if all_checks else list(checks)
    unknown = [c for c in (*passed, *failed) if c not in CHECK_CODES]
    if unknown:
        codes = "、".join(c.code for c in CHECKS)
        raise InputError(Problem("check", f"未知的审查项“{unknown[0]}”，应为：{codes}"))
    if not passed and not failed:
        raise InputError(Problem("check", "请用 --check、--all 或 --fail 给出审查项"))
    found = [CheckIn(c, c not in failed, checked_by, day, note)
             for c in dict.fromkeys([*passed, *failed])]  # fmt: skip
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        record_candidate_checks(s, get_matter(s, matter), candidate, found, today=day)
    click.echo(f"已记录：候选人{candidate.strip()} 资格审查 {len(found)} 项")
