"""The figures of 红色物业 (task 10) and of the tender share (task 13), written once, for any
grouping of estates like app/services/committee_figures.py (the office itself, its
subordinates): `wuye stats`, `--by-subordinate`, the 总览 and 下级对比 pages and the summary
workbook read them from here.

- 交叉任职 coverage: estates with at least one 交叉任职 serving on the day, over the estates;
- 示范项目: 红色物业示范项目 valid on the day (app/rules/red.py), counted where their estate is;
- tender share: service contracts signed this year (start date from 1 January through the
  day; the contract carries no separate signing date) chosen by 公开招标, over all of them.

Rates are counts, so a street's is the sum of its communities' numerators over the sum of
their denominators, never an average of percentages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session

from app.codes import DemoReviewResult, SelectionMethod
from app.models import CrossPost, DemonstrationProject, DemonstrationReview, Estate, ServiceContract
from app.rules.red import demonstration_state, serving_on
from app.services.committee_figures import Rate, Via

NO_TARGET = 0  # the plan names no number for these


def _rate() -> Rate:
    return Rate(0, 0, NO_TARGET)


@dataclass(frozen=True)
class RedFigures:
    cross_post: Rate = field(default_factory=_rate)  # estates covered by 交叉任职
    demonstrations: int = 0  # 红色物业示范项目 valid on the day
    tender: Rate = field(default_factory=_rate)  # 公开招标 / contracts signed this year

    def __add__(self, other: RedFigures) -> RedFigures:
        return RedFigures(
            self.cross_post + other.cross_post,
            self.demonstrations + other.demonstrations,
            self.tender + other.tender,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "cross_post_coverage": self.cross_post.as_dict(),
            "demonstration_projects": self.demonstrations,
            "tender_share": self.tender.as_dict(),
        }


def _grouped(stmt: Select[Any], unit: ColumnElement[Any] | None, via: Via | None) -> Select[Any]:
    if via is not None:
        stmt = stmt.join(*via)
    return stmt if unit is None else stmt.group_by(unit)


def red_figures(
    session: Session,
    today: date,
    *,
    estates: ColumnElement[bool],
    unit: ColumnElement[Any] | None = None,
    via: Via | None = None,
) -> dict[Any, RedFigures]:
    """The figures of the estates `estates` selects, per value of `unit` (as in
    `committee_figures`); groups without estates are absent: callers default to RedFigures()."""
    key = [unit] if unit is not None else []
    acc: dict[Any, dict[str, Any]] = {}

    def slot(group: list[Any]) -> dict[str, Any]:
        return acc.setdefault(group[0] if group else None, {})

    totals = _grouped(select(*key, func.count()).select_from(Estate).where(estates), unit, via)
    for *group, n in session.execute(totals):
        if n:
            slot(group)["estates"] = int(n)

    # The records are few (one or two per estate at most): the rule decides in Python.
    posts = select(*key, CrossPost.estate_uuid, CrossPost.since, CrossPost.until)
    posts = posts.select_from(CrossPost).join(Estate, Estate.uuid == CrossPost.estate_uuid)
    posts = posts.where(estates, CrossPost.deleted.is_(False), CrossPost.since <= today)
    if via is not None:
        posts = posts.join(*via)
    for *group, estate, since, until in session.execute(posts):
        if serving_on(since, until, today):
            slot(group).setdefault("covered", set()).add(estate)

    failed = (
        select(func.min(DemonstrationReview.on))
        .where(
            DemonstrationReview.project_uuid == DemonstrationProject.uuid,
            DemonstrationReview.deleted.is_(False),
            DemonstrationReview.result == DemoReviewResult.FAILED,
            DemonstrationReview.on <= today,
        )
        .scalar_subquery()
    )
    projects = (
        select(*key, DemonstrationProject.named_on, DemonstrationProject.revoked_on, failed)
        .select_from(DemonstrationProject)
        .join(Estate, Estate.uuid == DemonstrationProject.estate_uuid)
        .where(estates, DemonstrationProject.deleted.is_(False))
    )
    if via is not None:
        projects = projects.join(*via)
    for *group, named_on, revoked_on, failed_on in session.execute(projects):
        reviews = [(failed_on, True)] if failed_on is not None else []
        if demonstration_state(named_on, revoked_on, reviews, today).valid:
            s = slot(group)
            s["demonstrations"] = s.get("demonstrations", 0) + 1

    tendered = ServiceContract.selection_method == SelectionMethod.OPEN_TENDER
    open_tender = case((tendered, 1), else_=0)
    contracts = _grouped(
        select(*key, func.count(), func.sum(open_tender))
        .select_from(ServiceContract)
        .join(Estate, Estate.uuid == ServiceContract.estate_uuid)
        .where(
            estates,
            ServiceContract.deleted.is_(False),
            ServiceContract.start_date >= date(today.year, 1, 1),
            ServiceContract.start_date <= today,
        ),
        unit,
        via,
    )
    for *group, n, tendered in session.execute(contracts):
        if n:
            slot(group)["tender"] = Rate(int(tendered or 0), int(n), NO_TARGET)

    return {
        k: RedFigures(
            Rate(len(a.get("covered", ())), a.get("estates", 0), NO_TARGET),
            a.get("demonstrations", 0),
            a.get("tender", _rate()),
        )
        for k, a in acc.items()
    }
