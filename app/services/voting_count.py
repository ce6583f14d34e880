"""The whole tally of a matter, set-based (issue 15, bench/voting.py).

Area is additive, so every figure by area is a SQL aggregate. Heads are too for a unit that
is a person of its own, which is nearly every unit: only units linked to others (an owner of
several units, the developer's unsold stock) need the head count of DOMAIN.md §1. So the
count is: one aggregate of the ballots by choice over the units in the base, one of the base,
and `tally_item` (the rule itself) over the few linked units only; the linked units' share is
taken out of the aggregate and their person-counted figures put in. No register read whole,
no cache to go stale: a register change costs nothing extra.

Exactly what `tally_item` over the whole base gives (tests/app/services/test_voting_count.py)."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case, false, func, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.models import Ballot, Building, HousingUnit, UnitOwner
from app.models.voting import VoteMatter
from app.rules.voting import Count, Rule
from app.rules.voting_tally import BY_CODE, Choice, Holding, ItemTally, LiveTally, tally_item
from app.services.voting_register import UnitRef, estate_units, register_version

NO_CHOICE = "-"


def _base_condition(matter: VoteMatter) -> ColumnElement[bool]:
    """A unit in the matter's base, tested on the unit row alone (its building through an
    IN list, so SQLite drives every query from the ballots or owners, not the buildings)."""
    unit, building = HousingUnit.__table__, Building.__table__
    scope = json.loads(matter.scope_buildings or "[]")
    buildings = select(building.c.uuid).where(
        building.c.estate_uuid == matter.estate_uuid,
        building.c.deleted == false(),
        building.c.uuid.in_(scope) if scope else true(),
    )
    return and_(
        unit.c.building_uuid.in_(buildings),
        unit.c.deleted == false(),
        true() if matter.count_parking else unit.c.is_parking == false(),
    )


def scope_units(session: Session, matter: VoteMatter) -> list[UnitRef]:
    """The units the matter's base counts: its buildings (or the whole estate), parking
    spaces only when the matter counts them."""
    scope = set(json.loads(matter.scope_buildings or "[]"))
    units = estate_units(session, matter.estate_uuid)
    return [
        u
        for u in units
        if (not scope or u.building_uuid in scope) and (matter.count_parking or not u.is_parking)
    ]


_COUNTED: OrderedDict[tuple[object, ...], list[ItemTally]] = OrderedDict()


def count_items(session: Session, matter: VoteMatter, rules: Sequence[Rule]) -> list[ItemTally]:
    """Every item's tally over the matter's live base (the caller applies a frozen base).
    The first count of a matter in a process is set-based (`_count`); a second one keeps
    the matter's tally (`kept_tally`) from then on. A set-based count is also reused while
    nothing it reads has changed: the register (`register_version`) and the ballots (their
    highest seq, on its index: every write and tombstone raises it; ballots are never
    deleted outright), so a repeated tally costs a few index look-ups."""
    if _writing(session):
        return _count(session, matter, rules)
    kept = kept_tally(session, matter, rules, build=_counted_before(session, matter))
    if kept is not None:
        return kept
    ballot = Ballot.__table__
    latest = session.connection().execute(select(func.max(ballot.c.seq))).scalar()
    key = (
        str(session.get_bind().url), matter.uuid, matter.scope_buildings,
        bool(matter.count_parking), tuple(rules), register_version(session), latest,
    )  # fmt: skip
    if key in _COUNTED:
        _COUNTED.move_to_end(key)
        return list(_COUNTED[key])
    counted = _count(session, matter, rules)
    _COUNTED[key] = counted
    while len(_COUNTED) > 8:
        _COUNTED.popitem(last=False)
    return list(counted)


_SEEN: set[tuple[str, str]] = set()


def _writing(session: Session) -> bool:
    """A write transaction (app/db/engine.py marks its connection) may still roll back, and
    its seq numbers be given again to other rows: nothing it reads is kept for later."""
    return bool(session.connection().info.get("wuye_writer"))


def _counted_before(session: Session, matter: VoteMatter) -> bool:
    key = (str(session.get_bind().url), matter.uuid)
    before = key in _SEEN
    _SEEN.add(key)
    return before


@dataclass
class _Kept:
    """One matter's tally as a process keeps it, and the highest seq of each table it has
    seen (unit, owner, building, ballot)."""

    live: LiveTally
    signature: tuple[object, ...]
    seen: tuple[int, int, int, int]
    lock: threading.Lock


_KEPT: OrderedDict[tuple[str, str], _Kept] = OrderedDict()
_KEPT_LOCK = threading.Lock()
REBUILD_AFTER = 2000  # changed units past which a recount is cheaper than the changes one by one


def kept_tally(
    session: Session, matter: VoteMatter, rules: Sequence[Rule], *, build: bool = True
) -> list[ItemTally] | None:
    """The matter's items from its kept tally, brought up to date first; None when none
    is kept and `build` is False. Totals are the live base (the caller applies a frozen one)."""
    found = _kept(session, matter, rules, build=build)
    if found is None:
        return None
    with found.lock:
        return found.live.items()


def kept_copy(session: Session, matter: VoteMatter, rules: Sequence[Rule],
              frozen_total: Count | None) -> LiveTally:  # fmt: skip
    """A copy of the matter's kept tally for ballot entry to change as it records."""
    found = _kept(session, matter, rules, build=True)
    assert found is not None
    with found.lock:
        return found.live.copy(frozen_total=frozen_total)


