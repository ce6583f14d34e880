"""统计用区划代码 (DOMAIN.md §4): communities, streets and districts keyed by one 12-digit code."""

from __future__ import annotations

from app.rules.check import CodeCheck, squeeze

LEVELS = ("city", "district", "street", "community")
LENGTH = 12
_SHORT_LENGTHS = (6, 9)  # GB/T 2260 county code; statistical street code
_LEVEL_NAMES = {
    "city": "地市级",
    "district": "区县级",
    "street": "乡镇街道级",
    "community": "村居级",
}

HUAIBEI: dict[str, str] = {
    "340600000000": "淮北市",
    "340602000000": "杜集区",
    "340603000000": "相山区",
    "340604000000": "烈山区",
    "340621000000": "濉溪县",
}


def validate_division_code(code: str, level: str) -> CodeCheck:
    """A code at the wrong level would file a community under a street, or the reverse."""
    if level not in LEVELS:
        raise ValueError(f"unknown division level: {level!r}")
    value = squeeze(code)
    if not value:
        return CodeCheck("", errors=("请填写区划代码",))
    if not value.isascii() or not value.isdigit():
        return CodeCheck(value, errors=("区划代码只能包含数字",))
    if len(value) in _SHORT_LENGTHS:
        value = value.ljust(LENGTH, "0")
    if len(value) != LENGTH:
        return CodeCheck(
            value, errors=(f"区划代码应为12位数字（也可填6位或9位），现为{len(value)}位",)
        )
    actual = _level_or_none(value)
    if actual is None:
        return CodeCheck(value, errors=(f"区划代码{value}层级不完整（上级部分为0而下级不为0）",))
    if actual != level:
        return CodeCheck(
            value,
            errors=(f"区划代码{value}是{_LEVEL_NAMES[actual]}，这里需要{_LEVEL_NAMES[level]}代码",),
        )
    return CodeCheck(value)


def level_of(code: str) -> str:
    """Level read from the zero padding; raises ValueError for a malformed code."""
    value = _padded(code)
    level = _level_or_none(value)
    if level is None:
        raise ValueError(f"不是有效的区划代码：{code!r}")
    return level


def parent_code(code: str) -> str | None:
    """Zeroing the lowest significant part gives the parent; a city has none here."""
    level = level_of(code)
    value = _padded(code)
    if level == "community":
        return value[:9] + "000"
    if level == "street":
        return value[:6] + "000000"
    if level == "district":
        return value[:4] + "00000000"
    return None


def _padded(code: str) -> str:
    value = squeeze(code)
    if not value.isascii() or not value.isdigit():
        raise ValueError(f"区划代码只能包含数字：{code!r}")
    if len(value) in _SHORT_LENGTHS:
        value = value.ljust(LENGTH, "0")
    if len(value) != LENGTH:
        raise ValueError(f"区划代码应为12位：{code!r}")
    return value


def _level_or_none(value: str) -> str | None:
    """Each part must be non-zero if any part below it is (340603000001 is no code)."""
    province, city, district = value[0:2], value[2:4], value[4:6]
    street, community = value[6:9], value[9:12]
    if province[0] == "0" or city == "00":
        return None  # province-level codes are outside this program
    if district == "00":
        return "city" if street == "000" and community == "000" else None
    if street == "000":
        return "district" if community == "000" else None
    return "street" if community == "000" else "community"
