"""Companies: GB 32100 credit codes checked and normalised; a serving company stays."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import PropertyCompany
from app.services.companies import (
    COMPANIES,
    CompanyIn,
    create_company,
    delete_company,
    get_company,
    update_company,
)
from app.services.listing import ListQuery
from tests.conftest import TODAY

GOOD = CompanyIn(credit_code="91340603MA2W000184", name="淮北市测试物业服务有限公司")


def refused(db, data: CompanyIn) -> InputError:
    with pytest.raises(InputError) as caught, db.sessions.begin() as s:
        create_company(s, data)
    return caught.value


def test_a_wrong_check_character_names_the_field_and_the_right_one(db) -> None:
    error = refused(db, replace(GOOD, credit_code="91340603MA2W000185"))
    assert any("4" in m for m in error.for_field("credit_code"))
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(PropertyCompany)) == 0


def test_full_width_and_lower_case_codes_are_stored_normalised(db) -> None:
    with db.sessions.begin() as s:
        uuid = create_company(
            s, replace(GOOD, credit_code=" ９１３４０６０３ｍａ２Ｗ０００１８４ ")
        )
    with db.reader() as s:
        assert get_company(s, uuid).credit_code == "91340603MA2W000184"


def test_one_credit_code_cannot_belong_to_two_companies(db) -> None:
    with db.sessions.begin() as s:
        create_company(s, GOOD)
    assert refused(db, replace(GOOD, name="另一家")).for_field("credit_code")


def test_a_bad_phone_is_refused_at_its_field(db) -> None:
    assert refused(db, replace(GOOD, contact_phone="12345")).for_field("contact_phone")


def test_editing_keeps_its_own_credit_code_valid(db) -> None:
    with db.sessions.begin() as s:
        uuid = create_company(s, GOOD)
    with db.sessions.begin() as s:
        update_company(s, uuid, replace(GOOD, legal_rep="张三"))
    with db.reader() as s:
        assert get_company(s, uuid).legal_rep == "张三"


def test_a_company_still_serving_an_estate_cannot_be_deleted(demo_db) -> None:
    from app.services.stats import office_stats

    with demo_db.reader() as s:
        assert office_stats(s, TODAY).companies_serving > 0
        serving = COMPANIES.page(s, ListQuery(), limit=100)
    refusals = 0
    for row in serving:
        try:
            with demo_db.sessions.begin() as s:
                delete_company(s, row.uuid, today=TODAY)
        except InputError as exc:
            assert "仍在服务" in str(exc)
            refusals += 1
    assert refusals > 0


def test_companies_sort_by_pinyin(db) -> None:
    from app.services.companies import COMPANIES

    with db.sessions.begin() as s:
        for code, name in (("91340603MA2W000184", "丽景物业"), ("91340602MA2W00026G", "华安物业"),
                           ("91340603MA2W000399", "安居物业")):  # fmt: skip
            create_company(s, CompanyIn(credit_code=code, name=name))
    with db.reader() as s:
        names = [r.values[0] for r in COMPANIES.page(s, ListQuery())]
    assert names == ["安居物业", "华安物业", "丽景物业"]