def _kept(
    session: Session, matter: VoteMatter, rules: Sequence[Rule], *, build: bool
) -> _Kept | None:
    unit, owner = HousingUnit.__table__, UnitOwner.__table__
    building, ballot = Building.__table__, Ballot.__table__
    seen = tuple(
        session.connection()
        .execute(select(*(select(func.max(t.c.seq)).scalar_subquery()
                          for t in (unit, owner, building, ballot))))
        .one()
    )  # fmt: skip
    seen = tuple(v or 0 for v in seen)
    key = (str(session.get_bind().url), matter.uuid)
    signature = (matter.scope_buildings, bool(matter.count_parking), tuple(rules))
    if _writing(session):  # counted afresh for this transaction alone, never kept
        return _fresh(session, matter, rules, signature, seen) if build else None
    with _KEPT_LOCK:
        found = _KEPT.get(key)
        if found is not None:
            _KEPT.move_to_end(key)
    if found is not None and any(a < b for a, b in zip(seen, found.seen, strict=True)):
        # a reader whose snapshot is older than what is kept: counted for it alone
        return _fresh(session, matter, rules, signature, seen) if build else None
    if found is not None and found.signature == signature and found.seen[2] == seen[2]:
        with found.lock:
            if found.seen != seen and not _bring_up_to_date(session, matter, found, seen):
                found = None
        if found is not None:
            return found
    if not build:
        return None
    found = _fresh(session, matter, rules, signature, seen)
    with _KEPT_LOCK:
        _KEPT[key] = found
        while len(_KEPT) > 8:
            _KEPT.popitem(last=False)
    return found


def _fresh(
    session: Session,
    matter: VoteMatter,
    rules: Sequence[Rule],
    signature: tuple[object, ...],
    seen: tuple[int, ...],
) -> _Kept:
    """The matter's tally counted from the register and its ballots."""
    ballot = Ballot.__table__
    live = LiveTally(list(rules), (u.holding() for u in scope_units(session, matter)))
    for unit_uuid, text in session.connection().execute(
        select(ballot.c.unit_uuid, ballot.c.choices).where(
            ballot.c.matter_uuid == matter.uuid, ballot.c.deleted == false()
        )
    ):
        live.set(unit_uuid, _choices(text, len(rules)))
    return _Kept(live, signature, seen, threading.Lock())  # type: ignore[arg-type]


def _bring_up_to_date(
    session: Session, matter: VoteMatter, kept: _Kept, seen: tuple[int, ...]
) -> bool:
    """Apply the register and ballot rows written since `kept.seen`; False when so much
    changed that a recount is the better way."""
    unit, owner, ballot = HousingUnit.__table__, UnitOwner.__table__, Ballot.__table__
    connection = session.connection()
    changed = set(
        connection.execute(
            select(unit.c.uuid).where(unit.c.seq > kept.seen[0]).union(
                select(owner.c.unit_uuid).where(owner.c.seq > kept.seen[1])
            ).limit(REBUILD_AFTER + 1)
        ).scalars()
    )  # fmt: skip
    if len(changed) > REBUILD_AFTER:
        return False
    if changed:
        keys: dict[str, set[str]] = {u: set() for u in changed}
        for unit_uuid, number, name in connection.execute(
            select(owner.c.unit_uuid, owner.c.id_number, owner.c.owner_name).where(
                owner.c.unit_uuid.in_(changed), owner.c.deleted == false()
            )
        ):
            keys[unit_uuid].add(number or f"name:{name}")
        holdings: dict[str, Holding | None] = dict.fromkeys(changed)
        for uuid, area, developer, parking in connection.execute(
            select(unit.c.uuid, unit.c.area_dm2, unit.c.developer_unsold, unit.c.is_parking).where(
                unit.c.uuid.in_(changed), _base_condition(matter)
            )
        ):
            holdings[uuid] = Holding(uuid, area, frozenset(keys[uuid]), bool(developer),
                                     bool(parking))  # fmt: skip
        kept.live.replace(holdings)
    n = len(kept.live.rules)
    for unit_uuid, text, deleted, matter_uuid in connection.execute(
        select(ballot.c.unit_uuid, ballot.c.choices, ballot.c.deleted, ballot.c.matter_uuid)
        .where(ballot.c.seq > kept.seen[3])  # on the seq index alone: the few rows since
        .order_by(ballot.c.seq)
    ):
        if matter_uuid == matter.uuid:
            kept.live.set(unit_uuid, [None] * n if deleted else _choices(text, n))
    kept.seen = seen  # type: ignore[assignment]
    return True


