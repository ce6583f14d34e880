"""考核 (附件3 四): the upper office publishes a scoring sheet for a year (items, maximum points,
what evidence counts), the office below self-scores each item with evidence (自评计分), the
upper office reviews each self-score and sets the final points (复查复核), then ranks the
offices below.

Ownership follows the rows: the sheet and its items are the publishing office's and travel to
every office below; a self-score is the scoring office's own row (it travels up); a review is
the publishing office's row addressed to the scored office (`to_office`), so it travels down
and the office below sees its final points read-only.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Syncable


class AssessmentSheet(Syncable):
    """考核标准和细则 of one year, as published by an office for the offices below it."""

    __tablename__ = "assessment_sheet"
    __down__ = "all"

    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(200))
    issuer: Mapped[str] = mapped_column(String(80))  # the publishing office's name
    published_on: Mapped[date] = mapped_column(Date)


class AssessmentItem(Syncable):
    """One item of a sheet: what is scored, its maximum, what evidence counts, and which of
    the program's figures (if any) measures it (`app.rules.assessment.FIGURES`)."""

    __tablename__ = "assessment_item"
    __down__ = "via:sheet_uuid"

    sheet_uuid: Mapped[str] = mapped_column(ForeignKey("assessment_sheet.uuid"), index=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(120))
    max_points: Mapped[float] = mapped_column(Float)
    evidence: Mapped[str] = mapped_column(Text, default="")  # 评分依据 / 佐证材料
    figure: Mapped[str] = mapped_column(String(24), default="")  # "" when not computable


class AssessmentScore(Syncable):
    """自评计分 of one item by the office scoring itself (the row's `origin`)."""

    __tablename__ = "assessment_score"

    item_uuid: Mapped[str] = mapped_column(ForeignKey("assessment_item.uuid"), index=True)
    points: Mapped[float] = mapped_column(Float)
    figure_text: Mapped[str] = mapped_column(Text, default="")  # the figure from its own data
    evidence: Mapped[str] = mapped_column(Text, default="")
    scored_on: Mapped[date] = mapped_column(Date)


class AssessmentReview(Syncable):
    """复查复核 of one self-score by the publishing office: the final points and why."""

    __tablename__ = "assessment_review"
    __down__ = "to_office"

    score_uuid: Mapped[str] = mapped_column(ForeignKey("assessment_score.uuid"), index=True)
    to_office: Mapped[str] = mapped_column(String(12), index=True)  # the office scored
    points: Mapped[float] = mapped_column(Float)
    opinion: Mapped[str] = mapped_column(Text, default="")
    reviewed_on: Mapped[date] = mapped_column(Date)
