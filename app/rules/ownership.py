"""Which office owns what, by division code: an office owns its own rows and those of every
unit below it, and a row that names an office (an org row, a community's estate) may only
be owned by that office or one above it, so no office can speak for a sibling."""

from __future__ import annotations

from app.rules.division_code import parent_code


def owns(owner: str, code: str) -> bool:
    """`code` is `owner` or a unit below it (division codes); False for a malformed code."""
    current: str | None = code
    try:
        while current is not None:
            if current == owner:
                return True
            current = parent_code(current)
    except ValueError:
        return False
    return False


def named_pairs(pairs: list[tuple[str, str]]) -> list[str]:
    """The (owner origin, named office) pairs that may stand, as `origin|code` text, for a
    set-wise check in SQL (SQLite and PostgreSQL alike)."""
    return [f"{origin}|{code}" for origin, code in pairs if owns(origin, code)]
