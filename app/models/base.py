"""Declarative base and the sync columns every travelling row carries (DESIGN.md, packages).

The columns are kept right by `app.db.sync`, never by callers: a service only sets business
fields, and `session.delete()` of a syncable row becomes a tombstone there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Syncable(Base):
    """Abstract base of rows that travel upward; `uuid` is their identity in every office."""

    __abstract__ = True

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    origin: Mapped[str] = mapped_column(String(12), index=True)
    rev: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    # The `db_id` of the database that wrote this rev: equal-rev conflicts are decided by
    # (rev, db_id, content hash) in every office alike, so it travels with the row.
    db_id: Mapped[str | None] = mapped_column(String(36))

    # Personal fields (DOMAIN.md §5): the audit log keeps them masked (app/rules/masking.py), never
    # in clear; tests/app/db/test_audit_privacy.py checks every model's personal columns are here.
    __sensitive__: tuple[str, ...] = ()
    # What people call the same thing (credit code; estate name + address): a package row that
    # matches a local row of another uuid is a duplicate candidate for a person, never merged.
    __natural_key__: tuple[str, ...] = ()
    # Personal registers (owners, ballots): versioned and audited here like every row, but
    # never sent upward in packages (app/packages/tables.py `syncable_tables`).
    __local__: bool = False
    # Whether and where the row travels DOWN (app/packages/downward.py), from its owner or
    # relayed by an office that received it from above; read-only below:
    # "to_office": to the subordinate whose subtree holds the office in its `to_office`;
    # "all": to every office below; "via:COLUMN": wherever the row its foreign key COLUMN
    # references travels; None: never down (the default).
    __down__: str | None = None

    @classmethod
    def derived(cls, row: dict[str, Any]) -> dict[str, Any]:
        """Columns computed from the row's others (a name's pinyin sort key). The ORM keeps
        them with validators; a bulk insert makes no objects, so app/db/sync.py asks here."""
        return {}
