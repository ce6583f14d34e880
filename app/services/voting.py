"""Owners' decisions (issue 15): matters, ballots, the live tally and the lifecycle.

One service for the window, the Excel import of online results and `wuye vote`: every
check (unit in scope, one ballot per unit, a closed matter takes none) lives here, so no
entry path can skip one. The count itself is pure (app/rules/voting*.py)."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import false, select
from sqlalchemy.orm import Session, joinedload

from app.codes import CanvassStatus, VoteStatus
from app.errors import InputError, NotFound, Problem
from app.models import Ballot, Building, Canvass, Estate, HousingUnit, VoteItem, VoteMatter
from app.rules.voting import Count, Rule, category
from app.rules.voting_tally import (
    BY_CODE,
    CHOICE_LABELS,
    Choice,
    Holding,
    ItemTally,
    LiveTally,
    choice_from_text,
    in_base,
    person_of,
)
from app.services.status_moves import move_status
from app.services.voting_count import count_items, kept_copy, scope_units
from app.services.voting_election import elect_committee, vetting_refusal
from app.services.voting_register import UnitRef, register_version

NOTICE_DAYS = 15  # 物业管理条例 art. 14: the meeting is notified 15 days before
OPEN_STATUSES = (VoteStatus.DRAFT, VoteStatus.ANNOUNCED, VoteStatus.VOTING)
NO_CHOICE = "-"  # an item a ballot does not (yet) answer: not participating in that item


@dataclass(frozen=True)
class ItemIn:
    title: str
    category: int = 0  # art. 278 item 1–9; 0: not named, the rule is given
    rule: Rule = Rule.ORDINARY


@dataclass(frozen=True)
class MatterIn:
    estate_uuid: str
    title: str
    items: Sequence[ItemIn]
    building_uuids: Sequence[str] = ()  # empty: the whole estate
    count_parking: bool = False
    opens_on: date | None = None
    closes_on: date | None = None
    objection_days: int = 7
    kind: str = "art278"  # art279: 住宅改经营性用房, consent of the affected owners


def create_matter(session: Session, data: MatterIn) -> str:
    """A new draft matter with its items numbered from 1; InputError, nothing written."""
    problems: list[Problem] = []
    if not data.title.strip():
        problems.append(Problem("title", "表决事项名称必填"))
    if not data.items:
        problems.append(Problem("items", "至少要有一个议题"))
    for i, item in enumerate(data.items, start=1):
        if not item.title.strip():
            problems.append(Problem("items", f"第{i}个议题的内容必填"))
        if item.category:
            try:
                category(item.category)
            except ValueError as exc:
                problems.append(Problem("items", f"第{i}个议题：{exc}"))
    if data.opens_on and data.closes_on and data.closes_on < data.opens_on:
        problems.append(Problem("closes_on", "表决截止日期早于开始日期"))
    if data.objection_days < 1:
        problems.append(Problem("objection_days", "异议期应至少1天"))
    known = set(
        session.scalars(select(Building.uuid).where(Building.estate_uuid == data.estate_uuid))
    )
    if any(b not in known for b in data.building_uuids):
        problems.append(Problem("buildings", "表决范围中的楼栋不属于该小区"))
    if problems:
        raise InputError(problems)
    matter = VoteMatter(
        estate_uuid=data.estate_uuid,
        title=data.title.strip(),
        kind=data.kind,
        scope_buildings=json.dumps(sorted(set(data.building_uuids))),
        count_parking=data.count_parking,
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        objection_days=data.objection_days,
        status=VoteStatus.DRAFT,
    )
    session.add(matter)
    for number, item in enumerate(data.items, start=1):
        rule = Rule.CONSENT if data.kind == "art279" else item.rule
        if item.category and data.kind != "art279":
            rule = category(item.category).rule
        session.add(
            VoteItem(
                matter=matter, number=number, title=item.title.strip(),
                category=item.category, rule=rule.value,
            )
        )  # fmt: skip
    session.flush()
    return matter.uuid


def scope_buildings(session: Session, estate_uuid: str, names: Iterable[str]) -> list[str]:
    """The uuids of the estate's buildings named as a matter's scope (the CLI's --building,
    the form's line); InputError naming the first building the estate does not have."""
    uuids = []
    for name in (n.strip() for n in names):
        if not name:
            continue
        uuid = session.scalar(
            select(Building.uuid).where(
                Building.estate_uuid == estate_uuid,
                Building.name == name,
                Building.deleted == false(),
            )
        )
        if uuid is None:
            estate = session.get(Estate, estate_uuid)
            where = f"小区“{estate.name}”" if estate is not None else "该小区"
            raise InputError(Problem("buildings", f"{where}没有楼栋“{name}”"))
        uuids.append(uuid)
    return uuids


def get_matter(session: Session, key: str, *, with_items: bool = False) -> VoteMatter:
    """A matter by uuid (or a unique uuid prefix, as the CLI prints it); `with_items` loads
    its items in the same query (ballot entry: one statement less per ballot)."""
    options = [joinedload(VoteMatter.items)] if with_items else []
    matter = session.get(VoteMatter, key, options=options)
    if matter is None and len(key) >= 4:
        found = session.scalars(select(VoteMatter).where(VoteMatter.uuid.startswith(key))).all()
        matter = found[0] if len(found) == 1 else None
    if matter is None:
        raise NotFound("表决事项", key)
    return matter


# --- ballots -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BallotIn:
    matter_uuid: str
    building: str  # 楼栋 name, as typed (楼栋-房号)
    room: str
    choices: Sequence[Choice | None]  # one per item; None: the ballot leaves it blank
    number: str = ""
    voter_kind: str = "owner"  # owner | co_owner | proxy
    voter_name: str = ""
    proxy_ref: str = ""
    void_reason: str = ""
    source: str = "paper"
    correction: bool = False  # an explicit, audited correction of the unit's ballot


def find_unit(session: Session, matter: VoteMatter, building: str, room: str) -> UnitRef:
    """The unit typed as 楼栋-房号, checked to be in the estate and in the matter's scope.
    One indexed query: ballot entry must not read the whole register."""
    label = f"{building.strip()}-{room.strip()}"
    unit, place = HousingUnit.__table__, Building.__table__
    row = (
        session.connection()  # plain Core: no ORM row to build on the entry path
        .execute(
            select(
                unit.c.uuid,
                unit.c.building_uuid,
                place.c.name,
                unit.c.room,
                unit.c.area_dm2,
                unit.c.is_parking,
                unit.c.developer_unsold,
            )
            .join_from(unit, place, place.c.uuid == unit.c.building_uuid)
            .where(
                place.c.estate_uuid == matter.estate_uuid,
                place.c.name == building.strip(),
                unit.c.room == room.strip(),
                place.c.deleted == false(),
                unit.c.deleted == false(),
            )
        )
        .first()
    )
    if row is None:
        raise InputError(Problem("unit", f"房屋名册中没有 {label}"))
    found = UnitRef(*row, owner_keys=frozenset())
    scope = set(json.loads(matter.scope_buildings or "[]"))
    if scope and found.building_uuid not in scope:
        raise InputError(Problem("unit", f"{label} 不在本次表决范围内"))
    if found.is_parking and not matter.count_parking:
        raise InputError(Problem("unit", f"{label} 是车位，不计入本次表决"))
    return found


@dataclass(frozen=True)
class BallotOut:
    """What a recorded ballot now says, for the live tally beside the entry."""

    uuid: str
    unit_uuid: str
    choices: list[Choice | None]


def record_ballot(session: Session, data: BallotIn) -> BallotOut:
    """Record (or, as an explicit correction, replace) one unit's ballot. A ballot that
    answers only some items may be completed later; answering an item twice is refused
    unless it is a correction."""
    matter = get_matter(session, data.matter_uuid, with_items=True)
    check_open(matter)
    unit = find_unit(session, matter, data.building, data.room)
    count = len(matter.items)
    if len(data.choices) != count:
        raise InputError(
            Problem("choice", f"本事项有{count}个议题，选票填写了{len(data.choices)}个")
        )
    if all(c is None for c in data.choices):
        raise InputError(Problem("choice", "选票没有填写任何意见"))
    if data.voter_kind == "proxy" and not data.proxy_ref.strip():
        raise InputError(Problem("proxy_ref", "委托代理投票须填写委托书编号"))
    if Choice.VOID in data.choices and not data.void_reason.strip():
        raise InputError(Problem("void_reason", "无效票须注明原因"))
    ballot = session.scalar(
        select(Ballot).where(Ballot.matter_uuid == matter.uuid, Ballot.unit_uuid == unit.uuid)
    )
    new = [c.value if c else NO_CHOICE for c in data.choices]
    if ballot is not None and not data.correction:
        had = ballot.choices.split(",")
        clash = [
            i
            for i, (a, b) in enumerate(zip(had, new, strict=True))
            if a != NO_CHOICE and b != NO_CHOICE
        ]
        if clash or ballot.source != data.source:
            raise InputError(
                Problem("unit", f"{unit.label} 已投票（选票编号 {ballot.number or '无'}），"
                        "如需更正请使用更正功能")
            )  # fmt: skip
        new = [b if b != NO_CHOICE else a for a, b in zip(had, new, strict=True)]
    if ballot is None:
        ballot = Ballot(matter_uuid=matter.uuid, unit_uuid=unit.uuid)
        session.add(ballot)
    elif data.correction:
        ballot.corrections = (ballot.corrections or 0) + 1
    ballot.choices = ",".join(new)
    ballot.number = data.number.strip() or ballot.number or ""
    ballot.voter_kind = data.voter_kind
    ballot.voter_name = data.voter_name.strip()
    ballot.proxy_ref = data.proxy_ref.strip()
    ballot.void_reason = data.void_reason.strip()
    ballot.source = data.source
    with session.no_autoflush:  # the ballot and its canvass row in one flush: one seq, one audit
        _set_canvass(session, matter.uuid, unit.uuid, CanvassStatus.VOTED)
    session.flush()
    return BallotOut(ballot.uuid, unit.uuid, [None if c == NO_CHOICE else Choice(c) for c in new])


def check_open(matter: VoteMatter) -> None:
    if matter.status not in OPEN_STATUSES:
        raise InputError(
            Problem("status", f"表决事项“{matter.title}”已{VoteStatus.label_of(matter.status)}，"
                    "不再接收选票")
        )  # fmt: skip


def import_online(session: Session, matter_uuid: str, rows: Iterable[dict[str, str]]) -> int:
    """Ballots an online platform exported (one row per unit: 楼栋, 房号, 表决意见 or
    议题1…N, optional 投票编号) into the same matter, all or nothing: a unit that already
    voted on paper is refused with its row named. Returns the ballots recorded."""
    matter = get_matter(session, matter_uuid)
    count = len(matter.items)
    problems: list[Problem] = []
    done = 0
    whole = session.begin_nested()  # a refused sheet leaves nothing, whatever the caller does
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        texts = [row.get(f"议题{i}", "") for i in range(1, count + 1)]
        if count == 1 and not texts[0]:
            texts = [row.get("表决意见", "")]
        choices = [choice_from_text(t) if str(t).strip() else None for t in texts]
        if any(c is None and str(t).strip() for c, t in zip(choices, texts, strict=True)):
            problems.append(Problem(f"第{number}行", "表决意见应为同意、反对、弃权或无效"))
            continue
        try:
            with session.begin_nested():
                record_ballot(session, BallotIn(
                    matter.uuid, str(row.get("楼栋", "")), str(row.get("房号", "")), choices,
                    number=str(row.get("投票编号", "") or ""), source="online",
                    void_reason="线上平台判定无效" if Choice.VOID in choices else "",
                ))  # fmt: skip
            done += 1
        except InputError as exc:
            problems += [Problem(f"第{number}行", p.message) for p in exc.problems]
    if problems:
        whole.rollback()
        raise InputError(problems)
    whole.commit()
    return done


def set_canvass(session: Session, matter_uuid: str, building: str, room: str, status: str) -> None:
    matter = get_matter(session, matter_uuid)
    code = CanvassStatus.from_text(status)
    if code is None:
        raise InputError(Problem("status", "扫楼状态应为未联系、已送达、拒收或已投票"))
    unit = find_unit(session, matter, building, room)
    _set_canvass(session, matter.uuid, unit.uuid, code)
    session.flush()


def _set_canvass(session: Session, matter_uuid: str, unit_uuid: str, status: str) -> None:
    row = session.scalar(
        select(Canvass).where(Canvass.matter_uuid == matter_uuid, Canvass.unit_uuid == unit_uuid)
    )
    if row is None:
        session.add(Canvass(matter_uuid=matter_uuid, unit_uuid=unit_uuid, status=status))
    elif row.status != status:
        row.status = status


# --- tally ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatterTally:
    """Every item's tally and the base it was counted over."""

    base: Count
    frozen: bool
    count_parking: bool
    items: tuple[ItemTally, ...]
    titles: tuple[str, ...]


def tally(session: Session, matter_uuid: str) -> MatterTally:
    """The live tally of every item; once the notice is out, over the frozen base. Counted
    set-based (app/services/voting_count.py), the same figures as `tally_item` over the
    whole register, which `live_tally` keeps for ballot entry."""
    matter = get_matter(session, matter_uuid)
    items = list(matter.items)
    results = []
    frozen = matter.base_persons is not None
    for t in count_items(session, matter, [Rule(i.rule) for i in items]):
        if frozen:
            t = _with_total(t, Count(matter.base_persons or 0, matter.base_area_dm2 or 0))
        results.append(t)
    base = results[0].total if results else Count()
    return MatterTally(
        base, frozen, matter.count_parking, tuple(results), tuple(i.title for i in items)
    )


_BASES: OrderedDict[tuple[object, ...], tuple[list[Holding], dict[str, int]]] = OrderedDict()


def counted_base(session: Session, matter: VoteMatter) -> tuple[list[Holding], dict[str, int]]:
    """The matter's base and who is one person in it. Reading and linking 20,000 units is
    most of a tally, so it is kept while the register is unchanged (`register_version`)."""
    key = (
        str(session.get_bind().url), matter.estate_uuid, matter.scope_buildings,
        bool(matter.count_parking), register_version(session),
    )  # fmt: skip
    if key in _BASES:
        _BASES.move_to_end(key)
        return _BASES[key]
    units = scope_units(session, matter)
    holdings = in_base((u.holding() for u in units), count_parking=matter.count_parking)
    _BASES[key] = found = (holdings, person_of(holdings))
    while len(_BASES) > 8:
        _BASES.popitem(last=False)
    return found


def live_tally(session: Session, matter_uuid: str) -> LiveTally:
    """The matter's tally as ballot entry keeps it: a copy of the tally this process keeps
    (app/services/voting_count.py), then `set` per ballot (`BallotOut`) changes a few
    integers instead of recounting the register."""
    matter = get_matter(session, matter_uuid)
    frozen = None
    if matter.base_persons is not None:
        frozen = Count(matter.base_persons, matter.base_area_dm2 or 0)
    return kept_copy(session, matter, [Rule(i.rule) for i in matter.items], frozen)


def _ballot_rows(session: Session, matter_uuid: str) -> Iterable[tuple[str, str]]:
    """(unit, choices) of the matter's live ballots, as plain Core rows (no ORM objects)."""
    table = Ballot.__table__
    return session.connection().execute(  # type: ignore[return-value]
        select(table.c.unit_uuid, table.c.choices).where(
            table.c.matter_uuid == matter_uuid, table.c.deleted == false()
        )
    )


def _with_total(t: ItemTally, total: Count) -> ItemTally:
    return ItemTally(t.rule, total, t.participating, t.yes, t.no, t.abstain, t.void)


# --- lifecycle -----------------------------------------------------------------------------


def move_matter(
    session: Session,
    matter_uuid: str,
    target: str,
    *,
    today: date,
    reason: str = "",
    who: str | None = None,
) -> None:
    """Move a matter along its lifecycle (app/rules/transitions.py), with what each step
    fixes: the base and the 15-day notice at 已公告, the result at 初步结果公示 and at
    结果公告, and there the end of the one-year revocation window (民法典 art. 280) and, for
    an election that passes, the committee's new term (app/services/voting_election.py)."""
    matter = get_matter(session, matter_uuid)
    code = VoteStatus.from_text(target)
    if code is None:
        raise InputError(Problem("status", f"未知的状态：{target}"))
    if code == VoteStatus.ANNOUNCED and matter.status == VoteStatus.DRAFT:
        if matter.opens_on is None:
            raise InputError(Problem("opens_on", "公告前须填写表决开始日期"))
        if matter.opens_on < today + timedelta(days=NOTICE_DAYS):
            raise InputError(
                Problem("opens_on", f"表决开始日期 {matter.opens_on.isoformat()} 距公告日不足"
                        f"{NOTICE_DAYS}日（物业管理条例第十四条），最早可定于 "
                        f"{(today + timedelta(days=NOTICE_DAYS)).isoformat()}")
            )  # fmt: skip
        if problems := vetting_refusal(session, matter):
            raise InputError(problems)
    when = datetime.combine(today, time())
    move_status(session, matter, code, when=when, reason=reason, who=who)
    session.flush()
    if code == VoteStatus.ANNOUNCED:
        base = tally(session, matter.uuid).base  # live: not yet frozen
        matter.base_persons, matter.base_area_dm2 = base.persons, base.area
        matter.noticed_on = today
    elif code == VoteStatus.DRAFT:
        matter.base_persons = matter.base_area_dm2 = None
        matter.noticed_on = None
    elif code in (VoteStatus.PRELIMINARY, VoteStatus.FINAL):
        counted = tally(session, matter.uuid)
        for item, t in zip(matter.items, counted.items, strict=True):
            item.result_json = json.dumps(t.as_json(), ensure_ascii=False, sort_keys=True)
            session.flush()  # one row a flush: seq numbers in a fixed order (demo, packages)
        if code == VoteStatus.FINAL:
            matter.result_on = today
            matter.revocation_window_end = one_year_after(today)
            elect_committee(session, matter, [t.passed for t in counted.items], today=today)
    session.flush()


def one_year_after(day: date) -> date:
    """民法典 art. 280 with arts 201–203: the same day a year on (29 Feb → 28 Feb)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


# --- lists ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatterRow:
    uuid: str
    estate: str
    title: str
    status: str
    items: int
    ballots: int
    opens_on: date | None
    closes_on: date | None
    passed: list[bool] = field(default_factory=list)


def list_matters(session: Session) -> list[MatterRow]:
    rows = []
    for matter in session.scalars(select(VoteMatter).order_by(VoteMatter.updated_at.desc())):
        ballots = session.scalars(
            select(Ballot.uuid).where(Ballot.matter_uuid == matter.uuid)
        ).all()
        rows.append(
            MatterRow(
                matter.uuid, matter.estate.name, matter.title, matter.status, len(matter.items),
                len(ballots), matter.opens_on, matter.closes_on,
            )
        )  # fmt: skip
    return rows


def choice_label(choice: Choice | None) -> str:
    return CHOICE_LABELS[choice] if choice else ""


@dataclass(frozen=True)
class CanvassRow:
    """One building's standing in a matter, for 扫楼: who has not voted yet."""

    building: str
    units: int
    voted: int
    missing: tuple[str, ...]  # rooms without a ballot


def canvass_by_building(session: Session, matter_uuid: str) -> list[CanvassRow]:
    matter = get_matter(session, matter_uuid)
    voted = {unit for unit, _ in _ballot_rows(session, matter.uuid)}
    by_building: dict[str, list[UnitRef]] = {}
    for unit in scope_units(session, matter):
        by_building.setdefault(unit.building, []).append(unit)
    return [
        CanvassRow(name, len(units), sum(u.uuid in voted for u in units),
                   tuple(sorted((u.room for u in units if u.uuid not in voted),
                                key=lambda room: (len(room), room))))
        for name, units in sorted(by_building.items())
    ]  # fmt: skip


def unit_labels(session: Session, matter_uuid: str) -> list[str]:
    """楼栋-房号 of every unit in the matter's scope, for the entry's completion."""
    matter = get_matter(session, matter_uuid)
    return sorted(u.label for u in scope_units(session, matter))


def entry_differences(
    session: Session, matter_uuid: str, rows: Iterable[dict[str, str]]
) -> list[str]:
    """Double entry: a second worker's re-entry of a batch (楼栋, 房号, 表决意见 or 议题1…N)
    compared with the ballots stored; each difference as one Chinese line, nothing written."""
    matter = get_matter(session, matter_uuid)
    count = len(matter.items)
    stored: dict[tuple[str, str], list[str]] = {}
    labels = {u.uuid: (u.building, u.room) for u in scope_units(session, matter)}
    for unit_uuid, text in _ballot_rows(session, matter.uuid):
        if unit_uuid in labels:
            stored[labels[unit_uuid]] = text.split(",")
    lines: list[str] = []
    for number, row in enumerate(rows, start=2):
        key = (str(row.get("楼栋", "")).strip(), str(row.get("房号", "")).strip())
        texts = [row.get(f"议题{i}", "") for i in range(1, count + 1)]
        if count == 1 and not texts[0]:
            texts = [row.get("表决意见", "")]
        again = [(c.value if (c := choice_from_text(t)) else NO_CHOICE) for t in texts]
        first = stored.get(key)
        where = f"第{number}行 {key[0]}-{key[1]}"
        if first is None:
            lines.append(f"{where}：首次录入中没有这张选票")
            continue
        for i, (a, b) in enumerate(zip(first, again, strict=False), start=1):
            if a != b:
                was = CHOICE_LABELS.get(BY_CODE.get(a), "未填")  # type: ignore[arg-type]
                now = CHOICE_LABELS.get(BY_CODE.get(b), "未填")  # type: ignore[arg-type]
                lines.append(f"{where} 议题{i}：首次录入“{was}”，复核录入“{now}”")
    return lines
