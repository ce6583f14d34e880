"""click's own messages in Chinese: usage errors, help headings, parameter checks.

click translates its texts through `gettext.gettext`, which picks a language from the locale;
WuyeDesk speaks Chinese whatever the locale, so the table below stands in for click's `_` and
`ngettext` in its modules. `install()` runs before any command is declared (some texts, e.g.
the `--help` option's, are taken when the decorators run). A text missing from the table stays
as click wrote it; tests/app/test_cli_messages.py checks the ones a user meets.
"""

from __future__ import annotations

import importlib
from typing import Any


class _TypeNamed(str):
    """A template click fills with its English type name (`number_type=self.name`, e.g.
    `integer`, never passed through `_`): the name is looked up in the table too."""

    def format(self, *args: Any, **kwargs: Any) -> str:
        named = {k: TEXTS.get(v, v) if k == "number_type" else v for k, v in kwargs.items()}
        return str.format(self, *args, **named)


TEXTS: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少子命令。",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "No such command {name!r}.": "没有 {name!r} 这个命令。",
    "No such option {name!r}.": "没有 {name!r} 这个选项。",
    "No such option: {name}": "没有这个选项：{name}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Aborted!": "已取消。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": _TypeNamed("{value!r} 不是有效的{number_type}。"),
    "integer": "整数",
    "float": "数字",
    "boolean": "是/否",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写入。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "deprecated": "已停用",
    "(DEPRECATED)": "（已停用）",
}

# fmt: off
PLURALS: dict[str, str] = {
    "Got unexpected extra argument ({args})": "多余的参数：{args}",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not {choice}.": "{value!r} 不是可用的值（可选：{choice}）。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可用的值（可选：{choices}）。",
    "{value!r} does not match the format {format}.":
        "{value!r} 不是有效的日期（应写作 年-月-日，如 2026-01-05）。",
    "{value!r} does not match the formats {formats}.":
        "{value!r} 不是有效的日期（应写作 年-月-日，如 2026-01-05）。",
    "{len_type} values are required, but {len_value} was given.":
        "需要 {len_type} 个值，给了 {len_value} 个。",
}
# fmt: on

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "utils",
            "termui")  # fmt: skip


def gettext(message: str) -> str:
    return TEXTS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return PLURALS.get(chosen) or PLURALS.get(singular) or chosen


def install() -> None:
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
