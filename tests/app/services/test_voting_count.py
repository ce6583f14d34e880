"""The set-based tally (app/services/voting_count.py) gives exactly what the rule itself,
`tally_item` over the whole register, gives: on the demo's matters and on a register with
multi-unit owners inside and across the scope, owners known by name only, co-owners,
developer stock, parking, mixed ballots of one person and a deleted ballot."""

from __future__ import annotations

import random

from sqlalchemy import select

from app.models import Ballot, Building, VoteMatter
from app.rules.voting import Rule
from app.rules.voting_tally import BY_CODE, tally_item
from app.services.buildings import BuildingIn, save_building
from app.services.voting import ItemIn, MatterIn, counted_base, create_matter, get_matter, tally
from app.services.voting_register import OwnerIn, UnitIn, estate_units, save_unit
from tests.app.services.voting_fixtures import worked_register
from tests.conftest import TODAY


def _by_the_rule(s, uuid: str) -> list:  # type: ignore[no-untyped-def,type-arg]
    matter = get_matter(s, uuid)
    holdings, persons = counted_base(s, matter)
    out = []
    ballots = s.execute(
        select(Ballot.unit_uuid, Ballot.choices).where(
            Ballot.matter_uuid == uuid, Ballot.deleted.is_(False)
        )
    ).all()
    for i, item in enumerate(matter.items):
        choices = {}
        for unit, text in ballots:
            codes = text.split(",")
            if i < len(codes) and codes[i] != "-":
                choices[unit] = BY_CODE[codes[i]]
        out.append(tally_item(Rule(item.rule), holdings, choices, persons=persons))
    return out


