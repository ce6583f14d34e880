"""Estates (小区/物业项目) and their buildings, as the task-1 ledger records them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.models.base import Syncable
from app.models.org import Org
from app.rules.pinyin import pinyin_key


class Estate(Syncable):
    __tablename__ = "estate"
    __table_args__ = (
        Index("ix_estate_name_uuid", "name", "uuid"),
        Index("ix_estate_name_key_uuid", "name_key", "uuid"),  # lists sort by pinyin
        # The 总览's estate figures (by management type, the formation rate) read this narrow
        # index instead of the wide rows; in uuid order, so the formation rate's look-ups of
        # each estate's committee (ix_committee_term) go forward through that index
        # (migration 0021, issue 18).
        Index(
            "ix_estate_uuid_figures",
            "uuid", "deleted", "committee_required", "management_type", "community_code",
        ),
        # The tombstones alone: the unfiltered list's count is the table's row count less
        # these (app/services/listing.py `live_rows`; migration 0029, issue 18). Partial, so
        # the planner never takes it for `deleted = 0`: a full index leading with `deleted`
        # was chosen for every list query of a file without its statistics (1.2 s a page).
        Index(
            "ix_estate_tombstones", "deleted",
            sqlite_where=text("deleted = 1"), postgresql_where=text("deleted"),
        ),
    )  # fmt: skip
    __natural_key__ = ("community_code", "name", "address")

    community_code: Mapped[str] = mapped_column(ForeignKey("org.code"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    # The name's pinyin sort key (app.rules.pinyin), set whenever the name is.
    name_key: Mapped[str] = mapped_column(String(400), default="", server_default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    management_type: Mapped[str] = mapped_column(String(16))
    built_year: Mapped[int | None] = mapped_column(Integer)
    # Areas in 0.01 m² (= dm²) and fees in 分: thresholds compare integers, never floats.
    floor_area_dm2: Mapped[int | None] = mapped_column(Integer)
    households: Mapped[int] = mapped_column(Integer, default=0)
    building_count: Mapped[int] = mapped_column(Integer, default=0)
    is_old: Mapped[bool] = mapped_column(Boolean, default=False)
    is_resettlement: Mapped[bool] = mapped_column(Boolean, default=False)
    is_affordable: Mapped[bool] = mapped_column(Boolean, default=False)
    elevators: Mapped[int] = mapped_column(Integer, default=0)
    parking_spaces: Mapped[int] = mapped_column(Integer, default=0)
    ev_chargers: Mapped[int] = mapped_column(Integer, default=0)
    has_management_room: Mapped[bool] = mapped_column(Boolean, default=False)
    service_grade: Mapped[str] = mapped_column(String(20), default="")
    fee_fen_per_m2_month: Mapped[int | None] = mapped_column(Integer)
    # Whether the estate counts in the committee-formation denominator (DOMAIN.md §2).
    committee_required: Mapped[bool] = mapped_column(Boolean, default=True)

    community: Mapped[Org] = relationship()
    buildings: Mapped[list[Building]] = relationship(back_populates="estate", cascade="all")

    @validates("name")
    def _keep_name_key(self, _key: str, name: str) -> str:
        """Every write of the name (form, import, demo) writes its sort key with it."""
        self.name_key = pinyin_key(name or "")
        return name

    @classmethod
    def derived(cls, row: dict[str, Any]) -> dict[str, Any]:
        return {"name_key": pinyin_key(row.get("name") or "")} if "name" in row else {}


class Building(Syncable):
    __tablename__ = "building"

    estate_uuid: Mapped[str] = mapped_column(ForeignKey("estate.uuid"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    floors: Mapped[int | None] = mapped_column(Integer)
    households: Mapped[int] = mapped_column(Integer, default=0)
    has_elevator: Mapped[bool] = mapped_column(Boolean, default=False)

    estate: Mapped[Estate] = relationship(back_populates="buildings")
