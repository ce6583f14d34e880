"""Human numbers: written with four digits, read however a person types them."""

from __future__ import annotations

from app.rules.record_numbers import format_number, read_number


def test_a_number_is_four_digits_wide_and_read_back_however_typed() -> None:
    assert format_number(2026, 12) == "2026-0012" and format_number(2026, 12345) == "2026-12345"
    assert read_number(" 2026-12 ") == "2026-0012" == read_number("2026-0012")
    assert read_number("01a2396a") is None and read_number("2026") is None
