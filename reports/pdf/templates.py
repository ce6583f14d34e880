"""Notice templates: plain-text files with a small header, named fields, and the body.

The format is described for the people who edit templates in `resources/templates/README.md`.
A template in the user's folder (`app.paths.user_data_dir() / "templates"`) replaces the
shipped one of the same file name, or adds a new one. Filling a template checks every field
first: all missing ones are reported together, by their Chinese labels, before anything is
drawn. Nothing here imports ReportLab, so listing templates is cheap.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from string import Template

from app.errors import InputError, Problem
from app.rules.official import as_chinese_date, chinese_date

SUFFIX = ".txt"
SEPARATOR = "---"
KINDS = {"通知": "official", "公告": "plain"}  # 通知: red header if an office is given
HEADER_KEYS = {"标题", "类型", "字段", "说明", "主送", "署名", "附件"}
REQUIRED_KEYS = ("标题", "类型", "字段")
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_STRIP = " \t\u3000"  # full-width spaces too: indents are the program's job


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


@dataclass(frozen=True)
class FilledNotice:
    """A template with every field filled: plain text, ready to be laid out."""

    name: str
    kind: str
    title: str
    paragraphs: tuple[str, ...]
    addressee: str = ""  # with its full-width colon, or ""
    attachments: tuple[str, ...] = ()
    signature: str = ""
    values: Mapping[str, str] = field(default_factory=dict)


def shipped_dir() -> Path:
    from app.paths import resource

    return resource("templates")


def default_user_dir() -> Path:
    from app.paths import user_data_dir

    return user_data_dir() / "templates"


def list_templates(user_dir: Path | None = None) -> list[TemplateInfo]:
    """Every template by name: the user's folder first, then the shipped ones it lacks."""
    infos = []
    for name, (path, user) in sorted(_files(user_dir).items()):
        try:
            infos.append(_parse(path, name, user).info)
        except InputError as exc:
            infos.append(TemplateInfo(name, "", "", (), path=path, user=user, error=str(exc)))
    return infos


def load_template(name: str, user_dir: Path | None = None) -> NoticeTemplate:
    """The template called `name` (its file name without .txt), checked whole."""
    files = _files(user_dir)
    name = name.removesuffix(SUFFIX)
    if name not in files:
        known = "、".join(sorted(files)) or "无"
        raise InputError(Problem("模板", f"没有名为“{name}”的模板（现有：{known}）"))
    path, user = files[name]
    return _parse(path, name, user)


def template_text(name: str, user_dir: Path | None = None) -> str:
    """The text of the template called `name`, as its file holds it: what a copy starts from."""
    files = _files(user_dir)
    if name not in files:
        raise InputError(Problem("模板", f"没有名为“{name}”的模板"))
    return _read(files[name][0])


def save_user_template(name: str, text: str, user_dir: Path) -> NoticeTemplate:
    """Check `text` as a template and keep it in the user's folder as `name`.txt (replacing a
    shipped template of that name for this user). Nothing is written unless the whole text
    is a valid template; every problem is reported with its line number."""
    name = name.strip().removesuffix(SUFFIX)
    if not name or name.startswith(".") or any(ch in name for ch in '\\/:*?"<>|'):
        raise InputError(Problem("模板名称", '模板名称不能为空，也不能含有 \\ / : * ? " < > |'))
    user_dir.mkdir(parents=True, exist_ok=True)
    target = user_dir / f"{name}{SUFFIX}"
    draft = user_dir / f".{name}{SUFFIX}.draft"  # a leading dot: never listed
    draft.write_text(text, encoding="utf-8")
    try:
        template = _parse(draft, name, True, shown=target.name)
        os.replace(draft, target)
    finally:
        draft.unlink(missing_ok=True)
    return dataclasses.replace(template, info=dataclasses.replace(template.info, path=target))


def remove_user_template(name: str, user_dir: Path) -> bool:
    """Delete the user's copy of `name`: the shipped template of that name, if any, is used
    again. True if a file was removed."""
    path = user_dir / f"{name}{SUFFIX}"
    if not path.is_file():
        return False
    path.unlink()
    return True


