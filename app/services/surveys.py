"""Satisfaction survey campaigns per estate (task 2): the questionnaire as data, answers
entered from paper one questionnaire at a time, the score per item and overall, and the
change against the estate's previous campaign."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from app.errors import InputError, NotFound, Problem
from app.models import (
    Estate,
    Org,
    PropertyCompany,
    ServiceContract,
    SurveyCampaign,
    SurveyResponse,
    SurveyResultPrint,
)
from app.rules.credit import CreditEntry, CreditScheme, signed_points
from app.rules.surveys import (
    METHODS,
    ItemScore,
    SurveyItem,
    answer_problems,
    change,
    item_scores,
    overall_score,
    questionnaire_problems,
)
from app.services.companies import current_contract
from app.services.estate_names import find_estate
from app.services.listing import Column, Listing, contains
from app.services.offices import in_subtree, subtree_codes


@dataclass
class CampaignIn:
    estate_uuid: str = ""
    title: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    method: str = "paper"
    sample_size: int = 0
    scale: int = 5
    items: list[SurveyItem] = field(default_factory=list)


def _items(campaign: SurveyCampaign) -> list[SurveyItem]:
    return [SurveyItem(**item) for item in json.loads(campaign.items_json)]


def save_campaign(session: Session, uuid: str | None, data: CampaignIn, *, today: date) -> str:
    problems = questionnaire_problems(data.items, data.scale)
    if not session.scalar(
        select(Estate.uuid).where(
            Estate.uuid == data.estate_uuid,
            Estate.deleted.is_(False),
            Estate.community_code.in_(subtree_codes(session)),
        )
    ):
        problems.append(Problem("estate_uuid", "请选择本辖区内的小区"))
    if not data.title.strip():
        problems.append(Problem("title", "调查名称不能为空"))
    if data.started_on is None:
        problems.append(Problem("started_on", "开始日期不能为空"))
    elif data.started_on > today:
        problems.append(Problem("started_on", "开始日期不能晚于今天"))
    if data.ended_on and data.started_on and data.ended_on < data.started_on:
        problems.append(Problem("ended_on", "结束日期不能早于开始日期"))
    if data.method not in dict(METHODS):
        problems.append(Problem("method", "请选择调查方式"))
    if data.sample_size < 1:
        problems.append(Problem("sample_size", "样本量应为正整数"))
    if uuid is not None and problems == [] and _responses(session, uuid) and (
        _items(_campaign(session, uuid)) != data.items
        or _campaign(session, uuid).scale != data.scale
    ):
        problems.append(Problem("items", "已录入答卷的调查不能再改问卷题目或评分档数"))
    if problems:
        raise InputError(problems)
    campaign = SurveyCampaign() if uuid is None else _campaign(session, uuid)
    if uuid is None:
        session.add(campaign)
    campaign.estate_uuid, campaign.title = data.estate_uuid, data.title.strip()
    campaign.started_on, campaign.ended_on = data.started_on, data.ended_on  # type: ignore[assignment]
    campaign.method, campaign.sample_size, campaign.scale = (
        data.method, data.sample_size, data.scale
    )  # fmt: skip
    campaign.items_json = json.dumps(
        [vars(item) for item in data.items], ensure_ascii=False, sort_keys=True
    )
    session.flush()
    return campaign.uuid


def _campaign(session: Session, uuid: str) -> SurveyCampaign:
    campaign = session.get(SurveyCampaign, uuid)
    if campaign is None or campaign.deleted:
        raise NotFound("满意度调查", uuid)
    return campaign


def _responses(session: Session, campaign_uuid: str) -> list[dict[str, int | None]]:
    return [
        json.loads(text)
        for text in session.scalars(
            select(SurveyResponse.scores_json).where(
                SurveyResponse.campaign_uuid == campaign_uuid,
                SurveyResponse.deleted.is_(False),
            )
        )
    ]


def add_response(
    session: Session,
    campaign_uuid: str,
    scores: dict[str, int | None],
    *,
    answered_on: date | None,
    number: str = "",
    uuid: str | None = None,
) -> str:
    """One paper questionnaire, scores by item code; a blank item stays blank. A questionnaire
    `number` (问卷编号) already entered for the campaign is updated, not counted twice: the
    same sheet imported again changes nothing. `uuid`: the answer opened in the window to
    correct (its number may change, but not to another answer's)."""
    campaign = _campaign(session, campaign_uuid)
    items = _items(campaign)
    problems = answer_problems(items, campaign.scale, scores)
    if answered_on is not None and answered_on < campaign.started_on:
        problems.append(Problem("answered_on", "答卷日期不能早于调查开始日期"))
    if len(number.strip()) > 20:
        problems.append(Problem("number", "问卷编号不能超过20个字"))
    opened = _response(session, uuid) if uuid is not None else None
    if opened is not None and opened.campaign_uuid != campaign_uuid:
        problems.append(Problem("campaign", "答卷不属于这次调查"))
    same_number = None
    if number.strip():
        same_number = session.scalar(
            select(SurveyResponse).where(
                SurveyResponse.campaign_uuid == campaign_uuid,
                SurveyResponse.number == number.strip(),
                SurveyResponse.deleted.is_(False),
            )
        )
    if opened is not None and same_number is not None and same_number.uuid != opened.uuid:
        problems.append(Problem("number", f"问卷编号“{number.strip()}”已录入为另一份答卷"))
    if problems:
        raise InputError(problems)
    row = opened if opened is not None else same_number
    if row is not None and row.number != (number.strip() or None):
        row.number = number.strip() or None
    if row is None:
        row = SurveyResponse(campaign_uuid=campaign_uuid, number=number.strip() or None)
        session.add(row)
    row.answered_on = answered_on
    text = json.dumps({i.code: scores.get(i.code) for i in items}, sort_keys=True)
    if row.scores_json != text:
        row.scores_json = text
    session.flush()
    return row.uuid


def _response(session: Session, uuid: str) -> SurveyResponse:
    row = session.get(SurveyResponse, uuid)
    if row is None or row.deleted:
        raise NotFound("答卷", uuid)
    return row


@dataclass(frozen=True)
class ResponseLine:
    """One entered questionnaire as the window lists it: number, date, scores by item."""

    uuid: str
    number: str
    answered_on: date | None
    scores: dict[str, int | None]


def response_lines(session: Session, campaign_uuid: str) -> list[ResponseLine]:
    """The campaign's answers in the order of their numbers (unnumbered last, by entry)."""
    _campaign(session, campaign_uuid)
    rows = session.scalars(
        select(SurveyResponse)
        .where(SurveyResponse.campaign_uuid == campaign_uuid, SurveyResponse.deleted.is_(False))
        .order_by(SurveyResponse.number.is_(None), SurveyResponse.number, SurveyResponse.seq)
    ).all()
    return [ResponseLine(r.uuid, r.number or "", r.answered_on, json.loads(r.scores_json))
            for r in rows]  # fmt: skip


def get_response(session: Session, uuid: str) -> tuple[str, ResponseLine]:
    """(campaign uuid, the answer): what the answer form shows to correct it."""
    row = _response(session, uuid)
    line = ResponseLine(row.uuid, row.number or "", row.answered_on, json.loads(row.scores_json))
    return row.campaign_uuid, line


def delete_response(session: Session, uuid: str) -> None:
    """A questionnaire entered by mistake (not part of the sample): it no longer counts."""
    session.delete(_response(session, uuid))
    session.flush()


def get_campaign(session: Session, uuid: str) -> CampaignIn:
    c = _campaign(session, uuid)
    return CampaignIn(c.estate_uuid, c.title, c.started_on, c.ended_on, c.method,
                      c.sample_size, c.scale, _items(c))  # fmt: skip


def campaign_items(session: Session, uuid: str) -> tuple[int, list[SurveyItem]]:
    """The scale and the questionnaire's items: what the answer form shows."""
    campaign = _campaign(session, uuid)
    return campaign.scale, _items(campaign)


def delete_campaign(session: Session, uuid: str) -> None:
    """The campaign with its answers (an answer never outlives its questionnaire)."""
    campaign = _campaign(session, uuid)
    for row in session.scalars(
        select(SurveyResponse).where(
            SurveyResponse.campaign_uuid == uuid, SurveyResponse.deleted.is_(False)
        )
    ):
        session.delete(row)
    session.delete(campaign)
    session.flush()


def find_campaign(
    session: Session, title: str, *, estate: str | None = None, community: str | None = None
) -> str:
    """A campaign named by its title (and its estate when two estates' campaigns share it):
    how the CLI and an Excel sheet of answers name one."""
    stmt = (
        select(SurveyCampaign.uuid, Estate.name)
        .join(Estate, Estate.uuid == SurveyCampaign.estate_uuid)
        .where(
            SurveyCampaign.title == title.strip(),
            SurveyCampaign.deleted.is_(False),
            Estate.community_code.in_(subtree_codes(session)),
        )
    )
    if estate:
        stmt = stmt.where(Estate.uuid == find_estate(session, estate, community).uuid)
    found = session.execute(stmt).all()
    if not found:
        where = f"{estate}没有" if estate else "本辖区没有"
        raise InputError(Problem("campaign", f"{where}名为“{title.strip()}”的满意度调查"))
    if len(found) > 1:
        names = "、".join(sorted({name for _, name in found}))
        raise InputError(
            Problem("campaign", f"{names}都有名为“{title.strip()}”的调查，请用 --estate 指明小区")
        )
    return str(found[0][0])


def campaign_choices(session: Session, text: str = "", limit: int = 50) -> list[tuple[str, str]]:
    """(uuid, "小区 · 调查名称") newest first: what the answer form's picker offers."""
    rows = session.execute(
        select(SurveyCampaign.uuid, Estate.name, SurveyCampaign.title)
        .join(Estate, Estate.uuid == SurveyCampaign.estate_uuid)
        .where(
            SurveyCampaign.deleted.is_(False),
            Estate.community_code.in_(subtree_codes(session)),
            or_(Estate.name.contains(text.strip()), SurveyCampaign.title.contains(text.strip())),
        )
        .order_by(SurveyCampaign.started_on.desc())
        .limit(limit)
    ).all()
    return [(uuid, f"{estate} · {title}") for uuid, estate, title in rows]


@dataclass(frozen=True)
class CampaignLine:
    uuid: str
    community: str
    estate: str
    title: str
    started_on: date
    method: str
    sample_size: int
    responses: int
    overall: float | None

    def as_dict(self) -> dict[str, object]:
        return {
            "community": self.community, "estate": self.estate, "title": self.title,
            "started_on": self.started_on.isoformat(), "method": dict(METHODS)[self.method],
            "sample_size": self.sample_size, "responses": self.responses,
            "overall": self.overall,
        }  # fmt: skip


def campaign_lines(session: Session, estate: str | None = None) -> list[CampaignLine]:
    """Every campaign of the office's area (or of one estate), newest first, with its
    answers counted and its overall score: `wuye survey list`."""
    stmt = (
        select(SurveyCampaign, Org.name, Estate.name)
        .join(Estate, Estate.uuid == SurveyCampaign.estate_uuid)
        .join(Org, Org.code == Estate.community_code)
        .where(
            SurveyCampaign.deleted.is_(False),
            Estate.community_code.in_(subtree_codes(session)),
        )
        .order_by(SurveyCampaign.started_on.desc(), Estate.name_key)
    )
    if estate:
        stmt = stmt.where(Estate.uuid == find_estate(session, estate).uuid)
    out = []
    for campaign, community, estate_name in session.execute(stmt).all():
        _, overall = _scores(session, campaign)
        answered = len(_responses(session, campaign.uuid))
        line = CampaignLine(
            campaign.uuid, community, estate_name, campaign.title, campaign.started_on,
            campaign.method, campaign.sample_size, answered, overall,
        )  # fmt: skip
        out.append(line)
    return out


def _answer_count() -> Any:
    return (
        select(func.count(SurveyResponse.uuid))
        .where(
            SurveyResponse.campaign_uuid == SurveyCampaign.uuid,
            SurveyResponse.deleted.is_(False),
        )
        .correlate(SurveyCampaign)
        .scalar_subquery()
    )


def _printed_version() -> Any:
    """The version of the campaign's result 公告 last printed (NULL: never)."""
    return (
        select(func.max(SurveyResultPrint.version))
        .where(
            SurveyResultPrint.campaign_uuid == SurveyCampaign.uuid,
            SurveyResultPrint.deleted.is_(False),
        )
        .correlate(SurveyCampaign)
        .scalar_subquery()
    )


def _version_label(version: Any) -> str:
    return "未打印" if version is None else f"第{version}版"


def _campaign_base(session: Session) -> Select[tuple[str]]:
    return (
        select(SurveyCampaign.uuid)
        .join(Estate, Estate.uuid == SurveyCampaign.estate_uuid)
        .join(Org, Org.code == Estate.community_code)
        .where(SurveyCampaign.deleted.is_(False), in_subtree(session, Estate.community_code))
    )


def _method_label(code: Any) -> str:
    return dict(METHODS).get(code, "" if code is None else str(code))


# The 满意度调查 page: one row per campaign, answers counted in SQL.
SURVEYS = Listing(
    base=_campaign_base,
    uuid=SurveyCampaign.uuid,
    columns=[
        Column("community", Org.name, nullable=False),
        Column("estate", Estate.name, nullable=False, sort=Estate.name_key),
        Column("title", SurveyCampaign.title, nullable=False),
        Column("started_on", SurveyCampaign.started_on, nullable=False),
        Column("method", SurveyCampaign.method, display=_method_label, nullable=False),
        Column("sample_size", SurveyCampaign.sample_size, nullable=False),
        Column("responses", _answer_count(), nullable=False),
        Column("printed", _printed_version(), display=_version_label, null_sort=0),
    ],
    search=contains(Estate.name, SurveyCampaign.title),
    default_sort="started_on",
)


@dataclass(frozen=True)
class ItemResult:
    score: ItemScore
    previous: float | None
    change: float | None


@dataclass(frozen=True)
class SurveyResult:
    title: str
    responses: int
    sample_size: int
    items: tuple[ItemResult, ...]
    overall: float | None
    previous_title: str | None
    previous_overall: float | None
    overall_change: float | None


def _scores(session: Session, campaign: SurveyCampaign) -> tuple[list[ItemScore], float | None]:
    items = _items(campaign)
    scores = item_scores(items, campaign.scale, _responses(session, campaign.uuid))
    return scores, overall_score(items, scores)


def survey_result(session: Session, uuid: str) -> SurveyResult:
    """The campaign's scores beside the estate's previous campaign (the latest that started
    before it); items are compared by their code, so a renamed item still compares."""
    campaign = _campaign(session, uuid)
    scores, overall = _scores(session, campaign)
    previous = session.scalars(
        select(SurveyCampaign)
        .where(
            SurveyCampaign.estate_uuid == campaign.estate_uuid,
            SurveyCampaign.deleted.is_(False),
            SurveyCampaign.started_on < campaign.started_on,
        )
        .order_by(SurveyCampaign.started_on.desc())
    ).first()
    before: dict[str, float | None] = {}
    before_overall = None
    if previous is not None:
        earlier, before_overall = _scores(session, previous)
        before = {s.code: s.score for s in earlier}
    return SurveyResult(
        title=campaign.title,
        responses=len(_responses(session, uuid)),
        sample_size=campaign.sample_size,
        items=tuple(
            ItemResult(s, before.get(s.code), change(s.score, before.get(s.code))) for s in scores
        ),
        overall=overall,
        previous_title=previous.title if previous else None,
        previous_overall=before_overall,
        overall_change=change(overall, before_overall),
    )


def result_signature(session: Session, uuid: str) -> str:
    """Who signs the printed result: the estate's community's residents' committee, which
    ran the survey (task 2)."""
    campaign = _campaign(session, uuid)
    name = session.scalar(
        select(Org.name)
        .join(Estate, Estate.community_code == Org.code)
        .where(Estate.uuid == campaign.estate_uuid)
    )
    return f"{name}居民委员会"


def _points(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}分"


def _change_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"，比上次{'提高' if value > 0 else '下降' if value < 0 else '持平'}" + (
        f"{abs(value):.1f}分" if value else ""
    )


def result_paragraphs(result: SurveyResult) -> tuple[str, ...]:
    """The printed result (a 公告 through the notice engine): overall first, then each item,
    each beside the previous campaign when there was one."""
    lines = [
        f"本次调查计划样本{result.sample_size}份，收回有效问卷{result.responses}份"
        f"（回收率{100 * result.responses / result.sample_size:.1f}%）。",
        f"一、综合满意度：{_points(result.overall)}{_change_text(result.overall_change)}。",
        "二、分项得分：",
    ]
    for n, item in enumerate(result.items, 1):
        lines.append(
            f"（{n}）{item.score.text}：{_points(item.score.score)}"
            f"（{item.score.answered}份作答）{_change_text(item.change)}。"
        )
    if result.previous_title:
        lines.append(f"对比的上次调查为“{result.previous_title}”。")
    lines.append("得分为各题平均评分占满分的百分比；综合满意度按题目权重加权。")
    return tuple(lines)


# -- survey scores as credit evidence (issue 17 item 5: good items include survey scores) -------
def satisfaction_entries(
    session: Session, company: PropertyCompany, today: date, scheme: CreditScheme
) -> list[CreditEntry]:
    """满意度高分 items derived for `company`: each campaign of an estate the company served
    on the campaign's day (its end, else its start; a contract in force then, 不定期 included)
    whose overall score reaches the scheme's `satisfaction_line`, dated that day and counted
    for the scheme's validity. A campaign with no answers has no score and proves nothing."""
    day = func.coalesce(SurveyCampaign.ended_on, SurveyCampaign.started_on)
    campaigns = session.execute(
        select(SurveyCampaign, Estate.name)
        .join(Estate, Estate.uuid == SurveyCampaign.estate_uuid)
        .join(ServiceContract, ServiceContract.estate_uuid == SurveyCampaign.estate_uuid)
        .where(SurveyCampaign.deleted.is_(False), Estate.deleted.is_(False),
               ServiceContract.deleted.is_(False),
               ServiceContract.company_uuid == company.uuid, day <= today,
               *current_contract(day))
        .distinct()
        .order_by(SurveyCampaign.started_on, SurveyCampaign.uuid)
    ).all()  # fmt: skip
    kind = scheme.kinds["high_satisfaction"]
    entries = []
    for campaign, estate in campaigns:
        _, overall = _scores(session, campaign)
        if overall is None or overall < scheme.satisfaction_line:
            continue
        on = campaign.ended_on or campaign.started_on
        entries.append(CreditEntry(
            on, kind.code, signed_points(kind, None),
            f"{estate}：{campaign.title}综合得分{overall:.1f}分（不低于{scheme.satisfaction_line}分）",
            None, True, campaign.uuid,
        ))  # fmt: skip
    return entries
