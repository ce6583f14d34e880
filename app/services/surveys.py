"""Satisfaction survey campaigns per estate (task 2): the questionnaire as data, answers
entered from paper one questionnaire at a time, the score per item and overall, and the
change against the estate's previous campaign."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError, NotFound, Problem
from app.models import Estate, SurveyCampaign, SurveyResponse
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
from app.services.offices import subtree_codes


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
    session: Session, campaign_uuid: str, scores: dict[str, int | None], *, answered_on: date | None
) -> str:
    """One paper questionnaire, scores by item code; a blank item stays blank."""
    campaign = _campaign(session, campaign_uuid)
    items = _items(campaign)
    problems = answer_problems(items, campaign.scale, scores)
    if problems:
        raise InputError(problems)
    row = SurveyResponse(
        campaign_uuid=campaign_uuid,
        answered_on=answered_on,
        scores_json=json.dumps({i.code: scores.get(i.code) for i in items}, sort_keys=True),
    )
    session.add(row)
    session.flush()
    return row.uuid


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
