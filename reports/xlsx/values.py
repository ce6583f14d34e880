"""One ledger cell, as openpyxl hands it over, into a plain typed value.

Offices type ledgers by hand, in Excel and WPS, with IMEs that switch to full width, and they
copy columns from older sheets: "860户", "1，200", "8.5万平方米", "2023.1.5", phones stored as
numbers, "党员" in a yes/no column. Each parser accepts those forms or raises `CellError` with a
Chinese reason the error workbook shows next to the cell. A blank cell is `None`: only the
caller knows whether the column is required, or absent from the sheet altogether.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from app import codes
from app.codes import Coded
from app.errors import WuyeError
from app.ledger_columns import LedgerKind
from app.rules.phone import normalize_phone
from app.rules.units import hundredths

# What Excel, WPS and LibreOffice show for a failed formula (openpyxl's ERROR_CODES; not
# imported from it, since reading a ledger no longer needs openpyxl's 16 MB).
ERROR_CODES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})

# Marks offices put in a cell to say "nothing here". "无" is among them, except where a type
# gives it a meaning: bool (有/无) and the code tables whose synonyms list it.
BLANK_MARKS = frozenset({"", "-", "--", "—", "——", "–", "/", "\\", "无"})
_LONGEST_MARK = max(len(mark) for mark in BLANK_MARKS)
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"  # pasted from web pages and WeChat
_INVISIBLE = str.maketrans(dict.fromkeys(_ZERO_WIDTH))
_FOLD = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
    | {"\u3000": " "}
    | dict.fromkeys(_ZERO_WIDTH)
)

# Excel counts days from 1899-12-30 (the 1900 leap-year bug shifts everything before March
# 1900); serials 20000-80000 are 1954-2119, the only ones a ledger date can plausibly be.
EXCEL_EPOCH = date(1899, 12, 30)
SERIAL_RANGE = (20000, 80000)
# No count, area or fee in a ledger comes near this; the cap keeps hundredths far inside
# SQLite's 64-bit integers and "1e999999" out of Decimal arithmetic.
NUMBER_LIMIT = 10**15


class CellError(WuyeError):
    """A cell that cannot be read as its column's type; `reason` is shown beside the cell."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def parse_cell(value: object, type_: str) -> object:
    """Parse by the column spec's type (`app/ledger_columns.py`): text, int, hundredths, bool,
    date, year, phone or code:<Table>. Raises CellError; an unknown type is a spec bug."""
    if type_.startswith("code:"):
        return parse_code(value, type_.removeprefix("code:"))
    try:
        parser = _PARSERS[type_]
    except KeyError:
        raise ValueError(f"unknown ledger column type: {type_!r}") from None
    return parser(value)


def example_cells(kind: LedgerKind) -> dict[str, object]:
    """The template's example row as the import parses it (field -> value).

    A sheet row equal to this is the template's untouched example, not data: the import
    should skip it, or filling rows below the example would also create "相山花园".
    """
    return {spec.field: parse_cell(spec.example, spec.type) for spec in kind.columns}


def fold_width(text: str) -> str:
    """`to_half_width` as one str.translate, since a ledger has millions of cells; also drops
    zero-width characters, which are never meant."""
    return text.translate(_FOLD)


