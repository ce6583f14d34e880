"""Satisfaction surveys (issue 17 item 4, first half): the questionnaire as data, answers from
paper, the score per item and overall, compared with the estate's previous campaign."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import InputError
from app.rules.surveys import SurveyItem, item_scores, overall_score
from app.services.estates import EstateIn, create_estate
from app.services.print_versions import CHANGED, NEVER_PRINTED
from app.services.survey_prints import (
    last_printed_versions,
    plan_survey_result,
    record_survey_result,
    survey_results_out_of_date,
)
from app.services.surveys import CampaignIn, add_response, save_campaign, survey_result
from tests.conftest import COMMUNITY_A, TODAY

ITEMS = [
    SurveyItem("clean", "保洁", 2),
    SurveyItem("safety", "秩序维护", 1),
    SurveyItem("repair", "维修响应", 1),
]


def test_scores_per_item_and_weighted_overall_with_blanks_left_out() -> None:
    answers = [{"clean": 5, "safety": 4, "repair": None}, {"clean": 4, "safety": 2, "repair": None}]
    scores = item_scores(ITEMS, 5, answers)
    assert [(s.answered, s.score) for s in scores] == [(2, 90.0), (2, 60.0), (0, None)]
    assert overall_score(ITEMS, scores) == 80.0  # (2·90 + 60) / 3: the blank item is left out
    assert overall_score(ITEMS, item_scores(ITEMS, 5, [])) is None


@pytest.fixture
def estate(db) -> str:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        return create_estate(s, EstateIn(COMMUNITY_A, "相山花园", households=320), today=TODAY)


def campaign(db, estate: str, title: str, started: date, **changes) -> str:  # type: ignore[no-untyped-def]
    data = CampaignIn(estate, title, started, None, "paper", 50, 5, list(ITEMS))
    for key, value in changes.items():
        setattr(data, key, value)
    with db.sessions.begin() as s:
        return save_campaign(s, None, data, today=TODAY)


def answer(db, uuid: str, *rows: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    with db.sessions.begin() as s:
        for scores in rows:
            add_response(s, uuid, scores, answered_on=TODAY)


def test_a_campaign_is_compared_with_the_previous_one(db, estate) -> None:  # type: ignore[no-untyped-def]
    spring = campaign(db, estate, "2026年春季满意度调查", date(2026, 3, 1))
    answer(db, spring, {"clean": 3, "safety": 4, "repair": 2}, {"clean": 4, "safety": 4})
    autumn = campaign(db, estate, "2026年秋季满意度调查", date(2026, 9, 1))
    answer(db, autumn, {"clean": 5, "safety": 4, "repair": 4}, {"clean": 4, "safety": 3})
    with db.reader() as s:
        result = survey_result(s, autumn)
        first = survey_result(s, spring)
    assert (result.responses, result.sample_size) == (2, 50)
    by_code = {r.score.code: r for r in result.items}
    assert (by_code["clean"].score.score, by_code["clean"].previous) == (90.0, 70.0)
    assert by_code["clean"].change == 20.0
    assert (by_code["repair"].score.score, by_code["repair"].change) == (80.0, 40.0)
    assert result.previous_title == "2026年春季满意度调查"
    assert (result.overall, result.previous_overall, result.overall_change) == (82.5, 65.0, 17.5)
    assert first.previous_title is None and first.overall_change is None


@pytest.mark.parametrize(
    ("scores", "field", "words"),
    [
        ({"clean": 6}, "scores.clean", "评分应为1至5，现为6"),
        ({"clean": 0}, "scores.clean", "现为0"),
        ({"clean": None, "safety": None}, "scores", "没有任何评分"),
        ({"clean": 3, "parking": 4}, "scores", "没有题号“parking”"),
    ],
)
def test_a_paper_questionnaire_out_of_the_scale_is_refused(  # type: ignore[no-untyped-def]
    db, estate, scores, field, words
) -> None:
    uuid = campaign(db, estate, "调查", date(2026, 3, 1))
    with pytest.raises(InputError) as caught:
        answer(db, uuid, scores)
    assert any(words in m for m in caught.value.for_field(field))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"scale": 1}, "scale"),
        ({"items": []}, "items"),
        ({"items": [SurveyItem("a", "甲"), SurveyItem("a", "乙")]}, "items.1.code"),
        ({"items": [SurveyItem("a", "甲", 0)]}, "items.0.weight"),
        ({"sample_size": 0}, "sample_size"),
        ({"method": "guess"}, "method"),
    ],
)
def test_a_bad_questionnaire_is_refused_by_field(db, estate, changes, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        campaign(db, estate, "调查", date(2026, 3, 1), **changes)
    assert caught.value.for_field(field)


def test_the_questionnaire_is_fixed_once_answers_are_in(db, estate) -> None:  # type: ignore[no-untyped-def]
    uuid = campaign(db, estate, "调查", date(2026, 3, 1))
    answer(db, uuid, {"clean": 4})
    data = CampaignIn(estate, "调查", date(2026, 3, 1), None, "paper", 50, 5, ITEMS[:2])
    with pytest.raises(InputError) as caught, db.sessions.begin() as s:
        save_campaign(s, uuid, data, today=TODAY)
    assert caught.value.for_field("items") == ["已录入答卷的调查不能再改问卷题目或评分档数"]


def test_the_result_prints_overall_and_items_beside_the_previous(db, estate, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from reports.pdf.survey import draw_survey_result

    spring = campaign(db, estate, "2026年春季满意度调查", date(2026, 3, 1))
    answer(db, spring, {"clean": 3, "safety": 4, "repair": 2}, {"clean": 4, "safety": 4})
    autumn = campaign(db, estate, "2026年秋季满意度调查", date(2026, 9, 1))
    answer(db, autumn, {"clean": 5, "safety": 4, "repair": 4}, {"clean": 4, "safety": 3})
    with db.sessions.begin() as s:
        content = plan_survey_result(s, autumn, today=TODAY)
        out = draw_survey_result(content, tmp_path / "result.pdf")
        record_survey_result(s, content)
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace("\n", "")
    for words in ("2026年秋季满意度调查结果", "综合满意度：82.5分，比上次提高17.5分",
                  "维修响应：80.0分（1份作答），比上次提高40.0分", "回收率4.0%",
                  "桓谭社区居民委员会", "本公告为第1版"):  # fmt: skip
        assert words in text


def test_every_print_is_the_next_version_and_a_changed_result_is_listed(db, estate) -> None:  # type: ignore[no-untyped-def]
    """Never printed, printed (v1, up to date), an answer corrected (listed: 内容已变化),
    printed again (v2); a print planned before another took its number is refused."""
    spring = campaign(db, estate, "2026年春季满意度调查", date(2026, 3, 1))
    autumn = campaign(db, estate, "2026年秋季满意度调查", date(2026, 9, 1))
    answer(db, spring, {"clean": 3, "safety": 4})
    with db.sessions.begin() as s:
        add_response(s, autumn, {"clean": 5, "safety": 4}, answered_on=TODAY, number="001")

    def stale() -> dict[str, tuple[int | None, str]]:
        with db.reader() as s:
            return {st.title: (st.last_version, st.reason)
                    for st in survey_results_out_of_date(s, today=TODAY)}  # fmt: skip

    assert stale() == {"2026年春季满意度调查结果": (None, NEVER_PRINTED),
                       "2026年秋季满意度调查结果": (None, NEVER_PRINTED)}  # fmt: skip
    with db.sessions.begin() as s:
        first = plan_survey_result(s, autumn, today=TODAY)
        record_survey_result(s, first)
    assert first.version == 1 and "2026年秋季满意度调查结果" not in stale()
    with db.sessions.begin() as s:  # the same sheet typed again: nothing changes
        add_response(s, autumn, {"clean": 5, "safety": 4}, answered_on=TODAY, number="001")
    assert "2026年秋季满意度调查结果" not in stale()
    with db.sessions.begin() as s:  # corrected: the score on the wall is wrong now
        add_response(s, autumn, {"clean": 2, "safety": 4}, answered_on=TODAY, number="001")
    assert stale()["2026年秋季满意度调查结果"] == (1, CHANGED)
    with db.sessions.begin() as s:
        again = plan_survey_result(s, autumn, today=TODAY)
        record_survey_result(s, again)
    assert again.version == 2 and "2026年秋季满意度调查结果" not in stale()
    with db.sessions.begin() as s:  # the previous campaign it compares with changed
        add_response(s, spring, {"clean": 1, "safety": 1}, answered_on=TODAY)
    assert stale()["2026年秋季满意度调查结果"] == (2, CHANGED)
    with pytest.raises(InputError) as caught, db.sessions.begin() as s:
        record_survey_result(s, again)  # v2 is taken
    assert "已印至第2版" in caught.value.for_field("version")[0]
    with db.reader() as s:
        assert last_printed_versions(s) == {autumn: 2}


def test_a_viewer_prints_the_result_and_the_print_is_recorded(db, estate) -> None:  # type: ignore[no-untyped-def]
    """查看 may print a result 公告 (figures only, like a masked board) but not answer."""
    from datetime import datetime

    from app.services.accounts import add_account, sign_in_database

    uuid = campaign(db, estate, "2026年秋季满意度调查", date(2026, 9, 1))
    answer(db, uuid, {"clean": 5, "safety": 4})
    now = datetime(2026, 11, 25, 9, 0)
    with db.sessions.begin() as s:
        add_account(s, "管理员", "admin", "admin-pass-1", now=now)
    sign_in_database(db, "管理员", "admin-pass-1", now=now)
    with db.sessions.begin() as s:
        add_account(s, "小王", "viewer", "viewer-pass-1", now=now)
    sign_in_database(db, "小王", "viewer-pass-1", now=now)
    with db.sessions.begin() as s:
        record_survey_result(s, plan_survey_result(s, uuid, today=TODAY))
    with db.reader() as s:
        assert last_printed_versions(s) == {uuid: 1}
    with pytest.raises(InputError):
        answer(db, uuid, {"clean": 1})


def test_an_answer_opened_by_its_id_is_corrected_renumbered_or_deleted(db, estate) -> None:  # type: ignore[no-untyped-def]
    from app.services.surveys import delete_response, get_response, response_lines

    uuid = campaign(db, estate, "调查", date(2026, 3, 1))
    with db.sessions.begin() as s:
        first = add_response(s, uuid, {"clean": 5}, answered_on=TODAY, number="001")
        second = add_response(s, uuid, {"clean": 3}, answered_on=TODAY)  # no number
    with db.sessions.begin() as s:  # the unnumbered sheet gets its number and a new score
        assert add_response(s, uuid, {"clean": 4}, answered_on=TODAY, number="002",
                            uuid=second) == second  # fmt: skip
    with pytest.raises(InputError) as caught, db.sessions.begin() as s:
        add_response(s, uuid, {"clean": 1}, answered_on=TODAY, number="001", uuid=second)
    assert "已录入为另一份答卷" in caught.value.for_field("number")[0]
    with db.reader() as s:
        assert [(r.number, r.scores["clean"]) for r in response_lines(s, uuid)] == [
            ("001", 5), ("002", 4)
        ]  # fmt: skip
        assert get_response(s, second)[0] == uuid
    with db.sessions.begin() as s:
        delete_response(s, first)
    with db.reader() as s:
        assert survey_result(s, uuid).responses == 1


def test_the_page_list_shows_each_campaigns_printed_version_and_sorts_by_it(db, estate) -> None:  # type: ignore[no-untyped-def]
    from app.services.listing import ListQuery
    from app.services.surveys import SURVEYS

    spring = campaign(db, estate, "春季", date(2026, 3, 1))
    autumn = campaign(db, estate, "秋季", date(2026, 9, 1))
    answer(db, autumn, {"clean": 5})
    with db.sessions.begin() as s:
        record_survey_result(s, plan_survey_result(s, autumn, today=TODAY))
    with db.reader() as s:
        for descending in (False, True):
            rows = SURVEYS.page(s, ListQuery(sort_key="printed", descending=descending), limit=1)
            rows += SURVEYS.page(s, ListQuery(sort_key="printed", descending=descending),
                                 after=rows[-1], limit=5)  # fmt: skip
            shown = [(r.uuid, SURVEYS.columns[-1].display(r.values[-1])) for r in rows]
            expected = [(spring, "未打印"), (autumn, "第1版")]
            assert shown == (expected[::-1] if descending else expected)


def test_a_survey_at_the_line_is_a_good_credit_item_of_the_company_serving_then(db, estate) -> None:  # type: ignore[no-untyped-def]
    """Issue 17 item 5: survey scores above a line are good credit evidence, derived (never
    typed) for the company whose contract was in force on the campaign's day."""
    from app.rules.credit import credit_scheme
    from app.services.companies import CompanyIn, ContractIn, create_company, create_contract
    from app.services.credit import credit_sheet

    assert credit_scheme().satisfaction_line == 90
    with db.sessions.begin() as s:
        company = create_company(s, CompanyIn(credit_code="91340603MA2W000184", name="恒信物业"))
        create_contract(s, ContractIn(estate, company, date(2026, 1, 1), date(2028, 12, 31)))
    before = campaign(db, estate, "2025年满意度调查", date(2025, 6, 1))  # before its contract
    answer(db, before, {"clean": 5, "safety": 5, "repair": 5})
    below = campaign(db, estate, "2026年春季满意度调查", date(2026, 3, 1))
    answer(db, below, {"clean": 5, "safety": 4, "repair": 3})  # (200 + 80 + 60) / 4 = 85
    at = campaign(db, estate, "2026年秋季满意度调查", date(2026, 9, 1), ended_on=date(2026, 9, 20))
    answer(db, at, {"clean": 5, "safety": 4, "repair": 4})  # (200 + 80 + 80) / 4 = 90
    with db.reader() as s:
        got = credit_sheet(s, "恒信物业", TODAY)
    [item] = [e for e in got.entries if e.kind == "high_satisfaction"]
    assert (item.on, item.points, item.derived, item.ref) == (date(2026, 9, 20), 3, True, at)
    assert "相山花园" in item.evidence and "90.0分" in item.evidence
    assert (got.standing.score, got.standing.band) == (83, "AA")
    with db.reader() as s:  # as of the day before the campaign ended: nothing yet
        assert [e.kind for e in credit_sheet(s, "恒信物业", date(2026, 9, 19)).entries] == []
