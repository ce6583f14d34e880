"""Committees: composition and terms per DOMAIN.md §2; rosters saved whole."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.db.sync import INCLUDE_DELETED
from app.errors import InputError
from app.models import CommitteeMember
from app.rules.vetting import CHECKS, CheckIn
from app.services.committees import (
    CommitteeIn,
    MemberIn,
    get_committee,
    party_share,
    save_committee,
)
from app.services.estates import EstateIn, create_estate
from tests.conftest import COMMUNITY_A, TODAY


def vetted(on: date = date(2024, 2, 20)) -> list[CheckIn]:
    return [CheckIn(item.code, True, "社区党委", on) for item in CHECKS]


def roster(size: int = 5, chairs: int = 1, party: int = 3) -> list[MemberIn]:
    roles = ["chair"] * chairs + ["member"] * (size - chairs)
    return [MemberIn(f"委员{i}", role, i < party, checks=vetted()) for i, role in enumerate(roles)]


@pytest.fixture
def estate(db) -> str:
    with db.sessions.begin() as s:
        return create_estate(
            s, EstateIn(community_code=COMMUNITY_A, name="凤凰城", households=500), today=TODAY
        )


def committee(estate: str, **changes) -> CommitteeIn:
    base = CommitteeIn(
        estate_uuid=estate,
        elected_on=date(2024, 3, 1),
        term_start=date(2024, 3, 5),
        term_end=date(2029, 3, 4),
        filed_on=date(2024, 3, 20),
        members=roster(),
    )
    return replace(base, **changes)


def refused(db, data: CommitteeIn) -> InputError:
    with pytest.raises(InputError) as caught, db.sessions.begin() as s:
        save_committee(s, None, data, today=TODAY)
    return caught.value


def test_an_even_number_of_seated_members_is_refused(db, estate) -> None:
    assert any(
        "单数" in m for m in refused(db, committee(estate, members=roster(6))).for_field("members")
    )


def test_exactly_one_chair(db, estate) -> None:
    messages = refused(db, committee(estate, members=roster(5, chairs=2))).for_field("members")
    assert any("只有一名主任" in m for m in messages)


def test_alternates_do_not_count_as_seated(db, estate) -> None:
    members = [*roster(5), MemberIn("候补甲", "alternate")]
    with db.sessions.begin() as s:
        save_committee(s, None, committee(estate, members=members), today=TODAY)


def test_a_term_longer_than_five_years_is_refused(db, estate) -> None:
    error = refused(db, committee(estate, term_end=date(2029, 3, 6)))
    assert error.for_field("term_end") == ["任期不得超过5年（最晚至2029-03-04）"]


def test_filing_before_the_election_is_refused(db, estate) -> None:
    assert refused(db, committee(estate, filed_on=date(2024, 2, 1))).for_field("filed_on")


def test_a_member_with_a_bad_phone_is_named(db, estate) -> None:
    members = roster()
    members[2] = replace(members[2], phone="1381234")
    messages = refused(db, committee(estate, members=members)).for_field("members.2.phone")
    assert len(messages) == 1 and "委员2" in messages[0]


def test_saving_a_roster_keeps_members_and_tombstones_the_removed(db, estate) -> None:
    with db.sessions.begin() as s:
        uuid = save_committee(s, None, committee(estate), today=TODAY)
    with db.reader() as s:
        first = get_committee(s, uuid).members
    kept = [*first[:4], MemberIn("新委员", "member", checks=vetted())]
    with db.sessions.begin() as s:
        save_committee(s, uuid, committee(estate, members=kept), today=TODAY)
    with db.reader() as s:
        now = get_committee(s, uuid).members
        every = s.scalars(
            select(CommitteeMember).execution_options(**{INCLUDE_DELETED: True})
        ).all()
    assert [m.uuid for m in now[:4]] == [m.uuid for m in first[:4]]
    assert [m.name for m in now] == [m.name for m in kept]
    assert sum(m.deleted for m in every) == 1


def test_party_share_counts_seated_members_only() -> None:
    members = [*roster(5, party=2), MemberIn("候补", "alternate", party_member=True)]
    share = party_share(members)
    assert (share.party, share.seated, share.met) == (2, 5, False)
    assert party_share(roster(5, party=3)).met


@pytest.mark.parametrize("key", ["filed_on", "term_end", "party_share"])
@pytest.mark.parametrize("descending", [False, True])
def test_committees_page_by_a_column_with_blanks(demo_db, key: str, descending: bool) -> None:
    from app.services.committees import COMMITTEES
    from app.services.listing import ListQuery

    query = ListQuery(sort_key=key, descending=descending)
    with demo_db.reader() as s:
        pages, after = [], None
        while page := COMMITTEES.page(s, query, after=after, limit=7):
            pages += page
            after = page[-1]
        assert len({r.uuid for r in pages}) == COMMITTEES.count(s, query) == 47


def test_the_list_says_when_a_term_has_run_out_though_the_stored_status_is_active(demo_db) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from app.services.committees import COMMITTEES
    from app.services.listing import ListQuery
    from app.services.stats import office_stats

    today = datetime.now(UTC).date()  # the database's CURRENT_DATE is in UTC
    with demo_db.reader() as s:
        rows = COMMITTEES.page(s, ListQuery(), limit=500)
        shown = [COMMITTEES.columns[-1].display(r.values[-1]) for r in rows]
        expired = office_stats(s, today).expired
        active = COMMITTEES.page(s, ListQuery(filters=(("status", "active"),)), limit=500)
    assert shown.count("已届满（未换届）") == len(expired) > 0
    assert len(active) == shown.count("在任") + shown.count("已届满（未换届）")
