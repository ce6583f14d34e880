"""Estates through their service: validation per field, and the keyset-paged list."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace

import pytest

from app.errors import InputError
from app.services.estates import (
    ESTATES,
    EstateIn,
    create_estate,
    delete_estate,
    get_estate,
    update_estate,
)
from app.services.listing import ListQuery
from tests.conftest import COMMUNITY_A, TODAY

GOOD = EstateIn(community_code=COMMUNITY_A, name="相山花园", households=320, building_count=6)


def problems_of(db, data: EstateIn) -> dict[str, list[str]]:
    with pytest.raises(InputError) as caught, db.sessions.begin() as s:
        create_estate(s, data, today=TODAY)
    return {p.field: [p.message] for p in caught.value.problems}


def test_create_then_read_back(db) -> None:
    with db.sessions.begin() as s:
        uuid = create_estate(s, replace(GOOD, name="  相山花园 "), today=TODAY)
    with db.reader() as s:
        assert get_estate(s, uuid) == GOOD


def test_missing_name_and_households_are_named(db) -> None:
    found = problems_of(db, replace(GOOD, name=" ", households=0))
    assert found == {"name": ["小区名称不能为空"], "households": ["户数应大于0"]}


def test_a_community_outside_the_office_is_refused(db) -> None:
    assert "community_code" in problems_of(db, replace(GOOD, community_code="340604001001"))


def test_a_future_build_year_is_refused(db) -> None:
    assert "built_year" in problems_of(db, replace(GOOD, built_year=TODAY.year + 1))


def test_the_same_name_twice_in_one_community_is_refused(db) -> None:
    with db.sessions.begin() as s:
        create_estate(s, GOOD, today=TODAY)
    assert "name" in problems_of(db, GOOD)


def test_update_changes_fields_and_keeps_identity(db) -> None:
    with db.sessions.begin() as s:
        uuid = create_estate(s, GOOD, today=TODAY)
    with db.sessions.begin() as s:
        update_estate(s, uuid, replace(GOOD, households=400, is_old=True), today=TODAY)
    with db.reader() as s:
        assert get_estate(s, uuid).households == 400


def test_deleted_estates_leave_the_list(db) -> None:
    with db.sessions.begin() as s:
        uuid = create_estate(s, GOOD, today=TODAY)
    with db.sessions.begin() as s:
        delete_estate(s, uuid)
    with db.reader() as s:
        assert ESTATES.page(s, ListQuery()) == []


def test_the_unfiltered_count_leaves_out_deleted_estates(demo_db) -> None:
    with demo_db.reader() as s:
        first = ESTATES.page(s, ListQuery(), limit=3)
    with demo_db.sessions.begin() as s:
        for row in first:
            delete_estate(s, row.uuid)
    with demo_db.reader() as s:
        listed = ESTATES.page(s, ListQuery(), limit=1000)
        assert ESTATES.count(s, ListQuery()) == len(listed) == 57
        filters = (("management_type", ""), ("community", None))  # the combos' "all"
        assert ESTATES.count(s, ListQuery(filters=filters)) == 57


def test_tombstones_are_counted_from_an_index_not_the_rows(db) -> None:
    """The unfiltered count reads the table's size and an index range (listing.live_rows):
    a count that scanned 100,000 estates ran beside every first screen (issue 18). The
    index holds tombstones only: the list's own queries never take it."""
    with closing(sqlite3.connect(db.path)) as con:
        def plan(sql: str) -> str:
            return " ".join(str(step[-1]) for step in con.execute("EXPLAIN QUERY PLAN " + sql))

        assert "ix_estate_tombstones" in plan("SELECT count(*) FROM estate WHERE deleted = 1")
        assert "ix_estate_tombstones" not in plan(
            "SELECT uuid FROM estate WHERE deleted = 0 ORDER BY name_key, uuid LIMIT 200"
        )


def test_search_finds_a_chinese_substring(demo_db) -> None:
    with demo_db.reader() as s:
        rows = ESTATES.page(s, ListQuery(text="花园"))
    assert rows and all("花园" in " ".join(map(str, r.values)) for r in rows)


def test_search_treats_percent_and_underscore_literally(demo_db) -> None:
    with demo_db.reader() as s:
        assert ESTATES.page(s, ListQuery(text="%")) == []
        assert ESTATES.page(s, ListQuery(text="_")) == []


def test_keyset_pages_join_up_to_the_whole_sorted_list(demo_db) -> None:
    query = ListQuery(sort_key="households", descending=True)
    with demo_db.reader() as s:
        whole = ESTATES.page(s, query, limit=1000)
        pages, after = [], None
        while page := ESTATES.page(s, query, after=after, limit=7):
            pages += page
            after = page[-1]
    assert [r.uuid for r in pages] == [r.uuid for r in whole] and len(whole) == 60
    households = [r.values[4] for r in whole]
    assert households == sorted(households, reverse=True)


def test_filters_narrow_the_list(demo_db) -> None:
    with demo_db.reader() as s:
        rows = ESTATES.page(s, ListQuery(filters=(("management_type", "none"),)))
        count = ESTATES.count(s, ListQuery(filters=(("management_type", "none"),)))
    assert len(rows) == count == 4
    assert {ESTATES.display(r)[3] for r in rows} == {"无物管"}


def test_estates_of_a_community_outside_the_office_are_not_listed(db) -> None:
    from app.models import Estate, Org

    with db.sessions.begin() as s:
        create_estate(s, GOOD, today=TODAY)
        # A row relayed from elsewhere: not this office's subtree (as a package might bring).
        s.add(Org(code="340604001001", name="外区社区", level="community",
                  parent_code="340604001000"))  # fmt: skip
        s.add(Estate(community_code="340604001001", name="外区小区", management_type="none"))
    with db.reader() as s:
        names = [r.values[0] for r in ESTATES.page(s, ListQuery())]
        assert names == ["相山花园"] and ESTATES.count(s, ListQuery()) == 1


def test_a_picker_lists_all_60_demo_estates_and_says_how_many_a_cut_list_leaves_out(
    demo_db,
) -> None:  # type: ignore[no-untyped-def]
    from app.services.estates import estate_matches

    with demo_db.reader() as s:
        whole, cut = estate_matches(s), estate_matches(s, limit=50)
    assert (len(whole.choices), whole.more) == (60, 0)
    assert (len(cut.choices), cut.more) == (50, 10)


def test_the_estate_list_sorts_names_by_pinyin_and_keeps_the_key_on_rename(db) -> None:
    def names() -> list[str]:
        with db.reader() as s:
            return [r.values[0] for r in ESTATES.page(s, ListQuery())]

    with db.sessions.begin() as s:
        made = {}
        for n in ("丽水嘉园", "华家园", "和平新村"):
            data = EstateIn(community_code=COMMUNITY_A, name=n, households=1)
            made[n] = create_estate(s, data, today=TODAY)
    assert names() == ["和平新村", "华家园", "丽水嘉园"]
    with db.sessions.begin() as s:
        data = get_estate(s, made["丽水嘉园"])
        update_estate(s, made["丽水嘉园"], replace(data, name="爱民小区"), today=TODAY)
    assert names()[0] == "爱民小区"
