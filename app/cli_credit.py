"""`wuye credit add|list|show`: a property company's credit from dated evidence (DOMAIN.md §9).

Exit 0 ok; 1 bad input (Chinese message on stderr, nothing changed); 2 usage."""

from __future__ import annotations

from datetime import datetime

import click

from app.cli_support import DATE, day_of, echo_json, opened, today_or


@click.group("credit")
def credit_group() -> None:
    """物业企业信用：按有依据、有期限的信用记录计算信用分和等级，列出守信、失信企业。

    示例：wuye credit show 恒信物业 --json
    """


@credit_group.command("add")
@click.argument("company")
@click.option(
    "--kind",
    required=True,
    help="类别：表彰、示范项目、满意度高分、负面查处、通报、约谈、逾期整改、超时投诉、第三方评价。",
)
@click.option("--evidence", required=True, help="依据：文号、查处或评价情况。")
@click.option("--points", type=int, default=None,
              help="分值（默认按类别；第三方评价须给出，加分为正、扣分为负）。")  # fmt: skip
@click.option("--date", "on", type=DATE, default=None, help="记录日期（默认今天）。")
@click.option("--until", type=DATE, default=None, help="有效期最后一天（默认一年，至周年前一日）。")
@click.pass_context
def credit_add(
    ctx: click.Context, company: str, kind: str, evidence: str, points: int | None,
    on: datetime | None, until: datetime | None,
) -> None:  # fmt: skip
    """给物业企业记一条信用记录。COMPANY：企业名称或统一社会信用代码。
    逾期整改、超时投诉、督办约谈和点名企业的通报（批评计通报、表扬计表彰）已由问题、投诉、
    督办和通报记录自动计入，不必重复录入。

    示例：wuye credit add 恒信物业 --kind 通报 --evidence 淮物管〔2026〕5号 --date 2026-11-20
    """
    from app.services.credit import CreditItemIn, add_credit_item, credit_sheet

    day = today_or(on)
    data = CreditItemIn(company, day, kind, evidence, points, day_of(until))
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        add_credit_item(s, data)
        sheet = credit_sheet(s, company, today_or(None))
    click.echo(f"已记入：{sheet.name}，现信用分 {sheet.standing.score}，等级 {sheet.standing.band}")


@credit_group.command("list")
@click.option(
    "--band", default=None, help="只列出：守信、失信，或一个等级（AAA、AA、A、B、C、黑名单）。"
)
@click.option("--today", type=DATE, default=None, help="计算日期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def credit_list(
    ctx: click.Context, band: str | None, today: datetime | None, as_json: bool
) -> None:
    """列出各物业企业的信用分和等级，分高的在前；--band 守信 / 失信 给出守信、失信名单。

    示例：wuye credit list --band 失信
    """
    from app.services.credit import credit_lines

    with opened(ctx, readonly=True) as db, db.reader() as s:
        lines = credit_lines(s, today_or(today), band)
    if as_json:
        echo_json([line.as_dict() for line in lines])
        return
    for line in lines:
        click.echo(f"{line.band:<4} {line.score:>4}  {line.name}  {line.credit_code}")
    click.echo(f"共 {len(lines)} 家企业")


@credit_group.command("show")
@click.argument("company")
@click.option("--today", type=DATE, default=None, help="计算日期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def credit_show(ctx: click.Context, company: str, today: datetime | None, as_json: bool) -> None:
    """显示一家物业企业的信用分、等级和每条信用记录（含已过期的）。COMPANY：名称或信用代码。

    示例：wuye credit show 恒信物业
    """
    from app.services.credit import credit_sheet

    with opened(ctx, readonly=True) as db, db.reader() as s:
        sheet = credit_sheet(s, company, today_or(today))
    data = sheet.as_dict()
    if as_json:
        echo_json(data)
        return
    st = sheet.standing
    click.echo(f"{sheet.name}（{sheet.credit_code}）  信用分 {st.score}  等级 {st.band}  "
               f"加分 {st.good}  扣分 {st.bad}")  # fmt: skip
    for item in data["items"]:  # type: ignore[union-attr]
        state = "" if item["counted"] else "（已过期）"
        source = "自动" if item["derived"] else "录入"
        click.echo(f"{item['date']}  {item['kind']}  {item['points']:+d}  至{item['last_day']}"
                   f"{state}  [{source}] {item['evidence']}")  # fmt: skip


def register(cli: click.Group) -> None:
    cli.add_command(credit_group)
