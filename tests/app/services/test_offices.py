"""Setting up the office: codes checked, the field named, nothing written on refusal."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.db import open_database
from app.errors import InputError
from app.models import Org
from app.services.offices import add_org, current_office, init_office, subtree_codes


def test_init_makes_the_database_the_office(db_path) -> None:
    database = open_database(db_path)
    with database.sessions.begin() as s:
        init_office(s, code="340603010000", name="曲阳街道", level="street")
    with database.reader() as s:
        office = current_office(s)
        parent = s.scalar(select(Org.parent_code))
    assert (office.code, office.name, office.level_label, parent) == (
        "340603010000", "曲阳街道", "街道", "340603000000"
    )  # fmt: skip
    database.close()


def test_a_wrong_credit_code_at_init_names_the_field_and_writes_nothing(db_path) -> None:
    database = open_database(db_path)
    with pytest.raises(InputError) as caught, database.sessions.begin() as s:
        init_office(s, code="340603010000", name="曲阳街道", level="street",
                    credit_code="11340603MB1234567X")  # fmt: skip
    assert caught.value.for_field("credit_code")
    with database.reader() as s:
        assert s.scalar(select(func.count()).select_from(Org)) == 0
    assert database.context.office_code is None
    database.close()


def test_a_code_that_does_not_fit_the_level_is_refused(db_path) -> None:
    database = open_database(db_path)
    with pytest.raises(InputError) as caught, database.sessions.begin() as s:
        init_office(s, code="340603010001", name="曲阳街道", level="street")
    assert caught.value.for_field("code")
    database.close()


def test_a_second_init_is_refused(db) -> None:
    with pytest.raises(InputError, match="不能再次初始化"), db.sessions.begin() as s:
        init_office(s, code="340603011000", name="另一街道", level="street")


def test_the_subtree_holds_the_office_and_its_communities(db) -> None:
    with db.reader() as s:
        assert sorted(s.scalars(subtree_codes(s))) == [
            "340603010000", "340603010001", "340603010002"
        ]  # fmt: skip


def test_a_unit_outside_the_office_cannot_be_added(db) -> None:
    with pytest.raises(InputError), db.sessions.begin() as s:
        add_org(s, code="340603011001", name="外街社区", level="community",
                parent_code="340603011000")  # fmt: skip
