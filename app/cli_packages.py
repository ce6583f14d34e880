"""`wuye keys`, `wuye onboarding`, `wuye package` and `wuye demo-city`: packages upward.

Every command is a few lines over `app.packages`; a refused file exits 1 with its own Chinese
message and changes nothing.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from app.cli_support import (
    DATE,
    INPUT_FILE,
    OUTPUT_FILE,
    Failure,
    describe,
    file_only,
    opened,
    today_or,
)
from app.errors import WuyeError

FILE = OUTPUT_FILE
EXISTING = INPUT_FILE


def _now() -> datetime:
    from app.db.sync import utc_now

    return utc_now()


def _passphrase(passphrase_file: Path | None, *, confirm: bool) -> str:
    if passphrase_file is not None:
        try:
            return passphrase_file.read_text(encoding="utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            raise Failure(f"口令文件 {passphrase_file} 不是 UTF-8 文本") from exc
    return str(click.prompt("口令", hide_input=True, confirmation_prompt=confirm))


@click.group("keys")
def keys_group() -> None:
    """本单位的签名和加密密钥：列出、备份、恢复。

    示例：wuye keys backup -o 密钥备份.json
    """


@keys_group.command("list")
@click.pass_context
def keys_list(ctx: click.Context) -> None:
    """按密钥编号列出本数据库知道的密钥（本单位的和对方的）。

    示例：wuye keys list
    """
    from sqlalchemy import select

    from app.models import OfficeKey

    with opened(ctx, readonly=True) as db, db.reader() as s:
        rows = s.scalars(select(OfficeKey).order_by(OfficeKey.org_code, OfficeKey.created_at))
        for row in rows:
            owner = "本单位" if row.own else "对方"
            kind = "签名" if row.kind == "sign" else "加密"
            click.echo(f"{row.org_code}  {owner}  {kind}  {row.key_id}  {row.created_at:%Y-%m-%d}")


@keys_group.command("backup")
@click.option("-o", "out", required=True, type=FILE, help="要写出的备份文件。")
@click.option("--passphrase-file", type=EXISTING, help="从这个文件读取口令。")
@click.pass_context
def keys_backup(ctx: click.Context, out: Path, passphrase_file: Path | None) -> None:
    """用口令加密备份本单位的全部私钥（scrypt + AES-GCM）。

    示例：wuye keys backup -o 密钥备份.json --passphrase-file 口令.txt
    """
    from app.packages.keys import backup_keys
    from app.services.offices import current_office

    passphrase = _passphrase(passphrase_file, confirm=True)
    with opened(ctx, readonly=True) as db, db.reader() as s:
        count = backup_keys(s, db.path, current_office(s).code, passphrase, out)
    click.echo(f"已备份 {count} 个密钥：{out}（请与口令分开保管）")


@keys_group.command("restore")
@click.argument("backup", type=EXISTING)
@click.option("--passphrase-file", type=EXISTING, help="从这个文件读取口令。")
@click.pass_context
def keys_restore(ctx: click.Context, backup: Path, passphrase_file: Path | None) -> None:
    """把备份的私钥恢复到本单位数据库旁。

    示例：wuye keys restore 密钥备份.json
    """
    from app.packages.keys import restore_keys
    from app.services.offices import current_office

    passphrase = _passphrase(passphrase_file, confirm=False)
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        count = restore_keys(s, db.path, current_office(s).code, passphrase, backup)
    click.echo(f"已恢复 {count} 个密钥")


@click.group("onboarding")
def onboarding_group() -> None:
    """本单位与上级单位入网：一次性交换公钥。

    示例：wuye onboarding export --code 340603010001 --name 桓谭社区 -o 入网.json
    """


@onboarding_group.command("export")
@click.option("--code", required=True, help="下级单位的区划代码。")
@click.option("--name", required=True, help="下级单位的名称。")
@click.option("-o", "out", required=True, type=FILE, help="要写出的入网文件。")
@click.pass_context
def onboarding_export(ctx: click.Context, code: str, name: str, out: Path) -> None:
    """在上级单位：为一个下级写出入网文件。

    示例：wuye onboarding export --code 340603010001 --name 桓谭社区 -o 入网.json
    """
    from app.packages.onboarding import export_onboarding

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        result = export_onboarding(s, db.path, out, code=code, name=name, now=_now())
    click.echo(f"已生成 {result.name}（{result.code}）的入网文件：{out}")
    click.echo(f"本单位签名密钥编号：{result.key_ids[0]}（请对方核对）")


@onboarding_group.command("import")
@click.argument("file", type=EXISTING)
@click.pass_context
def onboarding_import(ctx: click.Context, file: Path) -> None:
    """导入入网文件（在下级）或入网回复（在上级）。

    示例：wuye onboarding import 入网.json
    """
    from app.packages.onboarding import ONBOARDING, import_onboarding_file

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        result = import_onboarding_file(s, file, now=_now())
    role = "上级单位" if result.kind == ONBOARDING else "下级单位"
    click.echo(
        f"已登记{role} {result.name}（{result.code}），密钥编号：{'、'.join(result.key_ids)}"
    )
    if result.kind == ONBOARDING:
        click.echo("下一步：wuye onboarding reply -o 入网回复.json，把回复文件交给上级单位导入")


@onboarding_group.command("reply")
@click.option("-o", "out", required=True, type=FILE, help="要写出的入网回复文件。")
@click.pass_context
def onboarding_reply(ctx: click.Context, out: Path) -> None:
    """在下级：写出带本单位公钥的已签名入网回复。

    示例：wuye onboarding reply -o 入网回复.json
    """
    from app.packages.onboarding import write_reply

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        result = write_reply(s, db.path, out, now=_now())
    click.echo(f"已生成给 {result.name}（{result.code}）的入网回复：{out}")
    click.echo(f"本单位密钥编号：{'、'.join(result.key_ids)}（请对方核对）")


@click.group("package")
def package_group() -> None:
    """数据包（.wypkg）：向上报送、向下级下发，导出、导入（数据包及其回执）。

    示例：wuye package export -o 桓谭社区.wypkg
    """


@package_group.command("export")
@click.option("--snapshot", is_flag=True, help="导出本单位范围内的全部记录，而不只是变化。")
@click.option("--to", "to", multiple=True, help="接收单位的区划代码（默认为上级单位）。")
@click.option(
    "--down",
    "down",
    default=None,
    help="向下级单位下发：一个直接下级单位的区划代码，或 all（每个直接下级一个文件，"
    "-o 为文件夹）。示例：--down 340602001000",
)
@click.option(
    "-o",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="要写出的数据包文件（.wypkg）；--down all 时为文件夹。",
)
@click.pass_context
def package_export(
    ctx: click.Context, snapshot: bool, to: tuple[str, ...], down: str | None, out: Path
) -> None:
    """导出接收方尚未确认的记录，签名并加密；--down 则向下级单位下发。

    示例：wuye package export -o 桓谭社区-20261125.wypkg

    示例：wuye package export --down all -o 下发
    """
    from app.cli_support import output_folder
    from app.packages.export import export_package
    from app.services.offices import office_label

    if down is not None and to:
        raise Failure("--down 与 --to 不能同时使用：下发时用 --down 指定下级单位")
    out = output_folder(out) if down == "all" else FILE.convert(str(out), None, ctx)
    file_only(ctx.obj["db"], "package export")  # the payload is copied from the file itself
    if down is not None:
        _export_down(ctx, down, out, snapshot)
        return
    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        result = export_package(
            s, db.path, out, snapshot=snapshot, to=to, now=_now(), allow_empty=False
        )
        receivers = "、".join(office_label(s, code) for code in result.receivers)
    kind = "全量包" if result.kind == "snapshot" else "增量包"
    click.echo(
        f"已导出{kind}：{out}  共 {result.total} 行（序号 {result.seq_from}–{result.seq_to}），"
        f"接收单位 {receivers}"
    )


def _export_down(ctx: click.Context, down: str, out: Path, snapshot: bool) -> None:
    """`--down CODE` (one file) or `--down all` (one file per direct subordinate into `out`)."""
    from app.packages.downward import export_down, export_down_all
    from app.services.offices import office_label

    with opened(ctx, must_exist=True) as db, db.sessions.begin() as s:
        if down == "all":
            done = export_down_all(s, db.path, out, now=_now(), snapshot=snapshot)
            results = done.written
            idle = [office_label(s, code) for code in done.nothing_new]
        else:
            one = export_down(
                s, db.path, out, to=down, now=_now(), snapshot=snapshot, allow_empty=False
            )
            if one is None:
                raise Failure(
                    f"自上次回执以来没有要下发给 {office_label(s, down)} 的新内容，未写出数据包"
                )
            results, idle = [one], []
        lines = [
            f"已下发{'全量包' if r.kind == 'snapshot' else '增量包'}：{r.path}  共 {r.total} 行，"
            f"接收单位 {office_label(s, r.receivers[0])}"
            for r in results
        ]
    for line in lines:
        click.echo(line)
    if idle:
        click.echo(f"没有新内容、未写出数据包的下级单位：{'、'.join(idle)}")


@package_group.command("import")
@click.argument("files", nargs=-1, required=True, type=EXISTING)
@click.option("--dry-run", is_flag=True, help="检查并计数，不写入任何数据。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出导入报告。")
@click.option("--receipt-out", type=FILE, help="回执写到哪里（只用于一个数据包）。")
@click.pass_context
def package_import(
    ctx: click.Context,
    files: tuple[Path, ...],
    dry_run: bool,
    as_json: bool,
    receipt_out: Path | None,
) -> None:
    """导入数据包，并为每个写出签名回执。

    每个数据包一次事务；发送单位导入回执后，该数据包标为已接收。

    示例：wuye package import 桓谭社区.wypkg 南湖社区.wypkg --dry-run
    """
    from app.packages.envelope import looks_signed, peek_kind
    from app.packages.importer import import_package
    from app.packages.receipts import RECEIPT, import_receipt, receipt_path, write_receipt
    from app.services.offices import office_label

    if receipt_out is not None and len(files) > 1:
        raise click.UsageError("--receipt-out 只能用于一个数据包")
    from app.services.backups import backup_before

    results, failed = [], []
    with opened(ctx, must_exist=True) as db:
        if not dry_run:
            backup_before(db, "package", now=_now())
        for file in files:
            try:
                # A receipt, or a file meant as one (empty, cut short): told as a receipt.
                kind = peek_kind(file)
                if kind == RECEIPT or (kind is None and looks_signed(file)):
                    with db.sessions() as s:  # a dry run checks the receipt, then rolls back
                        got = import_receipt(s, file, now=_now())
                        receiver = office_label(s, got.receiver_code)
                        if not dry_run:
                            s.commit()
                    results.append(
                        {
                            "file": str(file),
                            "receipt": got.package_id,
                            "receiver": got.receiver_code,
                            "already": got.already,
                            "dry_run": dry_run,
                            "reviews_applied": got.reviews_applied,
                        }
                    )
                    if not as_json:
                        note = "（此前已接收）" if got.already else ""
                        if got.reviews_applied:
                            verb = "可应用" if dry_run else "已应用"
                            note += f"；上级审核意见 {got.reviews_applied} 条{verb}到本单位的报表"
                        trial = "试导入（未写入）：" if dry_run else ""
                        click.echo(
                            f"{trial}回执：数据包 {got.package_id} 已被 {receiver}接收{note}"
                        )
                    continue
                report = import_package(db, file, dry_run=dry_run, now=_now())
                written = None
                if not dry_run:
                    with db.reader() as s:
                        written = write_receipt(
                            s, db.path, report, receipt_out or receipt_path(file), now=_now()
                        )
                results.append(
                    {
                        "file": str(file),
                        **report.as_dict(),
                        "receipt": str(written) if written else None,
                    }
                )
                if not as_json:
                    click.echo(report.summary())
                    if written:
                        click.echo(f"  回执：{written}（请交回发送单位导入）")
            except WuyeError as exc:
                failed.append(file)
                results.append(
                    {
                        "file": str(file),
                        "refused": describe(exc),
                        "code": getattr(exc, "code", "input"),
                    }
                )
                if not as_json:  # a message that names the file already is not prefixed twice
                    text = describe(exc)
                    where = "" if text.startswith(file.name) else f"{file.name}："
                    click.echo(f"错误：{where}{text}", err=True)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    if failed:
        raise Failure(f"{len(failed)} 个文件被拒收，未写入其中任何数据")


@click.command("demo-city")
@click.option("--seed", default=1, show_default=True, help="种子相同，生成的数据就相同。")
@click.option("--districts", default=2, show_default=True, help="区的数量（1–4）。")
@click.option("--streets", default=2, show_default=True, help="每个区的街道数。")
@click.option("--communities", default=3, show_default=True, help="每个街道的社区数。")
@click.option("--estates", default=6, show_default=True, help="每个社区的小区数。")
@click.option("--today", type=DATE, default=None, help="统计日期（默认今天）。")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--steering", is_flag=True,
              help="再演示下发：各区向下属社区交办督办并发布通报，经街道以数据包下发，"
                   "社区按时反馈并逐级报送回区。")  # fmt: skip
def demo_city(
    seed: int,
    districts: int,
    streets: int,
    communities: int,
    estates: int,
    today: datetime | None,
    out: Path,
    steering: bool,
) -> None:
    """生成演示城市：每个单位一个数据库，已生成密钥、已完成入网，并写出 offices.json。

    示例：wuye demo-city --seed 1 --districts 2 --streets 2 --communities 3 --out 演示城市

    示例：wuye demo-city --districts 1 --streets 2 --communities 2 --steering --out 演示城市
    """
    from app.services.demo_city import OFFICES_FILE, make_demo_city

    try:
        offices = make_demo_city(
            out,
            seed=seed,
            districts=districts,
            streets=streets,
            communities=communities,
            today=today_or(today),
            estates_per_community=estates,
        )
        if steering:
            from app.services.demo_city_steering import steer_demo_city

            steer_demo_city(out, offices, today_or(today))
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    click.echo(f"已生成演示城市：{len(offices)} 个单位的数据库，清单见 {out / OFFICES_FILE}")
    if steering:
        click.echo("各区已向下属社区交办督办并发布通报，社区已收到并反馈，反馈已报送回区")
