"""Property service companies, their staff, and the contracts that tie them to estates."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.models.base import Syncable
from app.models.estate import Estate
from app.rules.pinyin import pinyin_key


class PropertyCompany(Syncable):
    __tablename__ = "property_company"
    __table_args__ = (
        Index("ix_property_company_name_uuid", "name", "uuid"),
        Index("ix_property_company_name_key_uuid", "name_key", "uuid"),  # lists sort by pinyin
    )
    __natural_key__ = ("credit_code",)
    # The contact person's own mobile, as often as not: personal (DOMAIN.md §5).
    __sensitive__ = ("contact_phone",)

    credit_code: Mapped[str] = mapped_column(String(18), index=True)
    name: Mapped[str] = mapped_column(String(120))
    # The name's pinyin sort key (app.rules.pinyin), set whenever the name is.
    name_key: Mapped[str] = mapped_column(String(600), default="", server_default="")
    legal_rep: Mapped[str] = mapped_column(String(40), default="")
    contact_person: Mapped[str] = mapped_column(String(40), default="")
    contact_phone: Mapped[str] = mapped_column(String(24), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    party_org: Mapped[str] = mapped_column(String(8), default="none")
    # Since when its party organisation (单独建立 / 联合建立) exists (task 10); None: not known.
    party_org_since: Mapped[date | None] = mapped_column(Date)
    # Hand-typed before issue 17, kept so older packages still load; nothing reads or writes
    # them: the credit is computed from dated evidence (app/services/credit.py).
    credit_score: Mapped[int | None] = mapped_column(Integer)
    credit_grade: Mapped[str] = mapped_column(String(8), default="")
    market_status: Mapped[str] = mapped_column(String(8), default="normal")

    staff: Mapped[list[CompanyStaff]] = relationship(back_populates="company", cascade="all")

    @validates("name")
    def _keep_name_key(self, _key: str, name: str) -> str:
        """Every write of the name (form, import, demo) writes its sort key with it."""
        self.name_key = pinyin_key(name or "")
        return name

    @classmethod
    def derived(cls, row: dict[str, Any]) -> dict[str, Any]:
        return {"name_key": pinyin_key(row.get("name") or "")} if "name" in row else {}


class CompanyStaff(Syncable):
    __tablename__ = "company_staff"
    __sensitive__ = ("phone", "id_number")

    company_uuid: Mapped[str] = mapped_column(ForeignKey("property_company.uuid"), index=True)
    estate_uuid: Mapped[str | None] = mapped_column(ForeignKey("estate.uuid"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(20))
    phone: Mapped[str] = mapped_column(String(24), default="")
    id_number: Mapped[str] = mapped_column(String(18), default="")
    # 职业资格证书: name and number as the certificate gives them (free text, several allowed).
    certificate: Mapped[str] = mapped_column(String(200), default="")

    company: Mapped[PropertyCompany] = relationship(back_populates="staff")


class ServiceContract(Syncable):
    """The current company of an estate is derived from its contracts, never stored twice."""

    __tablename__ = "service_contract"

    estate_uuid: Mapped[str] = mapped_column(ForeignKey("estate.uuid"), index=True)
    company_uuid: Mapped[str] = mapped_column(ForeignKey("property_company.uuid"), index=True)
    # None: unknown (a ledger row that gave none); never replaced by the day of entry.
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    selection_method: Mapped[str] = mapped_column(String(16))
    fee_fen_per_m2_month: Mapped[int | None] = mapped_column(Integer)

    estate: Mapped[Estate] = relationship()
    company: Mapped[PropertyCompany] = relationship()
