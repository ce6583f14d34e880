"""统一社会信用代码 (GB 32100-2015, DOMAIN.md §4): catch typos before a company is filed wrongly."""

from __future__ import annotations

from app.rules.check import CodeCheck, squeeze

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I O Z S V: too easily misread
LENGTH = 18
_VALUES = {char: index for index, char in enumerate(ALPHABET)}
_WEIGHTS = tuple(pow(3, i, 31) for i in range(LENGTH - 1))

# GB 11714 organisation code: its own alphabet (all of A–Z) and mod-11 check.
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_VALUES = {char: index for index, char in enumerate(_ORG_ALPHABET)}
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def normalize(text: str) -> str:
    """Users paste codes with spaces, full-width letters or lower case; the code is the same."""
    return squeeze(text).upper()


def check_char(first17: str) -> str:
    """The 18th character; raises ValueError for input that is not 17 allowed characters."""
    if len(first17) != LENGTH - 1 or any(c not in _VALUES for c in first17):
        raise ValueError(f"需要17位有效字符：{first17!r}")
    total = sum(_VALUES[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """Check of the embedded organisation code (positions 9–17); older codes may disagree."""
    if len(first8) != len(_ORG_WEIGHTS) or any(c not in _ORG_VALUES for c in first8):
        raise ValueError(f"需要8位数字或大写字母：{first8!r}")
    total = sum(_ORG_VALUES[c] * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    c = 11 - total % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def with_check_char(first17: str) -> str:
    """Lets demo-data generators build codes that pass validation."""
    body = normalize(first17)
    return body + check_char(body)


def validate_credit_code(text: str) -> CodeCheck:
    """Every problem found is reported at once so the user fixes the code in one go."""
    value = normalize(text)
    if not value:
        return CodeCheck("", errors=("请填写统一社会信用代码",))
    errors: list[str] = []
    warnings: list[str] = []
    if len(value) != LENGTH:
        errors.append(f"统一社会信用代码应为18位，现为{len(value)}位")
    for position, char in enumerate(value, start=1):
        if char not in _VALUES:
            errors.append(f"第{position}位字符“{char}”不允许（代码中不使用字母I、O、Z、S、V）")
    if errors:
        return CodeCheck(value, errors=tuple(errors))
    expected = check_char(value[:17])
    if value[17] != expected:
        errors.append(f"第18位校验码错误：现为{value[17]}，校验码应为{expected}")
    org_expected = org_code_check_char(value[8:16])
    if value[16] != org_expected:
        warnings.append(f"第9–17位组织机构代码校验不符（第17位应为{org_expected}），请核对营业执照")
    return CodeCheck(value, errors=tuple(errors), warnings=tuple(warnings))
