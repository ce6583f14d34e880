"""Ledger rows applied per kind: same checks as the forms, precise rows and fields, no dupes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.models import Building, Committee, Estate, PropertyCompany
from app.rules.pinyin import pinyin_key
from app.services.estates import EstateIn, create_estate, get_estate
from app.services.ledger_import import RowIn, apply_rows
from tests.conftest import TODAY

ESTATE = {"community": "桓谭社区", "name": "相山花园", "management_type": "professional",
          "households": 320}  # fmt: skip


def run(db, kind: str, *rows: dict, errors: dict[int, list] | None = None):  # type: ignore[no-untyped-def]
    items = [RowIn(n, cells, (errors or {}).get(n, [])) for n, cells in enumerate(rows, start=3)]
    with db.sessions.begin() as s:
        return apply_rows(s, kind, items, today=TODAY)


def count(db, model) -> int:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_new_estates_are_created_and_the_same_rows_again_change_nothing(db) -> None:
    first = run(db, "estate", ESTATE, {**ESTATE, "name": "凤凰城"})
    again = run(db, "estate", ESTATE, {**ESTATE, "name": "凤凰城"})
    assert (first.created, again.created, again.unchanged, count(db, Estate)) == (2, 0, 2, 2)


def test_imported_estates_get_their_pinyin_sort_key_like_a_form_gives(db) -> None:
    run(db, "estate", ESTATE, {**ESTATE, "name": "凤凰城"})  # the bulk insert: no ORM objects
    with db.reader() as s:
        keys = dict(s.execute(select(Estate.name, Estate.name_key)).all())
    assert keys == {name: pinyin_key(name) for name in ("相山花园", "凤凰城")}


def test_a_changed_row_updates_the_estate_it_names(db) -> None:
    run(db, "estate", ESTATE)
    outcome = run(db, "estate", {**ESTATE, "households": 400})
    assert (outcome.updated, count(db, Estate)) == (1, 1)


def test_columns_the_sheet_lacks_keep_their_stored_values(db) -> None:
    with db.sessions.begin() as s:
        uuid = create_estate(s, EstateIn(community_code="340603010001", name="相山花园",
                                         households=320, elevators=12), today=TODAY)  # fmt: skip
    run(db, "estate", {**ESTATE, "households": 330})
    with db.reader() as s:
        assert (get_estate(s, uuid).elevators, get_estate(s, uuid).households) == (12, 330)


def test_each_problem_names_its_row_and_field(db) -> None:
    outcome = run(db, "estate", ESTATE, {**ESTATE, "name": "乙", "community": "外星社区"},
                  {**ESTATE, "name": "丙", "households": 0})  # fmt: skip
    assert [(p.row, p.field) for p in outcome.problems] == [(4, "community"), (5, "households")]
    assert outcome.created == 1 and outcome.refused_rows == [4, 5]


def test_an_unreadable_cell_is_reported_once_with_its_reason(db) -> None:
    outcome = run(db, "estate", {**ESTATE, "households": None},
                  errors={3: [("households", "应为整数")]})  # fmt: skip
    assert [(p.field, p.reason) for p in outcome.problems] == [("households", "应为整数")]


def test_a_repeated_estate_in_one_sheet_is_refused_at_its_second_row(db) -> None:
    outcome = run(db, "estate", ESTATE, ESTATE)
    assert [(p.row, p.field) for p in outcome.problems] == [(4, "name")]
    assert "第3行" in outcome.problems[0].reason


def test_a_wrong_credit_code_refuses_the_company_row(db) -> None:
    outcome = run(db, "company", {"name": "甲物业", "credit_code": "91340603MA2W000185"})
    assert [(p.field, "4" in p.reason) for p in outcome.problems] == [("credit_code", True)]
    assert count(db, PropertyCompany) == 0


def test_companies_are_matched_by_credit_code(db) -> None:
    run(db, "company", {"name": "甲物业", "credit_code": "91340603MA2W000184"})
    outcome = run(db, "company", {"name": "甲物业服务公司", "credit_code": "91340603ma2w000184"})
    assert (outcome.updated, count(db, PropertyCompany)) == (1, 1)


def test_buildings_need_their_estate(db) -> None:
    run(db, "estate", ESTATE)
    outcome = run(db, "building", {"community": "桓谭社区", "estate": "相山花园", "name": "1号楼"},
                  {"community": "桓谭社区", "estate": "无此小区", "name": "1号楼"})  # fmt: skip
    assert outcome.created == 1 and [(p.row, p.field) for p in outcome.problems] == [(4, "estate")]
    assert count(db, Building) == 1


def member(name: str, role: str = "member", **more) -> dict:  # type: ignore[no-untyped-def]
    return {"community": "桓谭社区", "estate": "相山花园", "term_number": 1,
            "term_start": date(2024, 3, 5), "term_end": date(2029, 3, 4),
            "elected_on": date(2024, 3, 1), "filed_on": date(2024, 3, 20),
            "member_name": name, "role": role, "party_member": True, **more}  # fmt: skip


def test_member_rows_of_one_term_become_one_committee(db) -> None:
    run(db, "estate", ESTATE)
    rows = [member("张一", "chair"), *(member(f"委员{i}") for i in range(4))]
    outcome = run(db, "committee", *rows)
    assert (outcome.created, outcome.problems, count(db, Committee)) == (1, [], 1)


def test_a_committee_of_four_is_refused_on_its_rows(db) -> None:
    run(db, "estate", ESTATE)
    outcome = run(db, "committee", member("张一", "chair"), *(member(f"委员{i}") for i in range(3)))
    assert outcome.problems and outcome.problems[0].field == "role"
    assert count(db, Committee) == 0


def test_a_member_problem_points_at_that_members_row(db) -> None:
    run(db, "estate", ESTATE)
    rows = [member("张一", "chair"), member("委员甲", phone="1381234"),
            *(member(f"委员{i}") for i in range(3))]  # fmt: skip
    outcome = run(db, "committee", *rows)
    assert (4, "phone") in [(p.row, p.field) for p in outcome.problems]
    assert outcome.refused_rows == [3, 4, 5, 6, 7]  # the roster is saved whole or not at all
    assert count(db, Committee) == 0


COMPANY = {"name": "甲物业", "credit_code": "91340603MA2W000184"}


def test_contracts_resolve_estate_and_company_and_update_on_reimport(db) -> None:
    run(db, "estate", ESTATE)
    run(db, "company", COMPANY)
    contract = {"community": "桓谭社区", "estate": "相山花园", "company": "甲物业",
                "start_date": date(2024, 1, 1), "selection_method": "open_tender"}  # fmt: skip
    first = run(db, "contract", contract)
    again = run(db, "contract", {**contract, "fee_fen_per_m2_month": 85})
    assert (first.created, again.updated, again.problems) == (1, 1, [])


def test_a_company_name_two_companies_share_must_be_told_apart(db) -> None:
    run(db, "estate", ESTATE)
    run(db, "company", COMPANY, {**COMPANY, "credit_code": "91340602MA2W00026G"})
    outcome = run(db, "staff", {"company": "甲物业", "name": "王伟", "role": "project_manager"})
    assert [(p.field, "信用代码" in p.reason) for p in outcome.problems] == [("company", True)]
    by_code = run(db, "staff", {"company": "甲物业", "company_credit_code": "91340602MA2W00026G",
                                "name": "王伟", "role": "project_manager"})  # fmt: skip
    assert (by_code.created, by_code.problems) == (1, [])


def test_a_staff_id_number_with_a_wrong_check_digit_is_refused(db) -> None:
    run(db, "company", COMPANY)
    outcome = run(db, "staff", {"company": "甲物业", "name": "王伟", "role": "project_manager",
                                "id_number": "340603198001010010"})  # fmt: skip
    assert [p.field for p in outcome.problems] == ["id_number"]


def roster(**more) -> list[dict]:  # type: ignore[no-untyped-def]
    return [member("张一", "chair", **more), *(member(f"委员{i}", **more) for i in range(4))]


def test_a_roster_without_a_phone_column_keeps_stored_phones_and_ids(db) -> None:
    from app.services.committees import get_committee

    run(db, "estate", ESTATE)
    run(db, "committee", *roster(phone="13812345678"))
    with db.sessions.begin() as s:  # an ID number entered in the form, never in the roster
        c = s.scalars(select(Committee)).one()
        c.members[0].id_number = "340603198001010013"
    rows = [{k: v for k, v in r.items() if k not in ("phone", "party_member")} for r in roster()]
    assert run(db, "committee", *rows).problems == []
    with db.reader() as s:
        members = get_committee(s, s.scalars(select(Committee.uuid)).one()).members
    assert {m.phone for m in members} == {"13812345678"} and all(m.party_member for m in members)
    assert members[0].id_number == "340603198001010013"


def test_a_refused_member_row_refuses_its_whole_roster(db) -> None:
    run(db, "estate", ESTATE)
    run(db, "committee", *roster())
    rows = roster()
    outcome = apply_rows_with_error(db, rows, bad_index=4)
    assert outcome.refused_rows == [3, 4, 5, 6, 7] and outcome.updated == 0
    with db.reader() as s:
        c = s.scalars(select(Committee)).one()
        assert len([m for m in c.members if not m.deleted]) == 5  # nobody dropped


def apply_rows_with_error(db, rows: list[dict], bad_index: int):  # type: ignore[no-untyped-def]
    return run(db, "committee", *rows, errors={3 + bad_index: [("party_member", "应填“是”或“否”")]})


def test_a_building_sheet_without_floors_keeps_the_stored_floors(db) -> None:
    run(db, "estate", ESTATE)
    where = {"community": "桓谭社区", "estate": "相山花园", "name": "1号楼"}
    run(db, "building", {**where, "floors": 18, "households": 72})
    run(db, "building", {**where, "households": 80})
    with db.reader() as s:
        building = s.scalars(select(Building)).one()
    assert (building.floors, building.households) == (18, 80)


def test_a_contract_sheet_without_an_end_date_keeps_the_stored_one(db) -> None:
    from app.models import ServiceContract

    run(db, "estate", ESTATE)
    run(db, "company", COMPANY)
    contract = {"community": "桓谭社区", "estate": "相山花园", "company": "甲物业",
                "start_date": date(2024, 1, 1), "selection_method": "open_tender"}  # fmt: skip
    run(db, "contract", {**contract, "end_date": date(2026, 12, 31)})
    assert run(db, "contract", {**contract, "fee_fen_per_m2_month": 85}).updated == 1
    with db.reader() as s:
        assert s.scalars(select(ServiceContract)).one().end_date == date(2026, 12, 31)


def test_the_same_contract_twice_in_one_sheet_is_refused(db) -> None:
    run(db, "estate", ESTATE)
    run(db, "company", COMPANY)
    contract = {"community": "桓谭社区", "estate": "相山花园", "company": "甲物业",
                "start_date": date(2024, 1, 1), "selection_method": "open_tender"}  # fmt: skip
    outcome = run(db, "contract", contract, contract)
    assert [(p.row, p.field) for p in outcome.problems] == [(4, "start_date")]


def test_a_contract_row_without_a_start_stores_it_unknown_and_reimports_once(db) -> None:
    from app.models import ServiceContract

    run(db, "estate", ESTATE)
    run(db, "company", COMPANY)
    contract = {"community": "桓谭社区", "estate": "相山花园", "company": "甲物业",
                "selection_method": "open_tender"}  # fmt: skip
    first = run(db, "contract", contract)
    again = run(db, "contract", contract)
    assert (first.created, again.created, first.problems) == (1, 0, [])
    with db.reader() as s:
        assert s.scalars(select(ServiceContract)).one().start_date is None


def test_an_estate_row_naming_its_company_without_a_start_never_dates_it_today(db) -> None:
    from app.models import ServiceContract

    run(db, "company", COMPANY)
    outcome = run(db, "estate", {**ESTATE, "company": "甲物业"})
    assert "不详" in outcome.links[0].label
    with db.reader() as s:
        assert s.scalars(select(ServiceContract)).one().start_date is None