def is_blank(value: object) -> bool:
    """None, whitespace, or a mark such as "—", "/" or "无" that stands for an empty cell."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    if (  # the usual cell, decided without folding it: longer than any mark, nothing to strip
        len(value) > _LONGEST_MARK
        and not value[0].isspace()
        and not value[-1].isspace()
        and not any(z in value for z in _ZERO_WIDTH)
    ):
        return False
    return _clean(value).lower() in BLANK_MARKS


def parse_text(value: object) -> str | None:
    """Text as typed, minus the stray spaces and line breaks that are never meant.

    Full-width characters stay: names like "相山花园（二期）" are written that way on purpose.
    """
    _reject_formula_error(value)
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return " ".join(str(value).translate(_INVISIBLE).split())


def parse_int(value: object) -> int | None:
    """Counts: 860, 860.0, "860户", "1,200", "１２", "第二届". A fraction is an error, not rounded:
    "12.5栋" means the cell is wrong, and guessing would hide it."""
    number = _number(value, _INT_UNITS, "应为整数")
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError("应为整数")
    return int(number)


def parse_hundredths(value: object) -> int | None:
    """Areas and fees as integer hundredths: "85,000.50㎡" -> 8500050, "8.5万平方米" -> 8500000,
    "0.85元/㎡·月" -> 85. Floats go through their shortest repr, so 0.285 (stored as
    0.28499999…) rounds half up to 29 as the office expects."""
    number = _number(value, _AMOUNT_UNITS, "应填数字，如85000.5")
    return None if number is None else hundredths(number)


_TRUE_WORDS = frozenset(
    {"是", "√", "✓", "✔", "☑", "y", "yes", "true", "t", "1", "有", "对", "是的"}
    | {"中共党员", "党员", "预备党员", "中共预备党员", "中国共产党党员"}
)
_FALSE_WORDS = frozenset(
    {"否", "×", "✗", "✘", "☒", "x", "n", "no", "false", "f", "0", "无", "没有", "不是"}
    | {"群众", "非党员", "共青团员", "团员", "民主党派", "无党派人士"}
)


def parse_bool(value: object) -> bool | None:
    """Yes/no columns, including a 政治面貌 column standing in for "党员": 党员 yes, 群众 no."""
    _reject_formula_error(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal) and value in (0, 1):
        return value == 1
    if isinstance(value, str):
        word = _clean(value).lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    if is_blank(value):
        return None
    raise CellError("应填“是”或“否”")


_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_YMD = re.compile(r"(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})[日号]?")
_COMPACT_YMD = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")


def parse_date(value: object) -> date | None:
    """Dates typed every way offices do: date cells, Excel serials that lost their format,
    "2023年1月5日", "2023.1.5", "2023/01/05", "20230105", with full-width digits."""
    _reject_formula_error(value)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if is_blank(value):
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _date_from_number(Decimal(str(value)), value)
    if not isinstance(value, str):
        raise CellError(f"无法识别的日期：{parse_text(value)}，请写成2023-01-05")
    text = _TIME_TAIL.sub("", _clean(value))
    text = "".join(text.split())
    if _SERIAL.fullmatch(text):
        return _date_from_number(Decimal(text), value)
    match = _YMD.fullmatch(text) or _COMPACT_YMD.fullmatch(text)
    if match:
        return _checked_date(*(int(part) for part in match.groups()), shown=value)
    raise CellError(f"无法识别的日期：{_clean(value)}，请写成2023-01-05")


_YEAR = re.compile(r"(\d{4})(?:\.0+)?年?")
_YEAR_MONTH = re.compile(r"(\d{4})[年./-](\d{1,2})月?")


def parse_year(value: object) -> int | None:
    """Four-digit years: 2008, "2008年", 2008.0, a date cell, or "2008年5月" (its year)."""
    _reject_formula_error(value)
    if isinstance(value, date):
        return value.year
    if is_blank(value):
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
        if number.is_finite() and number == int(number) and 1000 <= number <= 9999:
            return int(number)
    elif isinstance(value, str):
        text = "".join(_clean(value).split())
        match = _YEAR.fullmatch(text) or _YEAR_MONTH.fullmatch(text)
        if match and (len(match.groups()) == 1 or 1 <= int(match[2]) <= 12):
            return int(match[1])
        try:
            day = parse_date(text)
        except CellError:
            day = None
        if day is not None:
            return day.year
    raise CellError("应为四位年份，如2008")


def parse_phone(value: object) -> str | None:
    """Phone text in its stored form (`normalize_phone`); whether it is a valid number is the
    service's question. A number cell has lost any leading 0, so 5613012345 is read as
    0561-3012345 when that makes a landline."""
    _reject_formula_error(value)
    if is_blank(value):
        return None
    if isinstance(value, bool | date | time):
        raise CellError("应为电话号码")
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
        if not number.is_finite() or number != number.to_integral_value() or number < 0:
            raise CellError("应为电话号码")
        digits = str(int(number))
        phone = normalize_phone(digits)
        maybe_mobile = len(digits) == 11 and digits.startswith("1")
        if phone == digits and 9 <= len(digits) <= 11 and not maybe_mobile:
            restored = normalize_phone("0" + digits)
            if "-" in restored:
                return restored
        return phone
    return normalize_phone(str(value).translate(_INVISIBLE)) or None


# Words offices use for a code besides its label, one dict per table. Cells are compared
# without spaces, in half width.
CODE_SYNONYMS: dict[str, dict[str, str]] = {
    "ManagementType": {
        "专业物业": "professional",
        "专业化物业": "professional",
        "专业化物业管理": "professional",
        "物业服务企业": "professional",
        "物业公司": "professional",
        "物业公司管理": "professional",
        "社区托管": "community",
        "托管": "community",
        "代管": "community",
        "社区管理": "community",
        "自管": "employer",
        "单位管理": "employer",
        "自治": "residents",
        "业主自治": "residents",
        "无物业": "none",
        "无物业管理": "none",
        "无": "none",
    },
    "PartyOrg": {
        "未建": "none",
        "无": "none",
        "否": "none",
        "已建立": "own",
        "已建": "own",
        "是": "own",
        "独立": "own",
        "独立建立": "own",
        "单建": "own",
        "联合": "joint",
        "联建": "joint",
    },
    "MemberRole": {
        "委员会主任": "chair",
        "业委会主任": "chair",
        "主任委员": "chair",
        "副主任": "vice_chair",
        "业委会副主任": "vice_chair",
        "副主任委员": "vice_chair",
        "成员": "member",
        "业委会委员": "member",
        "候补": "alternate",
        "候补成员": "alternate",
    },
    "CommitteeStatus": {
        "在届": "active",
        "现任": "active",
        "筹备": "preparing",
        "筹建中": "preparing",
        "解散": "dissolved",
    },
    "CommitteeKind": {
        "业委会": "owners",
        "物管会": "pmc",
    },
}


def parse_code(value: object, table: str) -> str | None:
    """A code of `app.codes.<table>` from its code, its label or a synonym; returns the code."""
    _reject_formula_error(value)
    cls = code_table(table)
    synonyms = CODE_SYNONYMS.get(table, {})
    text = value if isinstance(value, str) else parse_text(value)
    key = "".join(fold_width(text or "").split())
    if key in synonyms:  # before the blank check: "无" is a code here, not an empty cell
        return synonyms[key]
    if is_blank(key):
        return None
    member = cls.from_text(key) or cls.from_text(key.lower())
    if member is not None:
        return member.value
    raise CellError("应为：" + "、".join(label for _, label in cls.choices()))


@cache
def code_table(name: str) -> type[Coded]:
    """The Coded class a spec's `code:<name>` refers to; a wrong name is a spec bug."""
    cls = getattr(codes, name, None)
    if not (isinstance(cls, type) and issubclass(cls, Coded) and cls is not Coded):
        raise ValueError(f"unknown code table: {name!r}")
    return cls


