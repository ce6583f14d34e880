"""考核 (附件3 四) for the CLI and the window: the upper office publishes a scoring sheet for a
year (its items, maximum points and what evidence counts: data, starting from
resources/codes/assessment_sheet.json, editable); each office below self-scores every item
with its evidence (自评计分: its own rows), the program's figure filled in from its own data
where the item is computable; the upper office reviews each self-score and sets the final
points (复查复核: its rows, addressed to the office scored); then it ranks the offices below.

The figures come from the functions that compute them for the 总览 and 附件2 (`office_stats`,
`casework_overview`, `task_tally`, `list_submissions`, worded by `plan_progress.rate_text`):
nothing is recomputed here."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError, NotFound
from app.errors import Problem as Issue
from app.failures import describe_json_error, describe_os_error
from app.models import AssessmentItem, AssessmentReview, AssessmentScore, AssessmentSheet, Org
from app.rules.assessment import FIGURES, RankLine, points_issues, rank
from app.rules.deadlines import not_in_future


@dataclass
class ItemIn:
    title: str = ""
    max_points: float = 0.0
    evidence: str = ""
    figure: str = ""


@dataclass(frozen=True)
class ScoreView:
    uuid: str
    office: str  # the office scoring itself (the row's owner)
    office_name: str
    points: float
    figure_text: str
    evidence: str
    scored_on: date
    final: float | None  # the reviewed points, None until reviewed
    opinion: str
    reviewed_on: date | None
    review_uuid: str | None


@dataclass(frozen=True)
class ItemView:
    uuid: str
    n: int  # 1, 2, … as printed
    title: str
    max_points: float
    evidence: str
    figure: str
    scores: tuple[ScoreView, ...] = field(default=())


@dataclass(frozen=True)
class SheetView:
    uuid: str
    year: int
    title: str
    issuer: str
    origin: str
    published_on: date
    mine: bool  # published by this office (it reviews); else received from above (it scores)
    items: tuple[ItemView, ...] = field(default=())

    @property
    def total(self) -> float:
        return sum(i.max_points for i in self.items)

    def as_dict(self) -> dict[str, object]:
        def day(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "id": self.uuid, "year": self.year, "title": self.title, "issuer": self.issuer,
            "issuer_office": self.origin, "published_on": self.published_on.isoformat(),
            "mine": self.mine, "total": self.total,
            "items": [{
                "id": i.uuid, "n": i.n, "title": i.title, "max_points": i.max_points,
                "evidence": i.evidence, "figure": i.figure,
                "scores": [{
                    "id": s.uuid, "office": s.office, "office_name": s.office_name,
                    "points": s.points, "figure_text": s.figure_text, "evidence": s.evidence,
                    "scored_on": s.scored_on.isoformat(), "final": s.final,
                    "opinion": s.opinion, "reviewed_on": day(s.reviewed_on),
                } for s in i.scores],
            } for i in self.items],
        }  # fmt: skip


def default_items(path: Path | None = None) -> tuple[str, list[ItemIn]]:
    """The title and items of a sheet file (default: the shipped one); InputError if the file
    is not such a sheet."""
    from app.paths import resource

    source = path or resource("codes", "assessment_sheet.json")
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(Issue("from", describe_os_error(exc))) from exc
    except ValueError as exc:
        raise InputError(Issue("from", f"{source} {describe_json_error(exc)}")) from exc
    try:
        items = [ItemIn(str(i["title"]), float(i["max_points"]), str(i.get("evidence", "")),
                        str(i.get("figure", ""))) for i in raw["items"]]  # fmt: skip
        return str(raw.get("title", "")), items
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        said = (f"{source.name} 不是考核评分表：应含 items，每项写明 title（考核项目）和 "
                "max_points（满分，数字）")  # fmt: skip
        raise InputError(Issue("from", said)) from exc


def publish_sheet(
    session: Session,
    year: int,
    *,
    on: date,
    title: str = "",
    items: list[ItemIn] | None = None,
    today: date | None = None,
) -> str:
    """Publish this office's sheet for `year` (one a year) for every office below it."""
    from app.services.offices import current_office

    office = current_office(session)
    default_title, default = default_items()
    items = default if items is None else items
    issues = not_in_future("published_on", "发布日期", on, today or date.today())
    if _sheet(session, year, mine=True) is not None:
        issues.append(Issue("year", f"本单位已发布{year}年度的考核评分表，请修改其中的项目"))
    if not items:
        issues.append(Issue("items", "考核评分表至少要有一个项目"))
    for n, item in enumerate(items, 1):
        issues += _item_issues(n, item)
    if issues:
        raise InputError(issues)
    sheet = AssessmentSheet(year=year, title=(title or default_title).strip(),
                            issuer=office.name, published_on=on)  # fmt: skip
    session.add(sheet)
    session.flush()
    for n, item in enumerate(items):
        session.add(AssessmentItem(sheet_uuid=sheet.uuid, sort_order=n, title=item.title.strip(),
                                   max_points=item.max_points, evidence=item.evidence.strip(),
                                   figure=item.figure))  # fmt: skip
    session.flush()
    return sheet.uuid


