"""居民身份证号码 (GB 11643-1999, DOMAIN.md §4): catch typos in owners' and members' ID numbers."""

from __future__ import annotations

from datetime import date

from app.rules.check import CodeCheck, squeeze

LENGTH = 18
OLD_LENGTH = 15
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_EARLIEST_YEAR = 1900  # nobody born earlier still needs a record; such a year is a typo


def normalize(text: str) -> str:
    """Pasted numbers carry spaces or a lower-case x; the number is the same."""
    return squeeze(text).upper()


def check_char(first17: str) -> str:
    """The 18th character; raises ValueError unless given 17 ASCII digits."""
    if len(first17) != LENGTH - 1 or not _is_digits(first17):
        raise ValueError(f"需要17位数字：{first17!r}")
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def with_check_char(first17: str) -> str:
    """Lets demo-data generators build numbers that pass validation."""
    body = normalize(first17)
    return body + check_char(body)


def upgrade_15(id15: str) -> str:
    """Old 15-digit cards omit the century (always 19) and the check; records keep 18 digits."""
    body = normalize(id15)
    if len(body) != OLD_LENGTH or not _is_digits(body):
        raise ValueError(f"需要15位数字：{id15!r}")
    return with_check_char(body[:6] + "19" + body[6:])


def validate_resident_id(text: str, today: date) -> CodeCheck:
    """`today` is passed in so results do not change with the clock under test."""
    value = normalize(text)
    if not value:
        return CodeCheck("", errors=("请填写身份证号码",))
    warnings: list[str] = []
    if len(value) == OLD_LENGTH and _is_digits(value):
        value = upgrade_15(value)
        warnings.append(f"15位旧号码，已升级为18位：{value}")
    if len(value) != LENGTH:
        return CodeCheck(value, errors=(f"身份证号码应为18位（或15位旧号码），现为{len(value)}位",))

    errors = [
        f"第{position}位字符“{char}”不允许（只能是数字，第18位可为X）"
        for position, char in enumerate(value, start=1)
        if not (_is_digits(char) or (position == LENGTH and char == "X"))
    ]
    if errors:
        return CodeCheck(value, errors=tuple(errors), warnings=tuple(warnings))

    if value[0] == "0":
        errors.append("地址码（前6位）不能以0开头")
    errors.extend(_birth_date_errors(value[6:14], today))
    expected = check_char(value[:17])
    if value[17] != expected:
        errors.append(f"第18位校验码错误：现为{value[17]}，校验码应为{expected}")
    return CodeCheck(value, errors=tuple(errors), warnings=tuple(warnings))


def _birth_date_errors(yyyymmdd: str, today: date) -> list[str]:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return [f"出生日期{yyyymmdd}不存在（第7–14位）"]
    if born > today:
        return [f"出生日期{born:%Y年%m月%d日}晚于今天"]
    if born.year < _EARLIEST_YEAR:
        return [f"出生年份{born.year}早于{_EARLIEST_YEAR}年，请核对"]
    return []


def _is_digits(text: str) -> bool:
    # str.isdigit() also accepts superscripts and other scripts' digits; codes need ASCII.
    return all("0" <= c <= "9" for c in text)
