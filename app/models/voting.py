"""Owners' decisions (issue 15): the unit and owner register, matters, items and ballots.

Owners, units, ballots and canvassing are personal data of this office (DOMAIN.md §5): they
are versioned and audited like every row but marked `__local__`, so packages never carry
them upward; only the matter and its items, with the frozen base and the result, travel."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Syncable
from app.models.estate import Building, Estate


class HousingUnit(Syncable):
    """A 专有部分 (房屋 or 车位) under a building, with its exclusive area."""

    __tablename__ = "housing_unit"
    __local__ = True
    __table_args__ = (Index("ix_housing_unit_building_room", "building_uuid", "room"),)

    building_uuid: Mapped[str] = mapped_column(ForeignKey("building.uuid"))
    room: Mapped[str] = mapped_column(String(20))
    area_dm2: Mapped[int] = mapped_column(Integer)  # 0.01 m², like every area here
    area_source: Mapped[str] = mapped_column(String(10), default="register")
    is_parking: Mapped[bool] = mapped_column(Boolean, default=False)
    # The developer's unsold or sold-undelivered units: together they count as one person.
    developer_unsold: Mapped[bool] = mapped_column(Boolean, default=False)

    building: Mapped[Building] = relationship()
    owners: Mapped[list[UnitOwner]] = relationship(
        back_populates="unit", order_by="UnitOwner.sort_order"
    )


class UnitOwner(Syncable):
    """One owner of a unit; several rows of one unit are its co-owners."""

    __tablename__ = "unit_owner"
    __local__ = True
    __sensitive__ = ("owner_name", "id_number", "phone")

    unit_uuid: Mapped[str] = mapped_column(ForeignKey("housing_unit.uuid"), index=True)
    owner_name: Mapped[str] = mapped_column(String(80))
    legal_person: Mapped[bool] = mapped_column(Boolean, default=False)
    # Resident ID or credit code, normalised; the head count links a buyer's units by it.
    id_number: Mapped[str] = mapped_column(String(18), default="", index=True)
    phone: Mapped[str] = mapped_column(String(24), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    unit: Mapped[HousingUnit] = relationship(back_populates="owners")


class VoteMatter(Syncable):
    """表决事项: what the owners decide, over which scope, and its frozen base and result."""

    __tablename__ = "vote_matter"

    estate_uuid: Mapped[str] = mapped_column(ForeignKey("estate.uuid"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10), default="art278")  # art278 | art279
    # JSON list of building uuids; empty = the whole estate.
    scope_buildings: Mapped[str] = mapped_column(Text, default="[]")
    count_parking: Mapped[bool] = mapped_column(Boolean, default=False)
    opens_on: Mapped[date | None] = mapped_column(Date)
    closes_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    noticed_on: Mapped[date | None] = mapped_column(Date)
    # The base, frozen when the notice is issued (persons, 0.01 m²); None while a draft.
    base_persons: Mapped[int | None] = mapped_column(Integer)
    base_area_dm2: Mapped[int | None] = mapped_column(Integer)
    objection_days: Mapped[int] = mapped_column(Integer, default=7)
    result_on: Mapped[date | None] = mapped_column(Date)
    revocation_window_end: Mapped[date | None] = mapped_column(Date)  # art. 280: one year

    estate: Mapped[Estate] = relationship()
    items: Mapped[list[VoteItem]] = relationship(
        back_populates="matter", order_by="VoteItem.number"
    )


class VoteItem(Syncable):
    """One 议题 of a matter: its art. 278 category and, once counted, its result."""

    __tablename__ = "vote_item"

    matter_uuid: Mapped[str] = mapped_column(ForeignKey("vote_matter.uuid"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[int] = mapped_column(Integer, default=9)  # 1–9; 0 for art. 279
    rule: Mapped[str] = mapped_column(String(10), default="ordinary")
    # The tally's figures as `wuye vote tally --json` prints them, stored at the result.
    result_json: Mapped[str] = mapped_column(Text, default="")

    matter: Mapped[VoteMatter] = relationship(back_populates="items")


class VoteCandidateCheck(Syncable):
    """资格审查 of a candidate that an election matter's items name (推荐关、审核关, DOMAIN.md
    §2), recorded before the notice: the notice of an election goes out only when every
    candidate passed every check, and the elected members are seated with these checks
    (`CandidateCheck` rows of the new term). Stays in this office, like the register."""

    __tablename__ = "vote_candidate_check"
    __local__ = True

    matter_uuid: Mapped[str] = mapped_column(ForeignKey("vote_matter.uuid"), index=True)
    candidate: Mapped[str] = mapped_column(String(40))  # the name the item's title gives
    item: Mapped[str] = mapped_column(String(16))  # app/rules/vetting.py CHECKS code
    passed: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_by: Mapped[str] = mapped_column(String(40), default="")
    checked_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class Ballot(Syncable):
    """One unit's ballot in one matter, from paper or an online platform."""

    __tablename__ = "ballot"
    __local__ = True
    __sensitive__ = ("voter_name",)
    __table_args__ = (
        Index(
            "ux_ballot_matter_unit",
            "matter_uuid",
            "unit_uuid",
            unique=True,
            sqlite_where=text("deleted = 0"),
            postgresql_where=text("deleted = false"),
        ),
    )

    matter_uuid: Mapped[str] = mapped_column(ForeignKey("vote_matter.uuid"), index=True)
    unit_uuid: Mapped[str] = mapped_column(ForeignKey("housing_unit.uuid"))
    number: Mapped[str] = mapped_column(String(30), default="")
    voter_kind: Mapped[str] = mapped_column(String(10), default="owner")  # owner|co_owner|proxy
    voter_name: Mapped[str] = mapped_column(String(80), default="")
    proxy_ref: Mapped[str] = mapped_column(String(60), default="")  # 委托书 reference
    # One code per item, comma-separated in item order (yes, no, abstain, void).
    choices: Mapped[str] = mapped_column(String(200))
    void_reason: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(10), default="paper")  # paper | online
    corrections: Mapped[int] = mapped_column(Integer, default=0)


class Canvass(Syncable):
    """扫楼: where the contact with a unit stands in one matter."""

    __tablename__ = "vote_canvass"
    __local__ = True
    __table_args__ = (Index("ix_vote_canvass_matter_unit", "matter_uuid", "unit_uuid"),)

    matter_uuid: Mapped[str] = mapped_column(ForeignKey("vote_matter.uuid"))
    unit_uuid: Mapped[str] = mapped_column(ForeignKey("housing_unit.uuid"))
    status: Mapped[str] = mapped_column(String(10), default="none")
    note: Mapped[str] = mapped_column(String(200), default="")
