"""Credit rule (DOMAIN.md §9): which items count, the cap on good points, the bands at their
edges, the blacklist."""

from __future__ import annotations

from datetime import date

import pytest

from app import code_tables
from app.rules.credit import (
    CreditEntry,
    band_of,
    credit_scheme,
    credit_standing,
    in_list,
    last_counted_day,
    signed_points,
)

S = credit_scheme()
DAY = date(2026, 11, 25)


def item(points: int, on: date = date(2026, 6, 1), last_day: date | None = None) -> CreditEntry:
    return CreditEntry(on, "commendation" if points > 0 else "circular", points, "依据", last_day)


def test_bands_take_their_lowest_score() -> None:
    assert [band_of(n, S) for n in (85, 84, 80, 79, 70, 69, 60, 59, 0)] == [
        "AAA", "AA", "AA", "A", "A", "B", "B", "C", "C",
    ]  # fmt: skip


def test_an_item_counts_through_the_day_before_its_anniversary() -> None:
    on = date(2025, 11, 25)
    assert last_counted_day(on, None, S) == date(2026, 11, 24)
    assert last_counted_day(date(2024, 2, 29), None, S) == date(2025, 2, 28)
    assert credit_standing([item(-10, on)], date(2026, 11, 24), S).score == 70
    assert credit_standing([item(-10, on)], date(2026, 11, 25), S).score == 80


def test_a_named_last_day_and_a_future_item() -> None:
    short = item(-10, date(2026, 1, 1), last_day=date(2026, 3, 31))
    later = item(-10, date(2026, 12, 1))
    assert credit_standing([short, later], DAY, S).counted == ()


def test_good_points_are_capped_and_bad_ones_are_not() -> None:
    standing = credit_standing([item(30), item(30), item(-5)], DAY, S)
    assert (standing.good, standing.bad, standing.score, standing.band) == (40, 5, 115, "AAA")
    assert credit_standing([item(-100)], DAY, S).score == 0


def test_removed_from_the_market_is_blacklisted_whatever_the_score() -> None:
    standing = credit_standing([item(10)], DAY, S, removed=True)
    assert standing.band == "黑名单" and in_list(standing.band, "失信", S)
    assert in_list("AA", "守信", S) and not in_list("A", "守信", S) and in_list("C", "失信", S)


def test_kinds_carry_their_sign_whatever_was_typed() -> None:
    assert signed_points(S.kind_of("通报"), 3) == -3  # type: ignore[arg-type]
    assert signed_points(S.kind_of("表彰"), -4) == 4  # type: ignore[arg-type]
    assert signed_points(S.kind_of("third_party"), -6) == -6  # type: ignore[arg-type]
    assert signed_points(S.kind_of("约谈"), None) == -2  # type: ignore[arg-type]


def test_the_survey_line_is_optional_in_a_table_and_checked_when_given() -> None:
    """A credit_rules table sent down before `satisfaction_line` existed still loads (the
    shipped default, 90 of 100); a line outside 1…100 is refused like any crafted table."""
    table = code_tables.shipped("credit_rules")
    assert table["satisfaction_line"] == S.satisfaction_line == 90
    code_tables.check_shape("credit_rules", {k: v for k, v in table.items()
                                             if k != "satisfaction_line"})  # fmt: skip
    code_tables.check_shape("credit_rules", dict(table, satisfaction_line=100))
    for bad in (0, 101, "90", 85.5):
        with pytest.raises(code_tables.BadTable):
            code_tables.check_shape("credit_rules", dict(table, satisfaction_line=bad))
