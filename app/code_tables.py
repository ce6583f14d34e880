"""Data code tables (resources/codes/*.json) that the upper office maintains for every office
below it (issue 16): which ones, their shape, their version, and the one in effect.

The enums of app/codes.py change only with a program upgrade. Of the JSON tables, these
travel down because an office may legitimately maintain them for its area:
- `divisions`: the verified 统计用区划代码 (DOMAIN.md §4); the office above verifies the codes
  of its area and every office below looks the same names up.
- `report_due`: when reports are due; the office that collects them sets the day.
- `complaint_sla`: the complaint time limits; the plan names none, the district sets them.
- `credit_rules`: the company credit scheme; a company must be rated the same in every office.
These stay with the program: `vote_categories` (the Civil Code's thresholds), `ledger_columns`
and `pinyin_phrases` (the program's import headers and search words), `task_table` (the plan's
fixed text), `meeting_parties` (an office's own meeting defaults), `assessment_sheet` (the
考核 sheet travels as its own rows, app/models/assessment.py).

The table in effect is the database's (app/models/shared_data.py `CodeTable`: received from
the direct superior, or this office's own edit) else the shipped file. One database is open
per process (the window, a command): opening one installs its tables here (`install`) and
clears the cached loaders (`loader`), so a received table takes effect at once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from app.paths import resource

F = TypeVar("F", bound=Callable[..., Any])

LABELS = {
    "divisions": "行政区划代码",
    "report_due": "报表报送期限",
    "complaint_sla": "投诉办理时限",
    "credit_rules": "企业信用评价规则",
}
SHARED = tuple(LABELS)

_in_effect: dict[str, dict[str, Any]] = {}  # name -> content, from the open database
_installed_by: list[object] = [None]  # the database whose tables are in effect
_loaders: list[Any] = []


def loader(fn: F) -> F:
    """`functools.cache` for a function that reads a shared table: cleared when the tables in
    effect change (a received table, another database opened)."""
    cached = cache(fn)
    _loaders.append(cached)
    return cached  # type: ignore[return-value]


@cache
def shipped(name: str) -> dict[str, Any]:
    return json.loads(resource("codes", f"{name}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def content(name: str) -> dict[str, Any]:
    """The table `name` in effect: the database's, else the shipped file."""
    return _in_effect.get(name) or shipped(name)


def overridden(name: str) -> bool:
    return name in _in_effect


def version_of(table: dict[str, Any]) -> str:
    """A short hash of a table's content (keys sorted, comments left out)."""
    data = {k: v for k, v in table.items() if not k.startswith("_")}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def versions() -> dict[str, str]:
    """The version of every shared table in effect, by name."""
    return {name: version_of(content(name)) for name in SHARED}


def install(tables: dict[str, dict[str, Any]], owner: object = None) -> None:
    """Make `tables` (name -> content) the ones in effect, the shipped files for the rest, and
    clear the cached loaders if that changes anything. `owner`: the database they come from."""
    _installed_by[0] = owner
    if tables == _in_effect:
        return
    _in_effect.clear()
    _in_effect.update(tables)
    for cached in _loaders:
        cached.cache_clear()


def uninstall(owner: object) -> None:
    """Back to the shipped files when the database whose tables are in effect closes."""
    if _installed_by[0] is owner:
        install({}, None)


class BadTable(ValueError):
    """A table whose shape a loader could not read."""


def _check(ok: bool) -> None:
    if not ok:
        raise BadTable


def _positive_int(value: Any) -> bool:
    return type(value) is int and 0 < value < 10_000


def check_shape(name: str, table: Any) -> None:
    """BadTable unless `table` has the shape the loaders of `name` read (a crafted or broken
    table is refused before it is stored, not a crash later in a due date)."""
    try:
        _check(name in LABELS and isinstance(table, dict))
        if name == "divisions":
            rows = table["divisions"]
            _check(isinstance(rows, dict))
            for code, text in rows.items():
                _check(len(code) == 12 and code.isdigit() and isinstance(text, str) and text != "")
        elif name == "report_due":
            rules = {k: v for k, v in table.items() if not k.startswith("_")}
            _check({"monthly", "inspection", "weekly", "daily"} <= set(rules))
            for kind in ("monthly", "inspection"):
                day = rules[kind]["workday_of_next_month"]
                _check(_positive_int(day) and day <= 20)
            _check(type(rules["weekly"]["weekday"]) is int and 1 <= rules["weekly"]["weekday"] <= 7)
            _check(rules["daily"]["same_day"] is True)
        elif name == "complaint_sla":
            _check(_positive_int(table["response_days"]) and _positive_int(table["closing_days"]))
            _check(table["response_days"] <= table["closing_days"])
        elif name == "credit_rules":
            for key in ("basic_score", "good_cap", "validity_years"):
                _check(_positive_int(table[key]))
            # optional: a table written before the survey line existed still loads (default 90)
            _check(_positive_int(table.get("satisfaction_line", 90)))
            _check(table.get("satisfaction_line", 90) <= 100)
            _check(isinstance(table["bands"], list) and len(table["bands"]) > 0)
            for band in table["bands"]:
                _check(isinstance(band["band"], str))
                _check(band["min"] is None or type(band["min"]) is int)
            _check(isinstance(table["blacklist_band"], str))
            for key in ("trustworthy", "untrustworthy"):
                _check(isinstance(table[key], list))
                _check(all(isinstance(b, str) for b in table[key]))
            _check(isinstance(table["kinds"], dict))
            for kind in table["kinds"].values():
                _check(isinstance(kind["label"], str) and kind["sign"] in (-1, 0, 1))
                _check(type(kind["points"]) is int and 0 <= kind["points"] < 1000)
    except (KeyError, TypeError, AttributeError) as exc:
        raise BadTable from exc
