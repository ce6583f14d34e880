"""The demo's owners' decisions (issue 15): one estate's unit and owner register (a few
hundred units with co-owners, a buyer of three units, developer stock and parking spaces)
and two matters, one passed and published, one still short of the quorum. Its own module
and its own generator, so the ledger and casework demo rows stay what they were."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Building, Estate
from app.rules.voting import Rule
from app.rules.voting_tally import Choice
from app.services.voting import (
    BallotIn,
    ItemIn,
    MatterIn,
    create_matter,
    move_matter,
    record_ballot,
)
from app.services.voting_register import OwnerIn, UnitIn, save_unit

FLOORS = 12
CLERK = "社区表决工作组"  # who moved the demo matters: the same in every run
PER_FLOOR = 4


@dataclass(frozen=True)
class VotingDemo:
    estate: str
    units: int
    ballots: int
    matters: tuple[str, ...]


def fill_voting(session: Session, make: Any, today: date) -> VotingDemo | None:
    """`make`: the demo's person and ID maker (app/services/demo.py `_Maker`)."""
    rng: random.Random = make.rng
    counted = (
        select(Building.estate_uuid, func.count().label("n"))
        .group_by(Building.estate_uuid)
        .subquery()
    )
    estate = session.scalar(
        select(Estate).join(counted, counted.c.estate_uuid == Estate.uuid)
        .where(counted.c.n >= 3).order_by(Estate.name_key, Estate.uuid).limit(1)
    )  # fmt: skip
    if estate is None:
        return None
    buildings = session.scalars(
        select(Building).where(Building.estate_uuid == estate.uuid).order_by(Building.name)
    ).all()[:4]
    rooms: list[tuple[Building, str]] = []
    buyer = OwnerIn(make.person(), make.resident_id(), make.mobile())  # owns three units
    for b_index, building in enumerate(buildings):
        for floor in range(1, FLOORS + 1):
            for door in range(1, PER_FLOOR + 1):
                room = f"{floor}{door:02d}"
                n = len(rooms)
                developer = b_index == len(buildings) - 1 and floor >= FLOORS - 2
                if developer:
                    owners: list[OwnerIn] = []
                elif n in (5, 6, 7):
                    owners = [buyer]
                else:
                    owners = [OwnerIn(make.person(), make.resident_id(), make.mobile())]
                    if n % 15 == 0:  # co-owners
                        owners.append(OwnerIn(make.person(), make.resident_id(), ""))
                source = rng.choice(["register"] * 6 + ["survey", "contract"])
                area = rng.randrange(6000, 14000, 5)
                save_unit(session, UnitIn(building.uuid, room, area, source,
                                          developer_unsold=developer, owners=owners),
                          today=today)  # fmt: skip
                rooms.append((building, room))
        for space in range(1, 6):  # parking spaces: outside the base unless a matter counts them
            save_unit(session, UnitIn(building.uuid, f"车位{space}", 1250, is_parking=True,
                                      owners=[OwnerIn(make.person(), make.resident_id(), "")]),
                      today=today)  # fmt: skip

    passed = create_matter(session, MatterIn(
        estate.uuid, "续聘物业服务企业", [ItemIn("续聘现物业服务企业，服务期三年", 4),
                                          ItemIn("修改管理规约第十二条（车辆停放）", 2)],
        opens_on=today - timedelta(days=45), closes_on=today - timedelta(days=25),
    ))  # fmt: skip
    move_matter(session, passed, "announced", today=today - timedelta(days=62), who=CLERK)
    move_matter(session, passed, "voting", today=today - timedelta(days=45), who=CLERK)
    ballots = _vote(session, passed, rooms, rng, turnout=0.86, yes=0.72, items=2)
    move_matter(session, passed, "preliminary", today=today - timedelta(days=24), who=CLERK)
    move_matter(session, passed, "objection", today=today - timedelta(days=24), who=CLERK)
    move_matter(session, passed, "final", today=today - timedelta(days=14), who=CLERK)

    short = create_matter(session, MatterIn(
        estate.uuid, "筹集电梯维修资金",
        [ItemIn("按每平方米20元筹集电梯专项维修资金", 6, Rule.MAJOR)],
        opens_on=today - timedelta(days=5), closes_on=today + timedelta(days=20),
    ))  # fmt: skip
    move_matter(session, short, "announced", today=today - timedelta(days=20), who=CLERK)
    move_matter(session, short, "voting", today=today - timedelta(days=5), who=CLERK)
    ballots += _vote(session, short, rooms, rng, turnout=0.41, yes=0.8)
    return VotingDemo(estate.name, len(rooms), ballots, (passed, short))


def _vote(
    session: Session,
    matter: str,
    rooms: list[tuple[Building, str]],
    rng: random.Random,
    *,
    turnout: float,
    yes: float,
    items: int = 1,
) -> int:
    """Paper ballots, most online-free; a few void, one by proxy."""
    cast = 0
    for n, (building, room) in enumerate(rooms):
        if rng.random() >= turnout:
            continue
        draw = rng.random()
        choice = (
            Choice.YES if draw < yes
            else Choice.NO if draw < yes + (1 - yes) * 0.6
            else Choice.ABSTAIN if draw < 0.99
            else Choice.VOID
        )  # fmt: skip
        record_ballot(session, BallotIn(
            matter, building.name, room, [choice] * items, number=f"{n + 1:04d}",
            voter_kind="proxy" if n == 9 else "owner", proxy_ref="委托书2026-001" if n == 9 else "",
            void_reason="未签名" if choice == Choice.VOID else "",
            source="online" if n % 7 == 0 else "paper",
        ))  # fmt: skip
        cast += 1
    return cast