def test_the_demo_matters_count_the_same(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reader() as s:
        matters = s.scalars(select(VoteMatter.uuid)).all()
        assert matters
        for uuid in matters:
            if get_matter(s, uuid).base_persons is None:
                assert list(tally(s, uuid).items) == _by_the_rule(s, uuid)
            else:  # frozen base: the figures of the ballots are the rule's
                for ours, rule in zip(tally(s, uuid).items, _by_the_rule(s, uuid), strict=True):
                    assert (ours.yes, ours.no, ours.abstain, ours.void) == (
                        rule.yes, rule.no, rule.abstain, rule.void)  # fmt: skip


def test_a_tangled_register_counts_the_same(db) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(278)
    with db.sessions.begin() as s:
        estate = worked_register(s, TODAY)
        b1, b2 = (s.scalar(select(Building.uuid).where(Building.name == n))
                  for n in ("1号楼", "2号楼"))  # fmt: skip
        b3, _ = save_building(s, BuildingIn(estate, "3号楼"))
        names = ["甲", "乙", "丙", "丁", "戊"]
        for n in range(40):
            building = rng.choice([b2, b3])
            owners = [OwnerIn(rng.choice(names)) for _ in range(rng.choice([0, 1, 1, 2]))]
            save_unit(s, UnitIn(building, f"{n + 500}", rng.randint(5000, 15000), owners=owners,
                                developer_unsold=not owners,
                                is_parking=rng.random() < 0.1), today=TODAY)  # fmt: skip
        save_unit(s, UnitIn(b2, "999", 7000, owners=[OwnerIn("A", "340603198001010013")]),
                  today=TODAY)  # fmt: skip
        matters = [
            create_matter(
                s, MatterIn(estate, "全体", [ItemIn("一"), ItemIn("二", rule=Rule.MAJOR)])
            ),
            create_matter(
                s,
                MatterIn(
                    estate, "两栋", [ItemIn("一")], building_uuids=[b1, b3], count_parking=True
                ),
            ),
        ]
        everything = estate_units(s, estate)  # ballots in and out of each base
        for uuid in matters:
            items = len(get_matter(s, uuid).items)
            for unit in everything:
                if rng.random() < 0.7:
                    codes = ",".join(rng.choice(["yes", "no", "abstain", "void", "-"])
                                     for _ in range(items))  # fmt: skip
                    s.add(Ballot(matter_uuid=uuid, unit_uuid=unit.uuid, choices=codes,
                                 deleted=rng.random() < 0.1))  # fmt: skip
        s.flush()
    with db.reader() as s:
        for uuid in matters:
            assert list(tally(s, uuid).items) == _by_the_rule(s, uuid)


def test_a_kept_tally_follows_register_changes_between_tallies(db) -> None:  # type: ignore[no-untyped-def]
    """The window's case (bench figure (a')): a matter counted, then units re-measured,
    re-owned (linking and unlinking multi-unit owners), made developer stock, turned into a
    parking space, deleted and added, with ballots in between: each tally after a change is
    the count from scratch over the register as it now is."""
    from app.models import HousingUnit
    from app.rules.voting_tally import Choice
    from app.services.voting import BallotIn, live_tally, record_ballot
    from tests.app.services.voting_fixtures import person

    with db.sessions.begin() as s:
        estate = worked_register(s, TODAY)
        b1 = s.scalar(select(Building.uuid).where(Building.name == "1号楼"))
        uuid = create_matter(
            s, MatterIn(estate, "全体", [ItemIn("一"), ItemIn("二", rule=Rule.MAJOR)])
        )
        for room, choice in (("101", Choice.YES), ("102", Choice.NO), ("201", Choice.YES),
                             ("202", Choice.YES), ("203", Choice.NO), ("301", Choice.YES),
                             ("401", Choice.ABSTAIN)):  # fmt: skip
            record_ballot(s, BallotIn(uuid, "1号楼", room, [choice, Choice.YES]))

    def unit(s, room: str) -> HousingUnit:  # type: ignore[no-untyped-def]
        return s.scalar(
            select(HousingUnit).where(HousingUnit.building_uuid == b1, HousingUnit.room == room)
        )

    def check() -> None:
        with db.reader() as s:
            assert list(tally(s, uuid).items) == _by_the_rule(s, uuid)
            live = live_tally(s, uuid)
            assert live.items() == list(tally(s, uuid).items)

    check()
    check()  # the second count of the matter keeps it from here on
    steps = [
        lambda s: setattr(unit(s, "101"), "area_dm2", 12345),
        lambda s: save_unit(s, UnitIn(b1, "402", 10000, owners=[person("A")]), today=TODAY),
        lambda s: save_unit(s, UnitIn(b1, "102", 10000, owners=[person("Z")]), today=TODAY),
        lambda s: save_unit(s, UnitIn(b1, "403", 10000, developer_unsold=True), today=TODAY),
        lambda s: setattr(unit(s, "203"), "is_parking", True),
        lambda s: s.delete(unit(s, "204")),
        lambda s: save_unit(s, UnitIn(b1, "501", 7777, owners=[person("D")]), today=TODAY),
        lambda s: record_ballot(
            s, BallotIn(uuid, "1号楼", "501", [Choice.NO, Choice.VOID], void_reason="字迹不清")
        ),
        lambda s: setattr(unit(s, "203"), "is_parking", False),
        lambda s: save_unit(s, UnitIn(b1, "201", 10000, owners=[person("B")]), today=TODAY),
    ]
    for step in steps:
        with db.sessions.begin() as s:
            step(s)
        check()


def test_a_tally_inside_a_write_that_rolls_back_leaves_nothing_kept(db) -> None:  # type: ignore[no-untyped-def]
    """A write transaction may tally (the result at 初步结果公示) and then roll back, and the
    seq numbers it used be given to other rows: what it counted must not be kept."""
    import pytest

    from app.rules.voting_tally import Choice
    from app.services.voting import BallotIn, record_ballot

    with db.sessions.begin() as s:
        estate = worked_register(s, TODAY)
        uuid = create_matter(s, MatterIn(estate, "全体", [ItemIn("一")]))
    for _ in range(2):  # counted twice: kept from here on
        with db.reader() as s:
            tally(s, uuid)
    with pytest.raises(RuntimeError), db.sessions.begin() as s:
        record_ballot(s, BallotIn(uuid, "1号楼", "101", [Choice.YES]))
        record_ballot(s, BallotIn(uuid, "1号楼", "202", [Choice.YES]))
        assert tally(s, uuid).items[0].yes.persons == 2  # its own rows, uncommitted
        raise RuntimeError("rolled back")
    with db.sessions.begin() as s:  # the same seq numbers, other rows
        record_ballot(s, BallotIn(uuid, "1号楼", "203", [Choice.NO]))
        record_ballot(s, BallotIn(uuid, "1号楼", "204", [Choice.NO]))
    with db.reader() as s:
        counted = list(tally(s, uuid).items)
        assert counted == _by_the_rule(s, uuid)
        assert (counted[0].yes.persons, counted[0].no.persons) == (0, 2)
