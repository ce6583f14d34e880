"""`wuye backup`, `wuye backups`, `wuye restore` (issue 14): a few lines each over
`app/services/backups.py`."""

from __future__ import annotations

from pathlib import Path

import click

from app.cli_support import file_only, opened

EXISTING = click.Path(exists=True, dir_okay=False, path_type=Path)


def _read_passphrase(passphrase_file: Path | None) -> str | None:
    return passphrase_file.read_text(encoding="utf-8").rstrip("\r\n") if passphrase_file else None


@click.command("backup")
@click.option(
    "-o",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="备份写到这里（默认：数据库旁的 backups/，按轮换规则保留）。",
)
@click.option(
    "--passphrase-file",
    type=EXISTING,
    default=None,
    help="同时用此文件中的口令（至少12个字符）加密本单位私钥，存放在备份旁。",
)
@click.option(
    "--copy-to",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="另复制一份备份到这个文件夹（如U盘）。",
)
@click.pass_context
def backup_cmd(ctx: click.Context, out: Path | None, passphrase_file: Path | None,
               copy_to: Path | None) -> None:  # fmt: skip
    """备份数据库（SQLite 在线备份，并用 PRAGMA integrity_check 校验）。

    示例：wuye backup --passphrase-file 口令.txt --copy-to /media/U盘/备份
    """
    from app.db.sync import utc_now
    from app.services.backups import take_backup

    file_only(ctx.obj["db"], "backup")
    passphrase = _read_passphrase(passphrase_file)
    with opened(ctx, must_exist=True) as db:
        info = take_backup(db, now=utc_now(), out=out, passphrase=passphrase, second_folder=copy_to)
    keys = "，含加密的本单位密钥" if info.keys else "，未含密钥（可加 --passphrase-file）"
    click.echo(f"已备份：{info.path}（{info.size:,} 字节，{info.total_rows} 条记录{keys}）")


@click.command("backups")
@click.pass_context
def backups_cmd(ctx: click.Context) -> None:
    """列出数据库旁的备份：时间、大小、各表行数、是否含私钥。

    示例：wuye backups
    """
    from app.services.backups import list_backups

    file_only(ctx.obj["db"], "backups")
    target = ctx.obj["db"]
    found = list_backups(Path(target))
    if not found:
        click.echo("还没有备份（wuye backup 可立即备份）")
        return
    for b in found:
        keys = "含密钥" if b.keys else "无密钥"
        click.echo(f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.label_text:<8} {b.size:>12,} 字节  "
                   f"{b.total_rows:>8} 条记录  {keys}  {b.path.name}")  # fmt: skip
    click.echo(f"共 {len(found)} 份，在 {found[0].path.parent}")


@click.command("restore")
@click.argument("backup", type=EXISTING)
@click.option(
    "--passphrase-file",
    type=EXISTING,
    default=None,
    help="备份旁加密私钥的口令文件：一并恢复私钥。",
)
@click.pass_context
def restore_cmd(ctx: click.Context, backup: Path, passphrase_file: Path | None) -> None:
    """用备份替换数据库：先校验备份，当前文件另存，换用新的数据库标识，
    下次向上级发送全量包。仅限管理员。

    示例：wuye --user 管理员 restore backups/wuyedesk-20261125-080000-daily.sqlite
    """
    from app.db.sync import utc_now
    from app.services.backups import restore_backup

    file_only(ctx.obj["db"], "restore")
    passphrase = _read_passphrase(passphrase_file)
    with opened(ctx, must_exist=True) as db:
        restored, aside = restore_backup(db, backup, now=utc_now(), passphrase=passphrase)
        restored.close()
    click.echo(f"已恢复：{backup.name}；原数据库已另存为 {aside}")
    click.echo("下次向上级导出的数据包将是全量包")


@click.command("protect")
@click.option(
    "--passphrase-file",
    type=EXISTING,
    default=None,
    help="用此文件中的口令（至少12个字符）加密；每次启动时询问，"
    "或取自环境变量 WUYE_KEY_PASSPHRASE。",
)
@click.option(
    "--keyring",
    "use_keyring",
    is_flag=True,
    help="用保存在操作系统密钥环中的随机密钥加密。",
)
@click.pass_context
def keys_protect(ctx: click.Context, passphrase_file: Path | None, use_keyring: bool) -> None:
    """加密（或重新加密）本单位保存在磁盘上的私钥。仅限管理员。

    不带选项时由本机当前系统账户保护（默认方式：无需输入口令，换一台电脑或换一个账户则无法解开）。

    示例：wuye --user 管理员 keys protect --passphrase-file 口令.txt
    """
    from app.db.identity import office_dir
    from app.db.sync import utc_now
    from app.errors import InputError, Problem
    from app.packages.key_vault import KEYRING, PASSPHRASE, SYSTEM, protect
    from app.rules.roles import may_administer
    from app.services.audit_log import record

    if use_keyring and passphrase_file is not None:
        raise click.UsageError("--passphrase-file 与 --keyring 只能指定其一")
    with opened(ctx, must_exist=True) as db:
        if not may_administer(db.context.role):
            raise InputError(Problem("", "只有管理员可以保护本单位私钥：请以管理员账户登录"))
        code = db.context.office_code
        if code is None:
            raise InputError(Problem("", "数据库尚未初始化本单位：请先运行 wuye init"))
        how = KEYRING if use_keyring else PASSPHRASE if passphrase_file else SYSTEM
        passphrase = _read_passphrase(passphrase_file) if passphrase_file else None
        count = protect(office_dir(db.path, code), how, passphrase)
        with db.sessions.begin() as s:
            record(s, "keys", table="office_key", row=code, now=utc_now(),
                   changes={"protection": [None, how], "keys": [None, count]})  # fmt: skip
    shown = {KEYRING: "系统密钥环", PASSPHRASE: "口令", SYSTEM: "本机系统账户"}[how]
    click.echo(f"已加密本单位 {count} 个私钥（{shown}）")


def register(cli: click.Group, keys_group: click.Group) -> None:
    for command in (backup_cmd, backups_cmd, restore_cmd):
        cli.add_command(command)
    keys_group.add_command(keys_protect)
