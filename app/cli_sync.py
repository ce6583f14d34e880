"""`wuye package status|conflicts|resolve|pending|pending-drop`: where the packages stand, and
the conflicts and waiting rows a person settles. A few lines each over app.services.sync_*;
they join the `package` group (app/cli_packages.py) through `register`."""

from __future__ import annotations

from datetime import datetime

import click

from app.cli_support import echo_json, opened


def _now() -> datetime:
    from app.db.sync import utc_now

    return utc_now()


def _at(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else "—"


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.pass_context
def package_status(ctx: click.Context, as_json: bool) -> None:
    """已发送和已接收的数据包。

    已发送的是否已回执；每个下级最近的数据包以及其序列中缺少的数据包。

    示例：wuye package status --json
    """
    from app.services.sync_status import sync_status

    with opened(ctx, readonly=True) as db, db.reader() as s:
        status = sync_status(s)
    if as_json:
        echo_json(status.as_dict())
        return
    click.echo(f"已发送 {len(status.sent)} 个数据包：")
    for p in status.sent:
        click.echo(
            f"  {_at(p.created_at)}  {p.kind_label}  {p.package_id}  → {'、'.join(p.receivers)}"
            f"  {p.rows} 行  {p.state_label}"
            + (f"（{_at(p.acknowledged_at)}）" if p.acknowledged_at else "")
        )
    click.echo(f"已接收 {len(status.received)} 个数据包：")
    for r in status.received:
        click.echo(
            f"  {_at(r.received_at)}  {r.kind_label}  {r.package_id}  ← {r.sender_name}"
            f"（{r.sender_code}）" + ("  缺上一个包" if r.gap else "")
        )
    click.echo("下级单位：")
    for sub in status.subordinates:
        last = (
            f"最近 {_at(sub.last.received_at)} {sub.last.kind_label} {sub.last.package_id}"
            if sub.last
            else "尚未收到数据包"
        )
        gaps = f"，缺 {len(sub.missing)} 个：{'、'.join(sub.missing)}" if sub.missing else ""
        click.echo(f"  {sub.name}（{sub.code}）  共 {sub.received} 个，{last}{gaps}")


@click.command("conflicts")
@click.option("--all", "include_resolved", is_flag=True, help="也列出已处理的冲突。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.pass_context
def package_conflicts(ctx: click.Context, include_resolved: bool, as_json: bool) -> None:
    """版本号相同的冲突：现有记录与另一份保留版本并列显示。

    示例：wuye package conflicts --json
    """
    from app.services.sync_resolution import list_conflicts

    with opened(ctx, readonly=True) as db, db.reader() as s:
        found = list_conflicts(s, include_resolved=include_resolved)
    if as_json:
        echo_json([c.as_dict() for c in found])
        return
    if not found:
        click.echo("没有待处理的冲突")
    for c in found:
        owner = "本单位所有" if c.owned else f"属于 {c.origin}"
        state = (
            f"已处理：{c.resolution_label}（{c.resolved_by or ''} {_at(c.resolved_at)}）"
            if c.resolved_at
            else "未处理"
        )
        click.echo(
            f"[{c.id}] {c.table_label}“{c.row_name or c.row_uuid}”  版本 {c.rev}  {owner}"
            f"  来自 {c.sender or c.package_id}  {state}"
        )
        for d in c.differences:
            click.echo(f"    {d.label}：当前 {d.current!s}  另一版本 {d.kept!s}")


@click.command("resolve")
@click.argument("conflict_id", type=int)
@click.option(
    "--keep",
    required=True,
    type=click.Choice(["current", "incoming"]),
    help="current：保留现有记录；incoming：改用另一份保留的版本（只用于本单位所有的记录）。",
)
@click.pass_context
def package_resolve(ctx: click.Context, conflict_id: int, keep: str) -> None:
    """处理一条冲突，经办人和时间记入审计日志。

    示例：wuye package resolve 3 --keep current
    """
    from app.services.sync_resolution import resolve_conflict

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        done = resolve_conflict(s, conflict_id, keep, now=_now())  # type: ignore[arg-type]
    click.echo(
        f"冲突 {done.id}（{done.table_label}“{done.row_name or done.row_uuid}”）已处理："
        f"{done.resolution_label}"
        + (f"，新版本 {done.current_rev} 将随下一个数据包上报" if keep == "incoming" else "")
    )


@click.command("pending")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.pass_context
def package_pending(ctx: click.Context, as_json: bool) -> None:
    """收到的、正在等待上级记录的记录，以及等的是哪一条。

    示例：wuye package pending
    """
    from app.services.sync_resolution import list_pending

    with opened(ctx, readonly=True) as db, db.reader() as s:
        found = list_pending(s)
    if as_json:
        echo_json([p.as_dict() for p in found])
        return
    if not found:
        click.echo("没有待处理的记录")
    for p in found:
        click.echo(
            f"[{p.id}] {p.table_label}“{p.row_name or p.row_uuid}”  {p.reason}"
            f"  来自 {p.sender or p.package_id}  {_at(p.received_at)}"
        )


@click.command("pending-drop")
@click.argument("pending_id", type=int)
@click.option("--reason", required=True, help="丢弃的理由（记入审计日志）。")
@click.pass_context
def package_pending_drop(ctx: click.Context, pending_id: int, reason: str) -> None:
    """永久丢弃一条等待中的记录；记录和理由写入审计日志。

    示例：wuye package pending-drop 2 --reason 小区已撤销，楼栋不再需要
    """
    from app.services.sync_resolution import drop_pending

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        gone = drop_pending(s, pending_id, reason, now=_now())
    click.echo(f"已丢弃待处理记录 {gone.id}：{gone.table_label}“{gone.row_name or gone.row_uuid}”")


def register(group: click.Group) -> None:
    for command in (
        package_status,
        package_conflicts,
        package_resolve,
        package_pending,
        package_pending_drop,
    ):
        group.add_command(command)
