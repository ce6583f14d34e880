"""Phone numbers (DOMAIN.md §4): one stored form, so search, masking and dedup all agree."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from app.rules.check import CodeCheck, squeeze

HUAIBEI_AREA_CODE = "0561"
COMPLAINT_HOTLINES = ("12345", "12315")
_MERGED_HOTLINES = {"12358": "12315"}  # 价格举报 merged into 12315

_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
_SERVICE_96 = re.compile(r"96\d{3}", re.ASCII)
_COUNTRY_PREFIX = re.compile(r"^(?:\+|00)86-?")
_EXCEL_FLOAT = re.compile(r"\d+\.0+|\d+(?:\.\d+)?[eE]\+?\d+", re.ASCII)
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
# re.ASCII: \d would otherwise accept Arabic-Indic and other scripts' digits.
# Beijing (010) and 020–029 have two-digit codes after the 0; all others have three.
_LANDLINE = re.compile(
    r"\(?(?P<area>0(?:[12]\d|[3-9]\d{2}))\)?-?"
    r"(?P<local>\d{7,8})"
    r"(?:(?:-|转|分机|ext\.?|x|#)(?P<ext>\d{1,6}))?",
    re.IGNORECASE | re.ASCII,
)
_BARE_LOCAL = re.compile(r"[2-9]\d{6}(?:(?:-|转|分机)\d{1,6})?", re.ASCII)


def normalize_phone(text: str) -> str:
    """Mobiles become 11 bare digits, landlines `0561-3012345[-ext]`; anything else is left
    cleaned but unchanged, so the validator can say what is wrong with it."""
    value = _from_excel_number(squeeze(text).translate(_DASHES))
    value = _strip_country_code(value)
    bare = value.replace("-", "")
    if _MOBILE.fullmatch(bare):
        return bare
    landline = _LANDLINE.fullmatch(value)
    if landline:
        return _landline_form(landline)
    return value


def validate_mobile(text: str) -> CodeCheck:
    """Permissive on purpose (DOMAIN.md): new number ranges appear faster than lists update."""
    value = normalize_phone(text)
    if not value:
        return CodeCheck("", errors=("请填写手机号码",))
    if _MOBILE.fullmatch(value):
        return CodeCheck(value)
    if not value.isascii() or not value.isdigit():
        return CodeCheck(value, errors=("手机号码只能包含数字",))
    if len(value) != 11:
        return CodeCheck(value, errors=(f"手机号码应为11位数字，现为{len(value)}位",))
    return CodeCheck(value, errors=("手机号码应以13–19开头",))


def validate_landline(text: str) -> CodeCheck:
    """Huaibei numbers are checked strictly; other cities loosely, since offices do call out."""
    squeezed = squeeze(text)
    if not squeezed:
        return CodeCheck("", errors=("请填写固定电话",))
    warnings: list[str] = []
    if _BARE_LOCAL.fullmatch(squeezed.translate(_DASHES)):
        squeezed = f"{HUAIBEI_AREA_CODE}-{squeezed}"
        warnings.append(f"未填区号，已按淮北区号{HUAIBEI_AREA_CODE}补全")
    value = normalize_phone(squeezed)
    match = _LANDLINE.fullmatch(value)
    if not match:
        return CodeCheck(
            value, errors=("固定电话格式应为“区号-号码”，如0561-3012345（可加分机，如转123）",)
        )
    area, local = match["area"], match["local"]
    if local[0] in "01":
        return CodeCheck(value, errors=("固定电话本地号码不能以0或1开头",))
    if area == HUAIBEI_AREA_CODE:
        if len(local) != 7:
            return CodeCheck(value, errors=(f"淮北固定电话本地号码应为7位，现为{len(local)}位",))
    else:
        warnings.append(f"区号{area}不是淮北（{HUAIBEI_AREA_CODE}），请确认")
    return CodeCheck(value, warnings=tuple(warnings))


def validate_phone(text: str) -> CodeCheck:
    """For contact fields where either kind of number will do."""
    if not squeeze(text):
        return CodeCheck("", errors=("请填写电话号码",))
    mobile = validate_mobile(text)
    if mobile.ok:
        return mobile
    landline = validate_landline(text)
    if landline.ok:
        return landline
    return CodeCheck(
        mobile.value,
        errors=("既不是手机号码（11位，如13812345678），也不是固定电话（如0561-3012345）",),
    )


def validate_complaint_phone(text: str) -> CodeCheck:
    """Complaint numbers published for a project may be government hotlines or 96xxx lines."""
    value = normalize_phone(text)
    if not value:
        return CodeCheck("", errors=("请填写投诉电话",))
    if value in COMPLAINT_HOTLINES or _SERVICE_96.fullmatch(value):
        return CodeCheck(value)
    if value in _MERGED_HOTLINES:
        better = _MERGED_HOTLINES[value]
        return CodeCheck(value, warnings=(f"{value}热线已并入{better}，建议填写{better}",))
    result = validate_phone(text)
    if result.ok:
        return result
    return CodeCheck(
        result.value,
        errors=(
            "投诉电话应为手机号码、固定电话（如0561-3012345）、12345、12315或96开头的5位服务号码",
        ),
    )


def _from_excel_number(value: str) -> str:
    """Excel stores phone columns as numbers: 13812345678.0 or 1.3812345678E10."""
    if not _EXCEL_FLOAT.fullmatch(value):
        return value
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if number != number.to_integral_value():
        return value
    return str(int(number))


def _strip_country_code(value: str) -> str:
    """`+86 561 3012345` drops the trunk 0 that a domestic landline needs."""
    match = _COUNTRY_PREFIX.match(value)
    if not match:
        return value
    rest = value[match.end() :]
    if _MOBILE.fullmatch(rest.replace("-", "")) or rest.startswith("0"):
        return rest
    return "0" + rest


def _landline_form(match: re.Match[str]) -> str:
    value = f"{match['area']}-{match['local']}"
    return f"{value}-{match['ext']}" if match["ext"] else value