_PARSERS: dict[str, Callable[[object], object]] = {
    "text": parse_text,
    "int": parse_int,
    "hundredths": parse_hundredths,
    "bool": parse_bool,
    "date": parse_date,
    "year": parse_year,
    "phone": parse_phone,
}

# A number, optionally with thousands separators only where they group by three ("1,2" is a
# typo, not twelve), an exponent (text copied from an export), then 万 and a unit.
_NUMBER_TEXT = re.compile(
    r"(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:e[+-]?\d+)?|[+-]?\.\d+)"
    r"(?P<wan>万)?(?P<unit>.*)"
)
_INT_UNITS = re.compile(r"(?:户|栋|幢|座|部|台|个|辆|层|套|间|人|名|位|处|届|家|分|次)?")
_AMOUNT_UNITS = re.compile(r"(?:元|㎡|m²|m2|平方米|平米|平方|月|每|/|·|・|•|\*)*")
_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CHINESE_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _number(value: object, units: re.Pattern[str], reason: str) -> Decimal | None:
    number = _raw_number(value, units, reason)
    if number is not None and not (number.is_finite() and abs(number) < NUMBER_LIMIT):
        raise CellError(reason)
    return number


def _raw_number(value: object, units: re.Pattern[str], reason: str) -> Decimal | None:
    _reject_formula_error(value)
    if isinstance(value, bool):
        raise CellError(reason)
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, date | time):
        raise CellError(f"{reason}；单元格是日期格式，请把格式改为“常规”或“数值”")
    if is_blank(value):
        return None
    if not isinstance(value, str):
        raise CellError(reason)
    text = "".join(_clean(value).lower().split())
    match = _NUMBER_TEXT.fullmatch(text.removeprefix("第"))
    if match and units.fullmatch(match["unit"]):
        number = Decimal(match["num"].replace(",", ""))
        return number * 10000 if match["wan"] else number
    small = _small_chinese_number(text.removeprefix("第"), units)
    if small is not None:
        return Decimal(small)
    raise CellError(reason)


def _small_chinese_number(text: str, units: re.Pattern[str]) -> int | None:
    """一 to 九十九, as in "第二届" or "十二栋"; larger numbers are always typed in digits."""
    end = len(text)
    while end and text[end - 1] not in _CHINESE_DIGITS and text[end - 1] != "十":
        end -= 1
    numeral, unit = text[:end], text[end:]
    if not numeral or not units.fullmatch(unit):
        return None
    tens, _, ones = numeral.rpartition("十")
    if "十" not in numeral:
        return _CHINESE_DIGITS[numeral] if len(numeral) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or any(c not in _CHINESE_DIGITS for c in tens + ones):
        return None
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[ones] if ones else 0)


def _date_from_number(number: Decimal, shown: object) -> date:
    """A date cell whose format was lost shows its serial; 20230105 is a date typed as digits."""
    if not number.is_finite():
        raise CellError(f"无法识别的日期：{parse_text(shown)}，请写成2023-01-05")
    whole = int(number)
    if SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
        return EXCEL_EPOCH + timedelta(days=whole)
    if number == whole and 10000101 <= whole <= 99991231:
        return _checked_date(whole // 10000, whole // 100 % 100, whole % 100, shown=shown)
    raise CellError(f"无法识别的日期：{parse_text(shown)}，请写成2023-01-05")


def _checked_date(year: int, month: int, day: int, *, shown: object) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"日期不存在：{parse_text(shown)}") from None


def _clean(text: str) -> str:
    return fold_width(text).strip()


def _reject_formula_error(value: object) -> None:
    """A formula that failed in Excel arrives as "#REF!"; reading it as text would hide that."""
    if isinstance(value, str) and value.strip() in ERROR_CODES:
        raise CellError(f"公式出错（{value.strip()}），请在原表中改正")


__all__ = [
    "BLANK_MARKS",
    "CODE_SYNONYMS",
    "CellError",
    "code_table",
    "fold_width",
    "is_blank",
    "parse_bool",
    "parse_cell",
    "parse_code",
    "parse_date",
    "parse_hundredths",
    "parse_int",
    "parse_phone",
    "parse_text",
    "parse_year",
]
