"""督查 (附件3 二(一)): inspection visits — 每周督查, “四不两直” 抽查, 联合督查, 媒体参与 — with the
estates visited and what was found. Each finding opens a Problem (source 督查) with its
responsible office or unit, so its rectification runs through the problem's own flow.

The visit is the inspecting office's row and travels down to every office below (将督查情况
通报相关成员单位); a finding addressed to an office below carries `to_office` and travels to it;
that office answers with `InspectionFeedback` rows it owns (整改反馈, they travel up), and the
inspecting office accepts one, which moves the problem to 已整改 with the feedback's evidence.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Syncable


class Inspection(Syncable):
    """One 督查: when, how (kind), who inspected, which estates, and a summary."""

    __tablename__ = "inspection"
    __down__ = "all"

    number: Mapped[str | None] = mapped_column(String(12), index=True)  # 2026-0003, kept
    visited_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(12))  # 每周督查 | 四不两直 | 联合督查 | 媒体曝光
    inspectors: Mapped[str] = mapped_column(Text)  # 督查人员 (and units, media invited)
    estates: Mapped[str] = mapped_column(Text, default="")  # 督查小区, names joined by 、
    summary: Mapped[str] = mapped_column(Text, default="")  # 督查情况


class InspectionFinding(Syncable):
    """One problem found on a visit. `problem_uuid` is the Problem it opened (a plain uuid:
    the office below may hold the finding without the problem row, as interviews hold their
    task). `to_office` names the office below that must rectify it, else None (a unit
    outside the program: the inspecting office follows it on the problem)."""

    __tablename__ = "inspection_finding"
    __down__ = "to_office"

    inspection_uuid: Mapped[str] = mapped_column(ForeignKey("inspection.uuid"), index=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(Text)
    community_code: Mapped[str] = mapped_column(String(12), index=True)
    estate_name: Mapped[str] = mapped_column(String(80), default="")
    responsible_unit: Mapped[str] = mapped_column(String(80))
    to_office: Mapped[str | None] = mapped_column(String(12), index=True)
    deadline: Mapped[date] = mapped_column(Date)
    problem_uuid: Mapped[str | None] = mapped_column(String(36), index=True)


class InspectionFeedback(Syncable):
    """整改反馈 of a finding, by the office it was addressed to (its own row, read-only at the
    inspecting office): what was done and what proves it."""

    __tablename__ = "inspection_feedback"

    finding_uuid: Mapped[str] = mapped_column(ForeignKey("inspection_finding.uuid"), index=True)
    reported_on: Mapped[date] = mapped_column(Date)
    measures: Mapped[str] = mapped_column(Text)  # 整改措施和结果
    evidence: Mapped[str] = mapped_column(Text, default="")  # 佐证材料
