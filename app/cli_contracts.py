"""`wuye contracts due`: service contracts to act on (民法典 arts 947–948, DOMAIN.md §3).

Exit 0 ok; 1 bad input (Chinese message on stderr, nothing changed); 2 usage."""

from __future__ import annotations

import json
from datetime import datetime

import click

from app.cli_support import DATE, opened, today_or


@click.group("contracts")
def contracts_group() -> None:
    """物业服务合同：列出90天内到期、或期满未续签而按不定期合同继续履行的合同。

    示例：wuye contracts due --json
    """


@contracts_group.command("due")
@click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 而不是文字。")
@click.pass_context
def contracts_due(ctx: click.Context, today: datetime | None, as_json: bool) -> None:
    """列出结束日期在 --today 后90天内的合同（企业不续聘须提前90日通知），以及已期满、没有
    新合同而按不定期合同继续履行的合同，最早到期的在前。

    示例：wuye contracts due --today 2026-11-25
    """
    from app.services.companies import contract_alerts

    day = today_or(today)
    with opened(ctx, readonly=True) as db, db.reader() as s:
        alerts = contract_alerts(s, day)
    if as_json:
        click.echo(json.dumps([{
            "id": a.uuid, "estate_id": a.estate_uuid, "estate": a.estate_name,
            "company": a.company_name,
            "start_date": a.start_date.isoformat() if a.start_date else None,
            "end_date": a.end_date.isoformat(), "state": str(a.state.term),
            "days_left": a.state.days_left, "label": a.state.label,
        } for a in alerts], ensure_ascii=False, indent=2))  # fmt: skip
        return
    for a in alerts:
        click.echo(f"{a.end_date.isoformat()}  {a.estate_name}  {a.company_name}  {a.state.label}")
    click.echo(f"共 {len(alerts)} 份合同需要业主作出续聘或另聘的决定")


def register(cli: click.Group) -> None:
    cli.add_command(contracts_group)
