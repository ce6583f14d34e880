"""The DOMAIN.md §1 worked example as a register in a real SQLite file, for service and CLI
tests: 9 persons / 1,200 m² in 1号楼 (101–403) plus a parking space and a second building."""

from __future__ import annotations

from datetime import date

from app.services.buildings import BuildingIn, save_building
from app.services.estates import EstateIn, create_estate
from app.services.voting_register import OwnerIn, UnitIn, save_unit
from tests.conftest import COMMUNITY_A, TODAY

IDS = {  # synthetic, check digits valid (DOMAIN.md §4 and computed)
    "A": "340603198001010013",
    "B": "340602199003150026",
    "C": "34060219900315035X",
}


def person(name: str) -> OwnerIn:
    return OwnerIn(name, IDS.get(name, ""), "")


def worked_register(session, today: date = TODAY) -> str:  # type: ignore[no-untyped-def]
    """Returns the estate's uuid."""
    estate = create_estate(
        session, EstateIn(community_code=COMMUNITY_A, name="表决花园", households=12), today=today
    )
    b1, _ = save_building(session, BuildingIn(estate, "1号楼"))
    b2, _ = save_building(session, BuildingIn(estate, "2号楼"))
    owners = {
        "101": ["A"], "102": ["A"], "201": ["B", "C"], "202": ["D"], "203": ["E"], "204": ["F"],
        "301": [], "302": [], "303": [], "401": ["G"], "402": ["H"], "403": ["J"],
    }  # fmt: skip
    areas = {"202": 9500, "203": 10500}
    for room, names in owners.items():
        save_unit(
            session,
            UnitIn(
                b1, room, areas.get(room, 10000), owners=[person(n) for n in names],
                developer_unsold=not names,
            ),
            today=today,
        )  # fmt: skip
    save_unit(
        session, UnitIn(b1, "车位1", 1250, is_parking=True, owners=[person("K")]), today=today
    )
    save_unit(session, UnitIn(b2, "101", 8000, owners=[person("L")]), today=today)
    return estate