def _choices(text: str, n: int) -> list[Choice | None]:
    codes = (text or "").split(",")[:n]
    codes += [NO_CHOICE] * (n - len(codes))
    return [None if c == NO_CHOICE else BY_CODE[c] for c in codes]


def _count(session: Session, matter: VoteMatter, rules: Sequence[Rule]) -> list[ItemTally]:
    unit = HousingUnit.__table__
    owner, ballot = UnitOwner.__table__, Ballot.__table__
    connection = session.connection()
    in_base = _base_condition(matter)
    base_units, base_area, unsold = connection.execute(  # one pass: the base and the stock
        select(
            func.count(),
            func.coalesce(func.sum(unit.c.area_dm2), 0),
            func.group_concat(case((unit.c.developer_unsold == true(), unit.c.uuid))),
        ).where(in_base)
    ).one()
    voted = connection.execute(
        select(ballot.c.choices, func.count(), func.sum(unit.c.area_dm2))
        .select_from(ballot.join(unit, unit.c.uuid == ballot.c.unit_uuid))
        .where(in_base, ballot.c.matter_uuid == matter.uuid, ballot.c.deleted == false())
        .group_by(ballot.c.choices)
    ).all()

    # Linked units: the developer's stock and units sharing an owner key with another unit
    # in the base. Candidates through the ID number's index (a number on two owner rows
    # anywhere), plus owners known by name only; then kept where the key is on two units of
    # this base.
    twice = (  # on the ID number's index alone: no table row read
        select(owner.c.id_number)
        .where(owner.c.id_number != "")
        .group_by(owner.c.id_number)
        .having(func.count() > 1)
    )
    candidates = connection.execute(
        select(owner.c.unit_uuid, owner.c.id_number, owner.c.owner_name)
        .select_from(owner.join(unit, unit.c.uuid == owner.c.unit_uuid))
        .where(
            in_base,
            owner.c.deleted == false(),
            owner.c.id_number.in_(twice),
        )
        .union_all(  # owners known by name only (no ID number): few, through the same index
            select(owner.c.unit_uuid, owner.c.id_number, owner.c.owner_name)
            .select_from(owner.join(unit, unit.c.uuid == owner.c.unit_uuid))
            .where(in_base, owner.c.deleted == false(), owner.c.id_number == "")
        )
    )
    units_of: dict[str, set[str]] = {}
    for unit_uuid, number, name in candidates:
        units_of.setdefault(number or f"name:{name}", set()).add(unit_uuid)
    linked_keys: dict[str, set[str]] = {}
    for k, units_with in units_of.items():
        if len(units_with) > 1:
            for unit_uuid in units_with:
                linked_keys.setdefault(unit_uuid, set()).add(k)
    developer = set(unsold.split(",")) if unsold else set()  # uuids hold no comma
    linked = set(linked_keys) | developer
    holdings: list[Holding] = []
    linked_choices: list[dict[str, Choice]] = [{} for _ in rules]
    if linked:
        # Every owner key of a linked unit (a co-owner's own key may be unshared, harmless).
        rows = connection.execute(
            select(unit.c.uuid, unit.c.area_dm2, ballot.c.choices)
            .select_from(
                unit.outerjoin(
                    ballot,
                    and_(
                        ballot.c.unit_uuid == unit.c.uuid,
                        ballot.c.matter_uuid == matter.uuid,
                        ballot.c.deleted == false(),
                    ),
                )
            )
            .where(unit.c.uuid.in_(linked))
        )
        for unit_uuid, area, text in rows:
            holdings.append(Holding(unit_uuid, area, frozenset(linked_keys.get(unit_uuid, ())),
                                    unit_uuid in developer))  # fmt: skip
            for i, code in enumerate((text or "").split(",")[: len(rules)]):
                if code and code != NO_CHOICE:
                    linked_choices[i][unit_uuid] = BY_CODE[code]

    results = []
    for i, rule in enumerate(rules):
        units = dict.fromkeys(Choice, 0)
        area = dict.fromkeys(Choice, 0)
        for text, n, a in voted:
            codes = text.split(",")
            code = codes[i] if i < len(codes) else NO_CHOICE
            if code != NO_CHOICE:
                units[BY_CODE[code]] += n
                area[BY_CODE[code]] += a or 0
        part = tally_item(rule, holdings, linked_choices[i])
        for choice in linked_choices[i].values():  # the linked units out, their persons in
            units[choice] -= 1
        for choice, c in ((Choice.YES, part.yes), (Choice.NO, part.no),
                          (Choice.ABSTAIN, part.abstain), (Choice.VOID, part.void)):  # fmt: skip
            units[choice] += c.persons
        counts = {c: Count(units[c], area[c]) for c in Choice}
        total = Count(base_units - len(holdings) + part.total.persons, base_area)
        results.append(
            ItemTally(rule, total, sum(counts.values(), Count()), counts[Choice.YES],
                      counts[Choice.NO], counts[Choice.ABSTAIN], counts[Choice.VOID])
        )  # fmt: skip
    return results
