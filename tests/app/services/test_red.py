"""红色物业 (task 10) and 清出市场 (task 13): 交叉任职 records and their coverage, 示范项目 valid
between naming and revocation (a failed review revokes) and counted as a good credit item,
a market decision that blacklists and blocks new contracts from its day, the tender share."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import and_, func, select

from app.errors import InputError
from app.models import CrossPost, Estate, MarketDecision
from app.services.aggregate import subordinate_figures, total_of
from app.services.companies import (
    CompanyIn,
    ContractIn,
    create_company,
    save_contract,
    update_contract,
)
from app.services.credit import CreditItemIn, add_credit_item, credit_lines, credit_sheet
from app.services.estates import EstateIn, create_estate
from app.services.market import MarketDecisionIn, expel_company
from app.services.red import (
    CrossPostIn,
    DemonstrationIn,
    add_review,
    cross_post_lines,
    demonstration_lines,
    save_cross_post,
    save_demonstration,
)
from app.services.red_figures import red_figures
from app.services.stats import office_stats
from reports.xlsx.summary import community_figures
from reports.xlsx.summary import total_of as summary_total
from tests.conftest import COMMUNITY_A, COMMUNITY_B, TODAY

NAME = "恒信物业"


@pytest.fixture
def place(db) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        ids = {
            "company": create_company(s, CompanyIn(credit_code="91340603MA2W000184", name=NAME)),
        }
        for i, (community, name) in enumerate(
            [(COMMUNITY_A, "翡翠花园"), (COMMUNITY_A, "锦绣家园"), (COMMUNITY_B, "御景苑")]
        ):
            data = EstateIn(community_code=community, name=name, address=f"相山路{i}号")
            data.households = 100
            ids[f"e{i}"] = create_estate(s, data, today=TODAY)
    return ids


def post(estate: str, **changes: object) -> CrossPostIn:
    data = CrossPostIn(estate, "王伟", "社区党委委员", "业主委员会", "副主任", date(2026, 1, 1))
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_a_cross_post_is_checked_by_field_and_nothing_stored(db, place) -> None:  # type: ignore[no-untyped-def]
    bad = post("", person=" ", community_role="", side="街道", post_role="", since=None,
               phone="12", id_number="340603")  # fmt: skip
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        save_cross_post(s, bad, today=TODAY)
    fields = {p.field for p in caught.value.problems}
    assert fields == {"estate_uuid", "person", "community_role", "side", "post_role", "since",
                      "phone", "id_number"}  # fmt: skip
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        save_cross_post(s, post(place["e0"], side="物业企业", until=date(2025, 12, 31)),
                        today=TODAY)  # fmt: skip
    assert {p.field for p in caught.value.problems} == {"company_uuid", "until"}
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(CrossPost)) == 0


def test_a_reimported_cross_post_is_not_duplicated_and_lists_mask_the_phone(db, place) -> None:  # type: ignore[no-untyped-def]
    data = post(place["e0"], phone="13812345678")
    with db.sessions.begin() as s:
        first = save_cross_post(s, data, today=TODAY)
        again = save_cross_post(s, data, today=TODAY)
    assert first[1] == "created" and again == (first[0], "unchanged")
    with db.reader() as s:
        (line,) = cross_post_lines(s, TODAY)
    assert line.phone == "138****5678" and line.serving and line.side == "业主委员会"


def test_cross_post_coverage_counts_estates_serving_on_the_day(db, place) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        save_cross_post(s, post(place["e0"]), today=TODAY)
        save_cross_post(s, post(place["e0"], person="李娜"), today=TODAY)  # same estate
        # the last day counts; the day after does not
        save_cross_post(s, post(place["e1"], until=TODAY), today=TODAY)
        save_cross_post(s, post(place["e2"], until=TODAY - timedelta(days=1), side="物业企业",
                                company_uuid=place["company"], post_role="项目经理",
                                direction="进入社区两委"), today=TODAY)  # fmt: skip
    with db.reader() as s:
        got = red_figures(s, TODAY, estates=Estate.deleted.is_(False))[None]
        after = red_figures(s, TODAY + timedelta(days=1), estates=Estate.deleted.is_(False))[None]
    assert (got.cross_post.numerator, got.cross_post.denominator) == (2, 3)
    assert (after.cross_post.numerator, after.cross_post.denominator) == (1, 3)


def test_a_demonstration_is_valid_until_revoked_by_a_failed_review(db, place) -> None:  # type: ignore[no-untyped-def]
    named = date(2026, 3, 1)
    with db.sessions.begin() as s:
        project = save_demonstration(
            s, DemonstrationIn(place["e0"], place["company"], "区级", named, "相山区委组织部"),
            today=TODAY,
        )  # fmt: skip
    with db.reader() as s:
        (line,) = demonstration_lines(s, TODAY)
        assert line.state.valid and line.state.review_due == date(2027, 3, 1)
        assert credit_sheet(s, NAME, TODAY).standing.score == 85  # +5 示范项目, derived
        assert red_figures(s, TODAY, estates=Estate.deleted.is_(False))[None].demonstrations == 1
    with db.sessions.begin() as s:
        add_review(s, project, date(2026, 9, 1), "合格", today=TODAY)
        add_review(s, project, date(2026, 11, 1), "不合格", "党建活动停摆", today=TODAY)
    with db.reader() as s:
        before = demonstration_lines(s, date(2026, 10, 31))[0].state
        (line,) = demonstration_lines(s, TODAY)
        assert before.valid and not line.state.valid
        assert line.state.revoked_on == date(2026, 11, 1)
        sheet = credit_sheet(s, NAME, TODAY)
        (entry,) = [e for e in sheet.entries if e.kind == "demonstration"]
        assert entry.last_day == date(2026, 10, 31) and sheet.standing.score == 80
        assert credit_sheet(s, NAME, date(2026, 10, 31)).standing.score == 85
        assert red_figures(s, TODAY, estates=Estate.deleted.is_(False)) == {
            None: red_figures(s, TODAY, estates=Estate.deleted.is_(False))[None]
        }
        assert red_figures(s, TODAY, estates=Estate.deleted.is_(False))[None].demonstrations == 0
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        add_review(s, project, date(2026, 2, 1), "优秀", today=TODAY)
    assert {p.field for p in caught.value.problems} == {"result", "on"}


def expel(on: date, refs: list[str]) -> MarketDecisionIn:
    return MarketDecisionIn(NAME, on, "淮北市住房和城乡建设局", "淮住建〔2026〕9号",
                            "拒不整改，侵害业主权益", refs)  # fmt: skip


def test_expelling_needs_grounds_from_the_companys_bad_record(db, place) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        good = add_credit_item(s, CreditItemIn(NAME, date(2026, 3, 1), "表彰", "表彰"))
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        expel_company(s, MarketDecisionIn(NAME, TODAY + timedelta(days=1), " ", "", "", []),
                      today=TODAY)  # fmt: skip
    assert {p.field for p in caught.value.problems} == {"on", "body", "doc_no", "grounds", "refs"}
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        expel_company(s, expel(TODAY, [good, "no-such-item"]), today=TODAY)
    assert "no-such-item" in caught.value.message
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(MarketDecision)) == 0


def test_an_expelled_company_is_blacklisted_and_refused_new_contracts_from_its_day(
    db,
    place,  # type: ignore[no-untyped-def]
) -> None:
    day = TODAY - timedelta(days=5)
    with db.sessions.begin() as s:
        bad = add_credit_item(s, CreditItemIn(NAME, date(2026, 6, 1), "负面查处", "违规收费"))
        expel_company(s, expel(day, [bad]), today=TODAY)
    with db.reader() as s:
        the_day_before = credit_sheet(s, NAME, day - timedelta(days=1))
        on_the_day = credit_sheet(s, NAME, day)
        assert the_day_before.standing.band != "黑名单" and not the_day_before.decision
        assert on_the_day.standing.band == "黑名单"
        assert on_the_day.decision.endswith("决定清出市场（淮住建〔2026〕9号）")
        assert [line.name for line in credit_lines(s, TODAY, "失信")] == [NAME]
    contract = ContractIn(place["e0"], place["company"], date(2026, 12, 1), date(2029, 11, 30))
    with db.sessions.begin() as s:  # the day before the decision: still allowed
        save_contract(s, contract, today=day - timedelta(days=1))
    again = ContractIn(place["e1"], place["company"], date(2026, 12, 1), date(2029, 11, 30))
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        save_contract(s, again, today=day)
    assert "已于" in caught.value.message and "被清出市场" in caught.value.message
    with db.sessions.begin() as s:  # the contract kept is still edited; moving one is refused
        other = create_company(s, CompanyIn(credit_code="91340603MA2W00026Y", name="安居物业"))
        moved = save_contract(s, replace(again, company_uuid=other), today=day)[0]
        update_contract(s, moved, replace(again, company_uuid=other, fee_fen_per_m2_month=150),
                        today=day)  # fmt: skip
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        update_contract(s, moved, again, today=day)
    assert "被清出市场" in caught.value.message
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        expel_company(s, expel(day, [bad]), today=TODAY)  # once only
    assert "已有清出市场决定" in caught.value.message


def test_tender_share_counts_contracts_signed_this_year_and_sums_up(db, place) -> None:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        for estate, start, method in [
            ("e0", date(2026, 1, 1), "公开招标"),  # first day of the year
            ("e1", date(2026, 5, 1), "协议选聘"),
            ("e2", date(2026, 6, 1), "公开招标"),
            ("e2", date(2025, 12, 31), "公开招标"),  # last year: not counted
            ("e1", TODAY + timedelta(days=1), "公开招标"),  # not yet signed
        ]:
            save_contract(s, ContractIn(place[estate], place["company"], start, None, method),
                          today=TODAY)  # fmt: skip
        save_cross_post(s, post(place["e2"]), today=TODAY)
    with db.reader() as s:
        whole = red_figures(s, TODAY, estates=Estate.deleted.is_(False))[None]
        in_a = and_(Estate.deleted.is_(False), Estate.community_code == COMMUNITY_A)
        a = red_figures(s, TODAY, estates=in_a)[None]
        rows = subordinate_figures(s, TODAY)
        street = office_stats(s, TODAY)
        summary = community_figures(s, TODAY)
    assert (whole.tender.numerator, whole.tender.denominator) == (2, 3)
    assert (a.tender.numerator, a.tender.denominator) == (1, 2)
    total = total_of(rows)
    assert total.red == whole == street.red
    assert sum((r.red for r in rows), start=type(whole)()) == whole
    # the summary workbook's rows: the same figures per community, its 合计 the street's
    assert [r.red for r in summary] == [r.red for r in rows]
    assert summary_total(summary).red == whole
    assert (whole.cross_post.numerator, whole.cross_post.denominator) == (1, 3)
