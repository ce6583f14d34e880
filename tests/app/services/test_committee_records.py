"""履职清单 and 负面清单 (task 4): saved through one service, each negative item's handling
(提醒, 约谈, 责令整改, 罢免建议) recorded, and both counted in the office's figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.errors import InputError
from app.services.committee_records import DutyIn, NegativeIn, save_duty, save_negative
from app.services.committees import CommitteeIn, MemberIn, get_committee, save_committee
from app.services.estates import EstateIn, create_estate
from app.services.stats import office_stats
from tests.conftest import COMMUNITY_A, TODAY


@pytest.fixture
def committee(db) -> str:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        estate = create_estate(s, EstateIn(COMMUNITY_A, "凤凰城", households=500), today=TODAY)
        members = [MemberIn(f"委员{i}", "chair" if i == 0 else "member", i < 3) for i in range(5)]
        term = dict(elected_on=date(2025, 1, 1), term_start=date(2025, 1, 1),
                    term_end=date(2029, 12, 31), filed_on=date(2025, 1, 20))  # fmt: skip
        return save_committee(s, None, CommitteeIn(estate, members=members, **term), today=TODAY,
                              require_vetting=False)


def refused(db, save, data) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught, db.sessions.begin() as s:
        save(s, None, data, today=TODAY)
    return sorted(p.field for p in caught.value.problems)


def test_a_duty_needs_a_date_not_in_the_future_and_a_category(db, committee) -> None:  # type: ignore[no-untyped-def]
    assert refused(db, save_duty, DutyIn(committee, None, " ")) == ["category", "on"]
    assert refused(db, save_duty, DutyIn(committee, TODAY + timedelta(days=1), "会议")) == ["on"]


def test_a_negative_item_records_its_measure_by_label_or_code(db, committee) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        member = get_committee(s, committee).members[1].uuid
        talk = NegativeIn(
            committee,
            date(2026, 9, 1),
            "未按期公示",
            "连续两季度",
            member,
            "约谈",
            date(2026, 9, 8),
        )
        save_negative(s, None, talk, today=TODAY)
        save_negative(s, None, NegativeIn(committee, date(2026, 10, 1), "侵占公共收益",
                                          measure="recall"), today=TODAY)  # fmt: skip
        save_negative(s, None, NegativeIn(committee, date(2026, 11, 1), "拒不配合"), today=TODAY)
        save_duty(s, None, DutyIn(committee, date(2026, 8, 1), "召开业委会会议"), today=TODAY)
        save_duty(s, None, DutyIn(committee, date(2025, 8, 1), "一年多以前"), today=TODAY)
    with db.reader() as s:
        figures = office_stats(s, TODAY).records
    assert (figures.duties, figures.negatives) == (1, 3)
    assert (figures.negatives_unhandled, figures.recall_proposals) == (1, 1)
    with db.reader() as s:
        stats = office_stats(s, TODAY).as_dict()
    # each measure counted apart (`wuye stats --json`), the subordinates' rows alike
    assert stats["negative_measures"] == {"提醒": 0, "约谈": 1, "责令整改": 0, "罢免建议": 1}


def test_every_measure_is_counted_apart_at_every_level(db, committee) -> None:  # type: ignore[no-untyped-def]
    from app.services.aggregate import subordinate_figures, total_of

    with db.sessions.begin() as s:
        for i, measure in enumerate(["提醒", "reminder", "责令整改", "约谈", "罢免建议"]):
            save_negative(s, None, NegativeIn(committee, date(2026, 10, 1 + i), f"事项{i}",
                                              measure=measure), today=TODAY)  # fmt: skip
    with db.reader() as s:
        own = office_stats(s, TODAY).as_dict()["negative_measures"]
        rows = subordinate_figures(s, TODAY)
    expected = {"提醒": 2, "约谈": 1, "责令整改": 1, "罢免建议": 1}
    assert own == expected
    assert total_of(rows).as_dict()["negative_measures"] == expected


def test_an_unknown_measure_or_a_handling_date_without_one_is_refused(db, committee) -> None:  # type: ignore[no-untyped-def]
    day = date(2026, 9, 1)
    fine = NegativeIn(committee, day, "x", measure="罚款")
    assert refused(db, save_negative, fine) == ["measure"]
    assert refused(db, save_negative, NegativeIn(committee, day, "x", handled_on=day)) == [
        "measure"
    ]
    early = NegativeIn(committee, day, "x", measure="提醒", handled_on=day - timedelta(days=1))
    assert refused(db, save_negative, early) == ["handled_on"]


def test_a_member_of_another_committee_is_refused(db, committee) -> None:  # type: ignore[no-untyped-def]
    data = NegativeIn(committee, date(2026, 9, 1), "x", member_uuid="no-such-member")
    assert refused(db, save_negative, data) == ["member_uuid"]


def test_duty_and_negative_sheets_import_onto_the_committee_of_their_term(db, committee) -> None:  # type: ignore[no-untyped-def]
    from app.services.ledger_import import RowIn, apply_rows

    place = {"community": "桓谭社区", "estate": "凤凰城"}
    duty = {**place, "on": date(2026, 3, 15), "category": "公布公共收益", "content": "第四季度"}
    negative = {**place, "term_number": 1, "on": date(2026, 6, 1), "category": "未按期公示",
                "member_name": "委员1", "measure": "责令整改",
                "handled_on": date(2026, 6, 8)}  # fmt: skip
    stranger = {**negative, "member_name": "路人甲"}
    with db.sessions.begin() as s:
        first = apply_rows(s, "duty", [RowIn(3, duty, [])], today=TODAY)
        again = apply_rows(s, "duty", [RowIn(3, duty, [])], today=TODAY)
        bad = apply_rows(s, "negative", [RowIn(3, stranger, [])], today=TODAY)
    with db.sessions.begin() as s:
        good = apply_rows(s, "negative", [RowIn(3, negative, [])], today=TODAY)
    assert (first.created, again.created, again.updated, good.created) == (1, 0, 1, 1)
    assert [p.field for p in bad.problems] == ["member_name"]
    with db.reader() as s:
        figures = office_stats(s, TODAY).records
    assert (figures.duties, figures.negatives, figures.negatives_unhandled) == (1, 1, 0)
