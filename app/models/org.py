"""Administrative units: city, district, street, community. The office's subtree is its scope."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Syncable


class Org(Syncable):
    __tablename__ = "org"

    # The statistical division code (12 digits) is the natural key other tables refer to, so a
    # reference means the same unit in every office's database.
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    level: Mapped[str] = mapped_column(String(12))
    # Not a foreign key: an office holds its own subtree, and its parent may exist only upstairs.
    parent_code: Mapped[str | None] = mapped_column(String(12), index=True)
    credit_code: Mapped[str | None] = mapped_column(String(18))

    parent: Mapped[Org | None] = relationship(
        primaryjoin="foreign(Org.parent_code) == remote(Org.code)", viewonly=True
    )