def _item_issues(n: int, item: ItemIn) -> list[Issue]:
    issues = []
    if not item.title.strip():
        issues.append(Issue("items", f"第{n}项：请填写考核项目"))
    if not item.max_points > 0:
        issues.append(Issue("max_points", f"第{n}项：满分应大于0：{item.max_points:g}"))
    if item.figure and item.figure not in FIGURES:
        said = f"第{n}项：计算指标应为{'、'.join(FIGURES)}之一或不填：{item.figure}"
        issues.append(Issue("figure", said))
    return issues


def edit_item(
    session: Session,
    year: int,
    n: int,
    *,
    title: str | None = None,
    max_points: float | None = None,
    evidence: str | None = None,
) -> None:
    """Change item n of this office's sheet; its maximum never drops below a score given."""
    row = _item(session, year, n, mine=True)
    new = ItemIn(row.title if title is None else title,
                 row.max_points if max_points is None else max_points,
                 row.evidence if evidence is None else evidence, row.figure)  # fmt: skip
    issues = _item_issues(n, new)
    highest = max((s.points for s in _scores(session, row.uuid)), default=0.0)
    if new.max_points < highest:
        said = f"第{n}项已有自评 {highest:g} 分，满分不能改为低于它：{new.max_points:g}"
        issues.append(Issue("max_points", said))
    if issues:
        raise InputError(issues)
    row.title, row.max_points, row.evidence = new.title.strip(), new.max_points, new.evidence
    session.flush()


def item_figure(session: Session, figure: str, today: date) -> str:
    """The figure an item is measured by, from this office's own data, in words."""
    from app.services.casework import casework_overview
    from app.services.holidays import work_calendar
    from app.services.plan_progress import rate_text
    from app.services.stats import office_stats
    from app.services.submissions import list_submissions
    from app.services.tasks import task_tally

    if figure in ("formation_rate", "party_share"):
        stats = office_stats(session, today)
        if figure == "formation_rate":
            return rate_text("组建率", stats.formation)
        return rate_text("党员比例", stats.party_overall)
    cal = work_calendar(session)
    if figure == "problems_closed":
        cases = casework_overview(session, today, cal)
        return f"问题 {cases.total} 个，已销号 {cases.closed} 个，逾期未改 {cases.overdue} 个"
    if figure == "tasks_on_time":
        tallies = task_tally(session, today, cal)
        return (f"督办 {sum(t.issued for t in tallies)} 件：按时办结 "
                f"{sum(t.on_time for t in tallies)} 件，逾期办结 {sum(t.late for t in tallies)} "
                f"件，逾期未办 {sum(t.overdue for t in tallies)} 件")  # fmt: skip
    if figure == "reports_on_time":
        from app.services.offices import current_office

        me = current_office(session).code
        own = [v for v in list_submissions(session, today=today)
               if v.origin == me and v.period.startswith(str(today.year))]  # fmt: skip
        on_time = sum(1 for v in own if v.timeliness == "on_time")
        late = sum(1 for v in own if v.timeliness == "late")
        return f"报表 {len(own)} 份：按时报送 {on_time} 份，迟报 {late} 份"
    return ""


