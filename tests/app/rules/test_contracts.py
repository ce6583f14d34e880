"""A contract's term (民法典 arts 947–948): warned from 90 days before its end, 不定期 after."""

from __future__ import annotations

from datetime import date

from app.rules.contracts import Term, term_state

TODAY = date(2026, 11, 25)


def test_a_contract_is_warned_from_the_ninetieth_day_before_its_end() -> None:
    assert term_state(date(2024, 1, 1), date(2027, 2, 23), TODAY) == term_state(
        date(2024, 1, 1), date(2027, 2, 23), TODAY
    )
    assert term_state(date(2024, 1, 1), date(2027, 2, 23), TODAY).term == Term.EXPIRING
    assert term_state(date(2024, 1, 1), date(2027, 2, 23), TODAY).days_left == 90
    assert term_state(date(2024, 1, 1), date(2027, 2, 24), TODAY).term == Term.FIXED


def test_the_last_day_is_still_in_term_and_the_next_runs_indefinite() -> None:
    assert term_state(date(2024, 1, 1), TODAY, TODAY).label == "即将到期（还剩0天）"
    after = term_state(date(2021, 1, 1), date(2026, 11, 24), TODAY)
    assert (after.term, after.in_force, after.indefinite) == (Term.CONTINUED, True, True)


def test_an_unknown_start_counts_as_started_and_a_later_contract_ends_it() -> None:
    assert term_state(None, None, TODAY).term == Term.OPEN_ENDED
    assert not term_state(None, None, TODAY, superseded=True).in_force
    assert term_state(date(2026, 12, 1), None, TODAY).term == Term.NOT_STARTED
