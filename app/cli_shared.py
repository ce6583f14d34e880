"""Shared data an office maintains for the offices below it, travelling down with every 下发
package: `wuye codes list|show|set|reset` (the data code tables, app/code_tables.py) and
`wuye template publish|unpublish|list` (the notice templates it publishes).

Exit 0 ok; 1 bad input (Chinese message on stderr, nothing changed); 2 usage."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from app.cli_support import Failure, describe, documents, opened
from app.errors import WuyeError


@click.group("codes")
def codes_group() -> None:
    """代码表：报表报送期限、投诉办理时限、企业信用评价规则、行政区划代码。上级单位修改后随下发的
    数据包送达下级单位，下级单位按上级的执行，不能自行修改。

    示例：wuye codes list
    """


@codes_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@click.pass_context
def codes_list(ctx: click.Context, as_json: bool) -> None:
    """列出各代码表现行的版本和来源（程序自带、本单位修改、上级下发）。

    示例：wuye codes list --json
    """
    from app.services.code_tables import list_tables

    with opened(ctx, readonly=True) as db, db.reader() as s:
        states = list_tables(s)
    if as_json:
        rows = [
            {"name": t.name, "label": t.label, "version": t.version, "source": t.source,
             "maintained_by": t.maintained_by,
             "changed_at": t.changed_at.isoformat(timespec="seconds") if t.changed_at else None}
            for t in states
        ]  # fmt: skip
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for t in states:
        by = f"  {t.maintained_by}" if t.maintained_by else ""
        click.echo(f"{t.name}  {t.label}  {t.version}  {t.source}{by}")


@codes_group.command("show")
@click.argument("name")
@click.pass_context
def codes_show(ctx: click.Context, name: str) -> None:
    """输出一个代码表现行的内容（JSON），可另存后修改，再用 wuye codes set 录入。

    示例：wuye codes show report_due > report_due.json
    """
    from app import code_tables

    if name not in code_tables.LABELS:
        known = "、".join(code_tables.SHARED)
        raise Failure(f"“{name}”不是可由本单位维护的代码表（可用：{known}）")
    with opened(ctx, readonly=True):
        table = code_tables.content(name)
    click.echo(json.dumps(table, ensure_ascii=False, indent=2))


@codes_group.command("set")
@click.argument("name")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def codes_set(ctx: click.Context, name: str, file: Path) -> None:
    """用 JSON 文件中的内容作为本单位的代码表 NAME，随之后下发的数据包送达下级单位。上级下发的
    代码表不能修改。

    示例：wuye codes set complaint_sla 投诉时限.json
    """
    from app.services.code_tables import activate, read_table_file, set_table

    table = read_table_file(name, file)
    with opened(ctx, must_exist=True) as db:
        with db.sessions.begin() as s:
            changed = set_table(s, name, table, now=datetime.now())
        with db.reader() as s:
            activate(s, db)
    click.echo(f"已更新代码表：{name}" if changed else f"代码表 {name} 没有变化")


@codes_group.command("reset")
@click.argument("name")
@click.pass_context
def codes_reset(ctx: click.Context, name: str) -> None:
    """撤销本单位对代码表 NAME 的修改，恢复为程序自带的内容。

    示例：wuye codes reset complaint_sla
    """
    from app.services.code_tables import activate, reset_table

    with opened(ctx, must_exist=True) as db:
        with db.sessions.begin() as s:
            found = reset_table(s, name)
        with db.reader() as s:
            activate(s, db)
    if not found:
        raise Failure(f"本单位没有修改过代码表 {name}")
    click.echo(f"已恢复为程序自带的代码表：{name}")


def published_templates(ctx: click.Context) -> dict[str, Any]:
    """The templates received from above, for the commands that list or print templates; none
    when there is no database yet (templates are usable without one)."""
    target = ctx.find_root().obj["db"]
    if isinstance(target, Path) and not target.is_file():
        return {}
    from app.services.published_templates import received

    try:
        with opened(ctx, readonly=True) as db, db.reader() as s:
            return received(s)
    except WuyeError as exc:  # an older file not yet upgraded: the templates still work
        click.echo(f"提示：{describe(exc)}（未列出上级下发的模板）", err=True)
        return {}


@click.group("template")
def template_group() -> None:
    """下发通知模板：上级单位把本单位自己的模板下发给下级单位，随下发的数据包送达，下级单位只能使用，
    不能修改（可另存一份自己的）。

    示例：wuye template publish 停水停电通知
    """


@template_group.command("publish")
@click.argument("name")
@click.pass_context
def template_publish(ctx: click.Context, name: str) -> None:
    """下发本单位自己的模板 NAME（用户模板文件夹中的）：之后导出的下发数据包都带上它。修改模板后
    再次下发即更新。

    示例：wuye template publish 停水停电通知
    """
    from app.services.published_templates import publish

    templates = documents("pdf.templates")
    user_dir = templates.default_user_dir()
    own = {t.name for t in templates.list_templates(user_dir) if t.user}
    if name not in own:
        raise Failure(
            f"本单位没有名为“{name}”的自有模板：只能下发用户模板文件夹 {user_dir} 中的模板"
        )
    try:
        text = templates.template_text(name, user_dir)
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        publish(s, name, text, now=datetime.now())
    click.echo(f"已下发模板：{name}（随之后导出的下发数据包送达下级单位）")


@template_group.command("unpublish")
@click.argument("name")
@click.pass_context
def template_unpublish(ctx: click.Context, name: str) -> None:
    """撤回本单位下发的模板 NAME：下级单位导入下一个下发数据包后不再列出它。

    示例：wuye template unpublish 停水停电通知
    """
    from app.services.published_templates import unpublish

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        unpublish(s, name)
    click.echo(f"已撤回下发的模板：{name}")


@template_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@click.pass_context
def template_list(ctx: click.Context, as_json: bool) -> None:
    """列出本单位下发的模板和上级单位下发给本单位的模板，及下发单位和时间。

    示例：wuye template list --json
    """
    from app.services.offices import office_label
    from app.services.published_templates import all_published

    with opened(ctx, readonly=True) as db, db.reader() as s:
        rows = [
            {"name": t.name, "source": "本单位下发" if t.received_from is None else "上级下发",
             "published_by": office_label(s, t.published_by),
             "published_at": t.published_at.isoformat(timespec="seconds")}
            for t in all_published(s)
        ]  # fmt: skip
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r['name']}  {r['source']}  {r['published_by']}  {r['published_at']}")
    click.echo(f"共 {len(rows)} 个")


def register(cli: click.Group) -> None:
    cli.add_command(codes_group)
    cli.add_command(template_group)
