"""Satisfaction survey campaigns per estate and the questionnaires returned (task 2)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Syncable


class SurveyCampaign(Syncable):
    """One survey of an estate: the questionnaire as data (JSON items with code, text and
    weight; a 1…scale score per item), how many were to be asked and how."""

    __tablename__ = "survey_campaign"

    estate_uuid: Mapped[str] = mapped_column(ForeignKey("estate.uuid"), index=True)
    title: Mapped[str] = mapped_column(String(80))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(10))  # app/rules/surveys.py METHODS
    sample_size: Mapped[int] = mapped_column(Integer)
    scale: Mapped[int] = mapped_column(Integer, default=5)
    items_json: Mapped[str] = mapped_column(Text)


class SurveyResponse(Syncable):
    """One returned questionnaire, as entered from paper: scores by item code (JSON)."""

    __tablename__ = "survey_response"

    campaign_uuid: Mapped[str] = mapped_column(ForeignKey("survey_campaign.uuid"), index=True)
    answered_on: Mapped[date | None] = mapped_column(Date)
    # 问卷编号 as written on the paper; an import with the same number updates the answer.
    number: Mapped[str | None] = mapped_column(String(20))
    scores_json: Mapped[str] = mapped_column(Text)


class SurveyResultPrint(Syncable):
    """One printed version of a campaign's result 公告, with its content exactly as printed:
    versioned like the boards (`BoardPrint`), so the result on the wall can be checked
    against the answers entered since. No personal data: every print is public."""

    __tablename__ = "survey_result_print"

    campaign_uuid: Mapped[str] = mapped_column(ForeignKey("survey_campaign.uuid"), index=True)
    version: Mapped[int] = mapped_column(Integer)  # 1, 2, … per campaign
    printed_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, from the session's clock
    published_on: Mapped[date] = mapped_column(Date)
    content_json: Mapped[str] = mapped_column(Text)  # title, paragraphs, signature as printed
    source_hash: Mapped[str] = mapped_column(String(64))  # of that content: what changes shows
