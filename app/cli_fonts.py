"""`wuye fonts`: which font each document role uses, and the user's choice of font files."""

from __future__ import annotations

import json
from pathlib import Path

import click

from app.cli_support import INPUT_FILE, Failure, describe, documents
from app.errors import WuyeError
from app.font_settings import (
    ROLES,
    FontChoice,
    FontSettings,
    load_font_settings,
    save_font_settings,
)


@click.group("fonts", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.pass_context
def fonts_group(ctx: click.Context, as_json: bool) -> None:
    """显示打印文件各处所用的字体（标题、正文、黑体、楷体、页码）。

    示例：wuye fonts set body C:\\Windows\\Fonts\\simfang.ttf
    """
    if ctx.invoked_subcommand is not None:
        return
    module = documents("pdf.fonts")
    settings = load_font_settings()
    try:
        fonts = module.configured_fonts()
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    rows = [
        {
            "role": role,
            "label": module.ROLE_LABELS[role],
            "family": fonts[role].family,
            "file": str(fonts[role].path) if fonts[role].path else None,
            "embedded": fonts[role].embedded,
            "chosen": role in settings.choices,
        }
        for role in ROLES
    ]
    if as_json:
        click.echo(json.dumps({"roles": rows, "warnings": list(fonts.warnings)},
                              ensure_ascii=False, indent=2))  # fmt: skip
        return
    for row in rows:
        how = "（用户指定）" if row["chosen"] else "（自动）"
        click.echo(f"{row['label']}：{row['family']}{how} {row['file'] or '不嵌入'}")
    for warning in fonts.warnings:
        click.echo(f"提示：{warning}")


@fonts_group.command("set")
@click.argument("role", type=click.Choice(ROLES), metavar="ROLE")
@click.argument("file", type=INPUT_FILE)
@click.option("--index", default=0, show_default=True, help=".ttc 字体集中的字体序号。")
def fonts_set(role: str, file: Path, index: int) -> None:
    """今后所有文件的 ROLE 都用字体文件 FILE；先检查文件是否可用。

    示例：wuye fonts set title /usr/share/fonts/truetype/arphic/uming.ttc
    """
    module = documents("pdf.fonts")
    try:
        module.find_fonts(**{role: (file.resolve(), index)})
    except WuyeError as exc:
        raise Failure(describe(exc)) from exc
    settings = load_font_settings()
    choices = {**settings.choices, role: FontChoice(file.resolve(), index)}
    path = save_font_settings(FontSettings(choices))
    click.echo(f"已设置{module.ROLE_LABELS[role]}字体：{file.resolve()}（{path}）")


@fonts_group.command("reset")
@click.argument("role", type=click.Choice(ROLES), required=False, metavar="ROLE")
def fonts_reset(role: str | None) -> None:
    """恢复自动选择字体：只恢复 ROLE，或不给 ROLE 时全部恢复。

    示例：wuye fonts reset body
    """
    settings = load_font_settings()
    choices = {} if role is None else {r: c for r, c in settings.choices.items() if r != role}
    save_font_settings(FontSettings(choices))
    click.echo("已恢复自动选择字体")