def self_score(
    session: Session,
    year: int,
    n: int,
    *,
    points: float,
    evidence: str = "",
    on: date,
    today: date | None = None,
) -> str:
    """自评计分 of item n of the sheet received from above: this office's own row (a second
    score of the same item replaces the first while not yet reviewed)."""
    item = _item(session, year, n, mine=False)
    issues = points_issues("points", f"第{n}项自评分", points, item.max_points)
    issues += not_in_future("scored_on", "自评日期", on, today or date.today())
    from app.services.offices import current_office

    me = current_office(session).code
    row = next((s for s in _scores(session, item.uuid) if s.origin == me), None)
    if row is not None and _review(session, row.uuid) is not None:
        issues.append(Issue("points", f"第{n}项的自评已经复核，不能再改"))
    if issues:
        raise InputError(issues)
    figure = item_figure(session, item.figure, today or on) if item.figure else ""
    if row is None:
        row = AssessmentScore(item_uuid=item.uuid, points=points, figure_text=figure,
                              evidence=evidence.strip(), scored_on=on)  # fmt: skip
        session.add(row)
    else:
        row.points, row.figure_text, row.evidence, row.scored_on = (
            points, figure, evidence.strip(), on)  # fmt: skip
    session.flush()
    return row.uuid


def review_score(
    session: Session,
    year: int,
    n: int,
    office: str,
    *,
    points: float,
    opinion: str = "",
    on: date,
    today: date | None = None,
) -> str:
    """复查复核 of office's self-score of item n of this office's sheet: the final points."""
    item = _item(session, year, n, mine=True)
    score = next((s for s in _scores(session, item.uuid) if s.origin == office), None)
    if score is None:
        raise InputError(Issue("office", f"单位 {office} 还没有对第{n}项自评，无法复核"))
    issues = points_issues("points", f"第{n}项复核分", points, item.max_points)
    issues += not_in_future("reviewed_on", "复核日期", on, today or date.today())
    if on < score.scored_on:
        issues.append(Issue("reviewed_on", "复核日期不能早于自评日期"))
    if issues:
        raise InputError(issues)
    row = _review(session, score.uuid)
    if row is None:
        row = AssessmentReview(score_uuid=score.uuid, to_office=office, points=points,
                               opinion=opinion.strip(), reviewed_on=on)  # fmt: skip
        session.add(row)
    else:
        row.points, row.opinion, row.reviewed_on = points, opinion.strip(), on
    session.flush()
    return row.uuid


def get_sheet(session: Session, year: int, *, mine: bool | None = None) -> SheetView:
    """The year's sheet: this office's own (mine=True), the one received from above
    (mine=False), or the own one if any else the received one (None)."""
    sheet = None
    if mine in (True, None):
        sheet = _sheet(session, year, mine=True)
    if sheet is None and mine in (False, None):
        sheet = _sheet(session, year, mine=False)
    if sheet is None:
        which = {True: "本单位发布的", False: "上级下发的", None: ""}[mine]
        raise NotFound("考核评分表", f"{year}年度{which}考核评分表")
    names = {code: name for code, name in session.execute(select(Org.code, Org.name))}
    items = []
    rows = session.scalars(
        select(AssessmentItem)
        .where(AssessmentItem.sheet_uuid == sheet.uuid, AssessmentItem.deleted.is_(False))
        .order_by(AssessmentItem.sort_order)
    ).all()
    for n, item in enumerate(rows, 1):
        scores = []
        for s in sorted(_scores(session, item.uuid), key=lambda s: s.origin):
            r = _review(session, s.uuid)
            scores.append(ScoreView(
                s.uuid, s.origin, names.get(s.origin, s.origin), s.points, s.figure_text,
                s.evidence, s.scored_on, r.points if r else None, r.opinion if r else "",
                r.reviewed_on if r else None, r.uuid if r else None,
            ))  # fmt: skip
        items.append(ItemView(item.uuid, n, item.title, item.max_points, item.evidence,
                              item.figure, tuple(scores)))  # fmt: skip
    from app.services.offices import current_office

    return SheetView(sheet.uuid, sheet.year, sheet.title, sheet.issuer, sheet.origin,
                     sheet.published_on, sheet.origin == current_office(session).code,
                     tuple(items))  # fmt: skip


