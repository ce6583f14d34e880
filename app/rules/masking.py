"""Masking defaults (DOMAIN.md §5, GB/T 35273 §7.2): show no more than the reader needs."""

from __future__ import annotations

from app.rules.check import squeeze
from app.rules.phone import normalize_phone
from app.rules.resident_id import normalize as normalize_resident_id

_STAR = "*"


def mask_name(name: str | None) -> str:
    """Keep first and last character: enough for staff who know the person, not for others."""
    text = (name or "").strip()
    if len(text) <= 1:
        return _STAR * len(text)
    if len(text) == 2:
        return text[0] + _STAR
    return text[0] + _STAR * (len(text) - 2) + text[-1]


def mask_mobile(phone: str | None) -> str:
    """138****1234: the carrier prefix and last four are what people use to recognise a number."""
    value = normalize_phone(phone or "")
    return _keep_ends(value, 3, 4)


def mask_landline(phone: str | None) -> str:
    """0561-***2345: the area code is public knowledge, the local number is not."""
    value = normalize_phone(phone or "")
    area, sep, rest = value.partition("-")
    if not sep:
        return _keep_ends(value, 0, 4)
    local, sep_ext, ext = rest.partition("-")
    return f"{area}-{_keep_ends(local, 0, 4)}{sep_ext}{ext}"


def mask_resident_id(number: str | None) -> str:
    """3406**********0013 for internal screens; boards and public PDFs never show the ID at all."""
    value = normalize_resident_id(number or "")
    return _keep_ends(value, 4, 4)


def _keep_ends(text: str, head: int, tail: int) -> str:
    """Too-short input is masked whole, so an odd value never leaks by falling through."""
    text = squeeze(text)
    if len(text) <= head + tail:
        return _STAR * len(text)
    return text[:head] + _STAR * (len(text) - head - tail) + text[len(text) - tail :]
