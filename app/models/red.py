"""红色物业 (task 10) and the market decisions of task 13, as records of their own.

- `CrossPost`: 交叉任职, a community 两委 member serving on an estate's owners' committee or in
  its company's management, or the reverse (双向进入); the share of estates covered is a
  figure at every level (app/services/red_figures.py).
- `DemonstrationProject` and its `DemonstrationReview`s: a 红色物业示范项目 named at a level,
  reviewed (动态管理); a failed review revokes it. While valid it is a good credit item of its
  company, derived, never typed twice (app/services/credit.py).
- `MarketDecision`: 清出市场, decided by a body on grounds (the credit items it rests on) under a
  document number; it puts the company on the 失信 list and blocks new contracts with it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Syncable


class CrossPost(Syncable):
    __tablename__ = "cross_post"
    # A 两委 member's own mobile and ID number: personal (DOMAIN.md §5).
    __sensitive__ = ("phone", "id_number")

    estate_uuid: Mapped[str] = mapped_column(ForeignKey("estate.uuid"), index=True)
    person: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(24), default="")
    id_number: Mapped[str] = mapped_column(String(18), default="")
    direction: Mapped[str] = mapped_column(String(16))  # CrossPostDirection
    community_role: Mapped[str] = mapped_column(String(40))  # 两委职务: 社区党委委员…
    side: Mapped[str] = mapped_column(String(12))  # CrossPostSide: committee | company
    post_role: Mapped[str] = mapped_column(String(40))  # 业委会副主任, 项目经理…
    # The company when side is company (its management); None for a committee post.
    company_uuid: Mapped[str | None] = mapped_column(ForeignKey("property_company.uuid"))
    since: Mapped[date] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)  # the last day; None: still serving


class DemonstrationProject(Syncable):
    __tablename__ = "demonstration_project"

    estate_uuid: Mapped[str] = mapped_column(ForeignKey("estate.uuid"), index=True)
    company_uuid: Mapped[str] = mapped_column(ForeignKey("property_company.uuid"), index=True)
    level: Mapped[str] = mapped_column(String(10))  # DemoLevel
    named_on: Mapped[date] = mapped_column(Date)
    named_by: Mapped[str] = mapped_column(String(120), default="")  # 命名文件 / 单位
    # Revoked from this day (撤销); set by hand or by a failed review. None: not revoked.
    revoked_on: Mapped[date | None] = mapped_column(Date)


class DemonstrationReview(Syncable):
    __tablename__ = "demonstration_review"

    project_uuid: Mapped[str] = mapped_column(ForeignKey("demonstration_project.uuid"), index=True)
    on: Mapped[date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(10))  # DemoReviewResult
    note: Mapped[str] = mapped_column(Text, default="")


class MarketDecision(Syncable):
    __tablename__ = "market_decision"

    company_uuid: Mapped[str] = mapped_column(ForeignKey("property_company.uuid"), index=True)
    on: Mapped[date] = mapped_column(Date)  # in force from this day
    body: Mapped[str] = mapped_column(String(80))  # 决定机关
    doc_no: Mapped[str] = mapped_column(String(60))  # 文号
    grounds: Mapped[str] = mapped_column(Text)  # 事实与理由, as written in the decision
    # The credit items it rests on: uuids of credit_item rows or refs of derived items
    # (problem, complaint, interview), space-separated, as `wuye credit show --json` gives them.
    ground_refs: Mapped[str] = mapped_column(Text, default="")
