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
from app.rules.notice_template import STRIP as _STRIP
from app.rules.notice_template import (
    SUFFIX,
    NoticeTemplate,
    Published,
    TemplateInfo,
    parse_text,
)
from app.rules.notice_template import placeholders as _placeholders
from app.rules.official import as_chinese_date, chinese_date


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


def list_templates(
    user_dir: Path | None = None, published: Mapping[str, Published] | None = None
) -> list[TemplateInfo]:
    """Every template by name: the user's folder first, then those an upper office published
    (`published`, app/services/published_templates.py), then the shipped ones."""
    infos = []
    files = _files(user_dir)
    for name in sorted(set(files) | set(published or {})):
        try:
            infos.append(_load(name, files, published).info)
        except InputError as exc:
            path, user = files.get(name, (None, False))
            infos.append(TemplateInfo(name, "", "", (), path=path, user=user, error=str(exc)))
    return infos


def load_template(
    name: str, user_dir: Path | None = None, published: Mapping[str, Published] | None = None
) -> NoticeTemplate:
    """The template called `name` (its file name without .txt), checked whole."""
    files = _files(user_dir)
    name = name.removesuffix(SUFFIX)
    if name not in files and name not in (published or {}):
        known = "、".join(sorted(set(files) | set(published or {}))) or "无"
        raise InputError(Problem("模板", f"没有名为“{name}”的模板（现有：{known}）"))
    return _load(name, files, published)


def _load(
    name: str, files: dict[str, tuple[Path, bool]], published: Mapping[str, Published] | None
) -> NoticeTemplate:
    """The user's own file wins, then the template an upper office published (read-only
    here: it is listed with who published it and when), then the shipped file."""
    sent = (published or {}).get(name)
    if sent is not None and not (name in files and files[name][1]):
        template = parse_text(sent.text, name, shown=f"上级下发的模板“{name}”")
        info = dataclasses.replace(template.info, published_by=sent.by, published_at=sent.at)
        return dataclasses.replace(template, info=info)
    path, user = files[name]
    return _parse(path, name, user)


def template_text(
    name: str, user_dir: Path | None = None, published: Mapping[str, Published] | None = None
) -> str:
    """The text of the template called `name`, as its file holds it: what a copy starts from."""
    files = _files(user_dir)
    sent = (published or {}).get(name)
    if sent is not None and not (name in files and files[name][1]):
        return sent.text
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
    """Read and check a whole template file (app/rules/notice_template.py)."""
    return parse_text(
        _read(path), name, shown=f"模板文件 {shown or path.name}", path=path, user=user
    )
