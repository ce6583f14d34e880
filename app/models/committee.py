"""Owners' committees (and 物业管理委员会), their members, duty and negative lists (task 4)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Syncable
from app.models.estate import Estate


class Committee(Syncable):
    __tablename__ = "committee"
    # Covers "is there a committee of this kind in term for this estate" (the formation rate):
    # the figures read the index alone, not 100,000 committee rows (issue 17 item 7).
    __table_args__ = (
        Index(
            "ix_committee_term",
            "estate_uuid", "kind", "status", "term_end", "term_start", "filed_on", "deleted",
        ),
        # The party share joins each committee's roster (read in committee order) to its
        # committee by uuid: this index answers that lookup alone, in the same order, instead
        # of a random read of the committee row (migration 0021, issue 18).
        Index(
            "ix_committee_uuid_term",
            "uuid", "kind", "status", "term_end", "term_start", "filed_on", "deleted",
            "estate_uuid",
        ),
    )  # fmt: skip

    estate_uuid: Mapped[str] = mapped_column(ForeignKey("estate.uuid"), index=True)
    kind: Mapped[str] = mapped_column(String(8), default="owners")
    term_number: Mapped[int] = mapped_column(Integer, default=1)
    elected_on: Mapped[date | None] = mapped_column(Date)
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date, index=True)
    filed_on: Mapped[date | None] = mapped_column(Date)
    first_meeting_on: Mapped[date | None] = mapped_column(Date)  # 首次会议 (主任、副主任)
    status: Mapped[str] = mapped_column(String(10), default="active")

    estate: Mapped[Estate] = relationship()
    members: Mapped[list[CommitteeMember]] = relationship(
        back_populates="committee", cascade="all", order_by="CommitteeMember.sort_order"
    )


class CommitteeMember(Syncable):
    __tablename__ = "committee_member"
    # Covers the party share: seated members and party members per committee from the index.
    __table_args__ = (
        Index("ix_committee_member_roster", "committee_uuid", "role", "deleted", "party_member"),
    )
    __sensitive__ = ("phone", "id_number")

    committee_uuid: Mapped[str] = mapped_column(ForeignKey("committee.uuid"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(12))
    party_member: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(24), default="")
    id_number: Mapped[str] = mapped_column(String(18), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    committee: Mapped[Committee] = relationship(back_populates="members")


class DutyRecord(Syncable):
    """履职清单: what the committee did (meetings held, disclosures made, fund uses approved)."""

    __tablename__ = "duty_record"

    committee_uuid: Mapped[str] = mapped_column(ForeignKey("committee.uuid"), index=True)
    on: Mapped[date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(40))
    content: Mapped[str] = mapped_column(Text, default="")


class NegativeRecord(Syncable):
    """负面清单: a breach by the committee or one member, and how it was handled."""

    __tablename__ = "negative_record"

    committee_uuid: Mapped[str] = mapped_column(ForeignKey("committee.uuid"), index=True)
    member_uuid: Mapped[str | None] = mapped_column(ForeignKey("committee_member.uuid"))
    on: Mapped[date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(40))
    content: Mapped[str] = mapped_column(Text, default="")
    handling: Mapped[str] = mapped_column(Text, default="")
    measure: Mapped[str | None] = mapped_column(String(12))  # NegativeMeasure; None: not yet
    handled_on: Mapped[date | None] = mapped_column(Date)


class CandidateCheck(Syncable):
    """资格审查: one eligibility check of a candidate (app/rules/vetting.py CHECKS), with who
    checked and when; a member is seated only once every check is recorded as passed."""

    __tablename__ = "candidate_check"

    member_uuid: Mapped[str] = mapped_column(ForeignKey("committee_member.uuid"), index=True)
    item: Mapped[str] = mapped_column(String(16))
    passed: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_by: Mapped[str] = mapped_column(String(40), default="")
    checked_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class CommitteeAccount(Syncable):
    """公示 of a committee's accounts for one period (task 4): common-part income, repair
    fund use and the committee's expenses, as lines in fen."""

    __tablename__ = "committee_account"

    committee_uuid: Mapped[str] = mapped_column(ForeignKey("committee.uuid"), index=True)
    period: Mapped[str] = mapped_column(String(8))  # 2026, 2026-H1, 2026-Q3, 2026-07
    notes: Mapped[str] = mapped_column(Text, default="")


class CommitteeAccountLine(Syncable):
    __tablename__ = "committee_account_line"

    account_uuid: Mapped[str] = mapped_column(ForeignKey("committee_account.uuid"), index=True)
    section: Mapped[str] = mapped_column(String(10))  # app/rules/committee_accounts.py SECTIONS
    item: Mapped[str] = mapped_column(String(80))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class CommitteeAccountPrint(Syncable):
    """One printed version of an accounts 公示, with its content as printed and the hash of
    the lines it came from (versioned like `BoardPrint` and `ProblemListPrint`)."""

    __tablename__ = "committee_account_print"

    account_uuid: Mapped[str] = mapped_column(ForeignKey("committee_account.uuid"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    printed_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, from the session's clock
    published_on: Mapped[date] = mapped_column(Date)
    content_json: Mapped[str] = mapped_column(Text)
    source_hash: Mapped[str] = mapped_column(String(64))
