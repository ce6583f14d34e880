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
