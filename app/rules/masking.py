"""Masking defaults (DOMAIN.md §5, GB/T 35273 §7.2): show no more than the reader needs."""

from __future__ import annotations

import re

from app.rules.check import squeeze
from app.rules.phone import normalize_phone, validate_mobile
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


_MOBILE_IN_TEXT = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_ID_IN_TEXT = re.compile(r"(?<![0-9Xx])\d{17}[0-9Xx](?![0-9Xx])")


def mask_free_text(text: str | None) -> str:
    """Free text for the wall (a problem's description): a mobile number written into it is
    masked like any mobile, an ID number is dropped whole (never on public paper)."""
    value = _ID_IN_TEXT.sub("（身份证号已隐去）", text or "")
    return _MOBILE_IN_TEXT.sub(lambda m: mask_mobile(m.group()), value)


def mask_resident_id(number: str | None) -> str:
    """3406**********0013 for internal screens; boards and public PDFs never show the ID at all."""
    value = normalize_resident_id(number or "")
    return _keep_ends(value, 4, 4)


def mask_phone(phone: str | None) -> str:
    """A mobile as 138****1234, anything else as a landline: a caller need not know which."""
    if not (phone or "").strip():
        return ""
    return mask_mobile(phone) if validate_mobile(phone or "").ok else mask_landline(phone)


HIDDEN = "（已隐去）"


def mask_field(field: str, value: object) -> object:
    """The masked form of a personal field, chosen by its name, for every place that shows a
    sensitive column generically (the audit log, exports): one formula, never a second one.

    Phones (`*phone*`) and ID numbers (`*id_number*`) use their own masks, names (`*name*`)
    keep first and last character; any other sensitive text is hidden whole, since no
    prefix of it is known to be harmless.
    """
    if value is None or value == "":
        return value
    text = str(value)
    if "phone" in field:
        return mask_phone(text)
    if "id_number" in field:
        return mask_resident_id(text)
    if "name" in field:
        return mask_name(text)
    return HIDDEN


def _keep_ends(text: str, head: int, tail: int) -> str:
    """Too-short input is masked whole, so an odd value never leaks by falling through."""
    text = squeeze(text)
    if len(text) <= head + tail:
        return _STAR * len(text)
    return text[:head] + _STAR * (len(text) - head - tail) + text[len(text) - tail :]