@dataclass(frozen=True)
class Ranked:
    line: RankLine
    name: str

    def as_dict(self) -> dict[str, object]:
        return {"rank": self.line.rank, "office": self.line.office, "name": self.name,
                "self_total": self.line.self_total, "final_total": self.line.final_total,
                "reviewed": self.line.reviewed, "items": self.line.items,
                "complete": self.line.complete}  # fmt: skip


def ranking(session: Session, year: int) -> list[Ranked]:
    """The offices that scored themselves on this office's sheet, by final total."""
    sheet = get_sheet(session, year, mine=True)
    totals: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for item in sheet.items:
        for s in item.scores:
            t = totals.setdefault(s.office, [0.0, 0.0, 0.0])
            names[s.office] = s.office_name
            t[0] += s.points
            if s.final is not None:
                t[1] += s.final
                t[2] += 1
    lines = rank([(o, t[0], t[1], int(t[2])) for o, t in totals.items()], len(sheet.items))
    return [Ranked(line, names[line.office]) for line in lines]


def _sheet(session: Session, year: int, *, mine: bool) -> AssessmentSheet | None:
    from app.services.offices import current_office

    me = current_office(session).code
    parent = session.scalar(select(Org.parent_code).where(Org.code == me))
    stmt = select(AssessmentSheet).where(AssessmentSheet.year == year,
                                         AssessmentSheet.deleted.is_(False))  # fmt: skip
    stmt = stmt.where(AssessmentSheet.origin == me if mine else AssessmentSheet.origin != me)
    # Received: the direct superior's sheet first, as it is the one that scores this office;
    # the sheets of offices further up are relayed through it ("all") for everyone below.
    first = (AssessmentSheet.origin != parent,) if not mine and parent else ()
    return session.scalars(stmt.order_by(*first, AssessmentSheet.published_on.desc())).first()


def _item(session: Session, year: int, n: int, *, mine: bool) -> AssessmentItem:
    sheet = _sheet(session, year, mine=mine)
    if sheet is None:
        which = "本单位发布的" if mine else "上级下发的"
        raise NotFound("考核评分表", f"{year}年度{which}考核评分表")
    rows = session.scalars(
        select(AssessmentItem)
        .where(AssessmentItem.sheet_uuid == sheet.uuid, AssessmentItem.deleted.is_(False))
        .order_by(AssessmentItem.sort_order)
    ).all()
    if not 1 <= n <= len(rows):
        raise InputError(Issue("item", f"考核评分表只有 {len(rows)} 项，没有第{n}项"))
    return rows[n - 1]


def _scores(session: Session, item_uuid: str) -> list[AssessmentScore]:
    return list(session.scalars(
        select(AssessmentScore).where(AssessmentScore.item_uuid == item_uuid,
                                      AssessmentScore.deleted.is_(False))
    ))  # fmt: skip


def _review(session: Session, score_uuid: str) -> AssessmentReview | None:
    return session.scalars(
        select(AssessmentReview)
        .where(AssessmentReview.score_uuid == score_uuid, AssessmentReview.deleted.is_(False))
        .order_by(AssessmentReview.reviewed_on.desc())
    ).first()
