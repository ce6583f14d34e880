"""How GB/T 9704-2012 writes a document number and a date (DOMAIN.md §6).

Pure rules, no ReportLab: notices, panels and the CLI all write dates and numbers this way.
"""

from __future__ import annotations

import re
from datetime import date

from app.errors import InputError, Problem

DOC_NUMBER = re.compile(r"^.+〔\d{4}〕[1-9]\d*号$")
_BRACKETS = re.compile(r"[\[［【(（〖]\s*(\d{4})\s*[\]］】)）〗]")
EXAMPLE = "淮物管办〔2022〕1号"


def doc_number_problems(text: str) -> list[Problem]:
    """What is wrong with a 发文字号, in words a clerk can act on; [] when it is right."""
    field = "发文字号"
    if DOC_NUMBER.match(text):
        return []
    if not text.strip():
        return [Problem(field, "不能为空")]
    hints = []
    if "〔" not in text and _BRACKETS.search(text):
        hints.append("年份应使用六角括号〔〕")
    if "第" in text:
        hints.append("序号前不加“第”")
    if re.search(r"〕0\d*号$", text):
        hints.append("序号不编虚位（1号而不是01号）")
    if re.search(r"〔\d{2}〕", text):
        hints.append("年份应写全四位")
    if not text.endswith("号"):
        hints.append("应以“号”结尾")
    if re.match(r"^〔", text):
        hints.append("年份前应有发文机关代字")
    why = "；".join(hints) or "格式不对"
    return [Problem(field, f"“{text}”{why}，应形如 {EXAMPLE}")]


def red_header_problems(kind: str, office: str | None) -> list[Problem]:
    """A red header (发文机关标志) belongs on an official 通知 only (GB/T 9704); asked for on a
    公告, it is refused with the reason rather than silently left off."""
    if kind == "通知" or not (office and office.strip()):
        return []
    return [
        Problem(
            "发文机关",
            f"“{kind}”类模板不印红头（发文机关标志）：红头只用于“通知”类模板，印公告请不填发文机关",
        )
    ]


def check_doc_number(text: str) -> str:
    """`text` stripped, or `InputError` saying what is wrong with it."""
    text = text.strip()
    if problems := doc_number_problems(text):
        raise InputError(problems)
    return text


def chinese_date(day: date) -> str:
    """2026年11月25日: Arabic figures, no leading zeros (GB/T 9704 7.3.5)."""
    return f"{day.year}年{day.month}月{day.day}日"


_ISO_DATE = re.compile(r"^\s*(\d{4})[-./](\d{1,2})[-./](\d{1,2})\s*$")


def as_chinese_date(text: str) -> str | None:
    """2026-11-25, 2026.11.25 or 2026/11/25 written the Chinese way; None if not such a date."""
    if match := _ISO_DATE.match(text):
        try:
            return chinese_date(date(*map(int, match.groups())))
        except ValueError:
            return None
    return None
