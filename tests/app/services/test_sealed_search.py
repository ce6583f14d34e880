"""Search by a personal field (issue 14): the owners' register searched by an owner's name
finds the owner although the name is sealed in the file; paging by keyset stays whole."""

from __future__ import annotations

from sqlalchemy import select

from app.db import Database
from app.models.voting import UnitOwner
from app.services.ledger_exports import UNIT_REGISTER
from app.services.listing import ListQuery, ListRow


def _every_page(db: Database, query: ListQuery, limit: int) -> list[ListRow]:
    found: list[ListRow] = []
    after = None
    with db.reader() as s:
        while page := UNIT_REGISTER.page(s, query, after, limit):
            found.extend(page)
            after = page[-1]
    return found


def _owner_column() -> int:
    return [c.key for c in UNIT_REGISTER.columns].index("owner_name")


def test_the_owners_register_finds_an_owner_by_part_of_the_name(demo_db: Database) -> None:
    with demo_db.reader() as s:
        names = s.scalars(select(UnitOwner.owner_name).where(UnitOwner.owner_name != "")).all()
    name = max(set(names), key=len)
    word = name[1:] if len(name) > 2 else name  # a part, not the whole stored value
    query = ListQuery(text=word)
    rows = _every_page(demo_db, query, limit=200)
    expected = sum(1 for n in names if word in n)
    assert expected and len(rows) == expected
    assert all(word in r.values[_owner_column()] for r in rows)
    with demo_db.reader() as s:
        assert UNIT_REGISTER.count(s, query) == expected


def test_a_common_surname_pages_by_keyset_without_loss_or_repeat(demo_db: Database) -> None:
    """One character found in many names: pages of 7 give the rows one page gives."""
    with demo_db.reader() as s:
        names = s.scalars(select(UnitOwner.owner_name).where(UnitOwner.owner_name != "")).all()
    surname = max({n[0] for n in names}, key=lambda c: sum(n[0] == c for n in names))
    query = ListQuery(text=surname)
    small = _every_page(demo_db, query, limit=7)
    whole = _every_page(demo_db, query, limit=100_000)
    assert [r.uuid for r in small] == [r.uuid for r in whole]
    assert len({r.uuid for r in small}) == len(small) == sum(surname in n for n in names)


def test_an_owner_sorted_by_name_pages_without_loss(demo_db: Database) -> None:
    with demo_db.reader() as s:
        names = s.scalars(select(UnitOwner.owner_name).where(UnitOwner.owner_name != "")).all()
    word = names[0][0]
    query = ListQuery(text=word, sort_key="owner_name")
    small = _every_page(demo_db, query, limit=5)
    assert len({r.uuid for r in small}) == len(small) == sum(word in n for n in names)
