"""The 示范项目 review interval (动态管理): the office's setting `review_years`
(resources/codes/demonstration.json, default 1), at its boundaries, and the service's credit
item counting for the same interval when the setting changes."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from app.paths import resource_dir
from app.rules.red import demonstration_state, review_years

NAMED = date(2025, 3, 10)


def test_the_default_interval_is_one_year() -> None:
    assert review_years() == 1
    assert demonstration_state(NAMED, None, [], date(2026, 3, 9)).review_due == date(2026, 3, 10)


@pytest.mark.parametrize(
    ("years", "due"), [(1, date(2026, 3, 10)), (2, date(2027, 3, 10)), (3, date(2028, 3, 10))]
)
def test_due_on_the_anniversary_of_the_interval(years: int, due: date) -> None:
    state = demonstration_state(NAMED, None, [], date(2026, 3, 9), years)
    assert state.review_due == due and state.valid


def test_a_review_restarts_the_interval_and_29_february_falls_on_1_march() -> None:
    passed = [(date(2026, 3, 1), False)]
    assert demonstration_state(NAMED, None, passed, date(2026, 3, 1), 2).review_due == date(
        2028, 3, 1
    )
    # a review not yet held on the day does not count
    assert demonstration_state(NAMED, None, passed, date(2026, 2, 28), 2).review_due == date(
        2027, 3, 10
    )
    leap = demonstration_state(date(2024, 2, 29), None, [], date(2024, 3, 1), 1)
    assert leap.review_due == date(2025, 3, 1)


@pytest.fixture
def two_year_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A copy of resources/ (linked) whose demonstration.json says 2 years: what an office
    that reviews every two years ships."""
    real = resource_dir()
    root = tmp_path / "resources"
    (root / "codes").mkdir(parents=True)
    for entry in real.iterdir():
        if entry.name != "codes":
            (root / entry.name).symlink_to(entry)
    for entry in (real / "codes").iterdir():
        if entry.name != "demonstration.json":
            (root / "codes" / entry.name).symlink_to(entry)
    (root / "codes" / "demonstration.json").write_text('{"review_years": 2}', encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    review_years.cache_clear()
    yield
    review_years.cache_clear()


def test_the_setting_is_read_from_the_office_file(two_year_setting) -> None:  # type: ignore[no-untyped-def]
    assert review_years() == 2
    assert demonstration_state(NAMED, None, [], date(2026, 3, 9)).review_due == date(2027, 3, 10)


def test_the_credit_item_counts_through_the_interval(db, two_year_setting) -> None:  # type: ignore[no-untyped-def]
    from app.services.companies import CompanyIn, create_company
    from app.services.credit import credit_sheet
    from app.services.estates import EstateIn, create_estate
    from app.services.red import DemonstrationIn, save_demonstration
    from tests.conftest import COMMUNITY_A, TODAY

    named = date(2026, 3, 1)
    with db.sessions.begin() as s:
        company = create_company(s, CompanyIn(credit_code="91340603MA2W000184", name="恒信物业"))
        data = EstateIn(community_code=COMMUNITY_A, name="翡翠花园", address="相山路1号")
        data.households = 100
        estate = create_estate(s, data, today=TODAY)
        save_demonstration(s, DemonstrationIn(estate, company, "区级", named, "相山区委组织部"),
                           today=TODAY)  # fmt: skip
    with db.reader() as s:
        (entry,) = [e for e in credit_sheet(s, "恒信物业", TODAY).entries
                    if e.kind == "demonstration"]  # fmt: skip
        assert entry.last_day == date(2028, 2, 29)  # the day before the second anniversary
        assert credit_sheet(s, "恒信物业", date(2028, 2, 29)).standing.score == 85
        assert credit_sheet(s, "恒信物业", date(2028, 3, 1)).standing.score == 80
