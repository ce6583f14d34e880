"""The notice template format (resources/templates/README.md): a small header, named fields,
and the body, checked whole. A rule of the data, not of the PDF: the package import checks the
templates an upper office publishes (app/packages/shared_down.py) as reports/pdf/templates.py
checks a file, with this one parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from string import Template

from app.errors import InputError, Problem

SUFFIX = ".txt"
SEPARATOR = "---"
KINDS = {"通知": "official", "公告": "plain"}  # 通知: red header if an office is given
HEADER_KEYS = {"标题", "类型", "字段", "说明", "主送", "署名", "附件"}
REQUIRED_KEYS = ("标题", "类型", "字段")
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
STRIP = " \t\u3000"  # full-width spaces too: indents are the program's job


@dataclass(frozen=True)
class TemplateInfo:
    """What a list of templates shows: name (the file name), title, kind, fields."""

    name: str
    title: str
    kind: str  # 通知 or 公告
    fields: tuple[tuple[str, str], ...]  # (key, Chinese label), in the template's order
    optional: frozenset[str] = frozenset()
    description: str = ""
    path: Path | None = None
    user: bool = False  # from the user's folder (new, or replacing a shipped one)
    error: str | None = None  # a broken user template is listed with what is wrong
    # Published by an upper office and received with a package (read-only here, 上级下发):
    published_by: str = ""  # the office's name
    published_at: datetime | None = None


@dataclass(frozen=True)
class Published:
    """A template an upper office published, as this office holds it (a third source between
    the shipped templates and the user's own: app/services/published_templates.py)."""

    text: str
    by: str  # the publishing office's name
    at: datetime


@dataclass(frozen=True)
class NoticeTemplate:
    info: TemplateInfo
    title: str
    addressee: str
    signature: str
    attachments: str
    paragraphs: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.info.name


def parse_text(
    text: str, name: str, *, shown: str, path: Path | None = None, user: bool = False
) -> NoticeTemplate:
    """Check a whole template's text; every problem is reported with its line number, under
    `shown` (the file, or the template a package brought)."""
    lines = text.splitlines()
    problems: list[Problem] = []

    def bad(number: int, message: str) -> None:
        problems.append(Problem(f"第{number}行", message))

    header: dict[str, str] = {}
    fields: list[tuple[str, str]] = []
    optional: set[str] = set()
    body_start = None
    saw_fields = False
    for number, line in enumerate(lines, 1):
        text = line.strip(STRIP)
        if text == SEPARATOR:
            body_start = number
            break
        if not text or text.startswith("#"):
            continue
        match = re.match(r"^([^:：]*)[:：](.*)$", text)
        if match is None:
            bad(number, f"头部每行应为“项目: 内容”，或用一行 {SEPARATOR} 开始正文")
            continue
        key, value = match.group(1).strip(STRIP), match.group(2).strip(STRIP)
        if key not in HEADER_KEYS:
            bad(number, f"未知的头部项“{key}”（可用：{'、'.join(sorted(HEADER_KEYS))}）")
        elif key == "字段":
            saw_fields = True
            parse_fields(value, number, fields, optional, bad)
        elif key in header:
            bad(number, f"“{key}”重复")
        else:
            header[key] = value
    if body_start is None:
        problems.append(Problem("模板", f"缺少分隔行 {SEPARATOR}（头部和正文之间）"))
    for key in REQUIRED_KEYS:
        if key == "字段" and not saw_fields:
            problems.append(Problem("模板", "缺少“字段:”行（没有字段时写“字段: 无”）"))
        elif key != "字段" and not header.get(key):
            problems.append(Problem("模板", f"缺少“{key}:”行"))
    kind = header.get("类型", "")
    if kind and kind not in KINDS:
        problems.append(Problem("模板", f"类型应为“通知”或“公告”，不是“{kind}”"))

    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines[body_start or len(lines) :]:
        text = line.strip(STRIP)
        if text:
            current.append(text)
        elif current:
            paragraphs.append("".join(current))
            current = []
    if current:
        paragraphs.append("".join(current))
    if body_start is not None and not paragraphs:
        problems.append(Problem("模板", "正文为空"))

    declared = {key for key, _ in fields}
    used: set[str] = set()
    texts = {k: header.get(k, "") for k in ("标题", "主送", "署名", "附件")}
    texts |= {"正文": "\n".join(paragraphs)}
    for where, text in texts.items():
        for placeholder in placeholders(text, where, problems):
            used.add(placeholder)
            if placeholder not in declared:
                problems.append(Problem(where, f"用到未声明的字段 ${{{placeholder}}}"))
    for key, label in fields:
        if key not in used:
            problems.append(Problem("字段", f"{key}（{label}）已声明，但标题和正文都没有用到"))
    if problems:
        raise InputError(problems, where=shown)
    info = TemplateInfo(
        name=name,
        title=header["标题"],
        kind=kind,
        fields=tuple(fields),
        optional=frozenset(optional),
        description=header.get("说明", ""),
        path=path,
        user=user,
    )
    return NoticeTemplate(
        info=info,
        title=header["标题"],
        addressee=header.get("主送", ""),
        signature=header.get("署名", ""),
        attachments=header.get("附件", ""),
        paragraphs=tuple(paragraphs),
    )


def parse_fields(value, number, fields, optional, bad) -> None:  # type: ignore[no-untyped-def]
    if value == "无":
        return
    for item in re.split(r"[,，]", value):
        item = item.strip(STRIP)
        if not item:
            continue
        key, eq, label = item.partition("=")
        key, label = key.strip(), label.strip(STRIP)
        is_optional = key.endswith("?") or key.endswith("？")
        key = key.rstrip("?？").strip()
        if not eq or not label:
            bad(number, f"字段应写作“键=中文名称”，如 estate=小区名称，不是“{item}”")
        elif not _KEY.match(key):
            bad(number, f"字段键“{key}”只能用英文字母、数字和下划线，且不以数字开头")
        elif any(key == k for k, _ in fields):
            bad(number, f"字段 {key} 重复")
        else:
            fields.append((key, label))
            if is_optional:
                optional.add(key)


def placeholders(text: str, where: str, problems: list[Problem]) -> list[str]:
    found = []
    for match in Template.pattern.finditer(text):
        if match.group("invalid") is not None:
            problems.append(
                Problem(where, "“$”后应是 {字段键}，如 ${estate}；要印出 $ 本身请写 $$")
            )
        elif name := match.group("named") or match.group("braced"):
            found.append(name)
    return found