def fill(template: NoticeTemplate, values: Mapping[str, str | date | None]) -> FilledNotice:
    """Put `values` into the template. Keys the template does not use are ignored (a service
    may pass the same estate facts to every template); every required field that is absent
    or blank is reported, all at once, in one `InputError`.

    Values that are `date`s, and values of fields whose key ends in `date` written as
    2026-11-25, come out as 2026年11月25日. A line break inside a value starts a new paragraph;
    a paragraph that uses an optional field left blank is left out.
    """
    info = template.info
    clean: dict[str, str] = {}
    missing = []
    for key, label in info.fields:
        value = _as_text(key, values.get(key))
        if not value and key not in info.optional:
            missing.append(Problem(label, "未填写"))
        clean[key] = value
    if missing:
        raise InputError(missing, where=f"模板“{info.name}”缺少字段")

    def sub(text: str) -> str:
        return Template(text).substitute(clean)

    blank = {key for key in info.optional if not clean[key]}
    paragraphs = []
    for raw in template.paragraphs:
        if blank and blank.intersection(_placeholders(raw, "", [])):
            continue  # a paragraph about an optional field left blank is left out
        for line in sub(raw).splitlines():
            if line := line.strip(_STRIP):
                paragraphs.append(line)
    addressee = sub(template.addressee).strip(_STRIP)
    if addressee and not addressee.endswith("："):
        addressee = addressee.rstrip(":") + "："
    attachments = tuple(
        a.strip(_STRIP) for a in re.split(r"[；;\n]", sub(template.attachments)) if a.strip(_STRIP)
    )
    return FilledNotice(
        name=info.name,
        kind=info.kind,
        title="".join(line.strip(_STRIP) for line in sub(template.title).splitlines()),
        paragraphs=tuple(paragraphs),
        addressee=addressee,
        attachments=attachments,
        signature=sub(template.signature).strip(_STRIP),
        values=clean,
    )


def unknown_fields(template: NoticeTemplate, keys: list[str]) -> list[str]:
    """Keys a user typed that the template has no field for (a CLI catches typos with it)."""
    known = {key for key, _ in template.info.fields}
    return [k for k in keys if k not in known]


def _as_text(key: str, value: str | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return chinese_date(value)
    text = str(value).strip(_STRIP + "\r\n")
    if key.lower().endswith("date") and (written := as_chinese_date(text)):
        return written
    return text


def _files(user_dir: Path | None) -> dict[str, tuple[Path, bool]]:
    found: dict[str, tuple[Path, bool]] = {}
    for folder, user in ((shipped_dir(), False), (user_dir, True)):
        if folder is not None and folder.is_dir():
            for path in folder.glob(f"*{SUFFIX}"):
                if path.is_file() and not path.name.startswith("."):
                    found[path.stem] = (path, user)
    return found


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(Problem("模板", f"无法读取模板文件 {path}：{exc.strerror}")) from exc
    for encoding in ("utf-8-sig", "gb18030"):  # Notepad and WPS save either
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(Problem("模板", f"模板文件 {path} 不是文本文件，请另存为 UTF-8 编码"))


def _parse(path: Path, name: str, user: bool, *, shown: str | None = None) -> NoticeTemplate:
    """Read and check a whole template; every problem is reported with its line number."""
    lines = _read(path).splitlines()
    problems: list[Problem] = []

    def bad(number: int, message: str) -> None:
        problems.append(Problem(f"第{number}行", message))

    header: dict[str, str] = {}
    fields: list[tuple[str, str]] = []
    optional: set[str] = set()
    body_start = None
    saw_fields = False
    for number, line in enumerate(lines, 1):
        text = line.strip(_STRIP)
        if text == SEPARATOR:
            body_start = number
            break
        if not text or text.startswith("#"):
            continue
        match = re.match(r"^([^:：]*)[:：](.*)$", text)
        if match is None:
            bad(number, f"头部每行应为“项目: 内容”，或用一行 {SEPARATOR} 开始正文")
            continue
        key, value = match.group(1).strip(_STRIP), match.group(2).strip(_STRIP)
        if key not in HEADER_KEYS:
            bad(number, f"未知的头部项“{key}”（可用：{'、'.join(sorted(HEADER_KEYS))}）")
        elif key == "字段":
            saw_fields = True
            _parse_fields(value, number, fields, optional, bad)
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
        text = line.strip(_STRIP)
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
        for placeholder in _placeholders(text, where, problems):
            used.add(placeholder)
            if placeholder not in declared:
                problems.append(Problem(where, f"用到未声明的字段 ${{{placeholder}}}"))
    for key, label in fields:
        if key not in used:
            problems.append(Problem("字段", f"{key}（{label}）已声明，但标题和正文都没有用到"))
    if problems:
        raise InputError(problems, where=f"模板文件 {shown or path.name}")
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


def _parse_fields(value, number, fields, optional, bad) -> None:  # type: ignore[no-untyped-def]
    if value == "无":
        return
    for item in re.split(r"[,，]", value):
        item = item.strip(_STRIP)
        if not item:
            continue
        key, eq, label = item.partition("=")
        key, label = key.strip(), label.strip(_STRIP)
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


def _placeholders(text: str, where: str, problems: list[Problem]) -> list[str]:
    found = []
    for match in Template.pattern.finditer(text):
        if match.group("invalid") is not None:
            problems.append(
                Problem(where, "“$”后应是 {字段键}，如 ${estate}；要印出 $ 本身请写 $$")
            )
        elif name := match.group("named") or match.group("braced"):
            found.append(name)
    return found
