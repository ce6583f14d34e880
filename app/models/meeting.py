"""Joint meetings (五方/三方联席会议, task 10; 承接查验小组, task 5), who attended for which
party, and the resolutions each meeting made, followed until done."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Syncable


class JointMeeting(Syncable):
    __tablename__ = "joint_meeting"
    __table_args__ = (Index("ix_joint_meeting_held_on_uuid", "held_on", "uuid"),)

    kind: Mapped[str] = mapped_column(String(12))  # MeetingKind
    held_on: Mapped[date] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(String(120), default="")
    host: Mapped[str] = mapped_column(String(40), default="")  # 主持人
    # The community party organisation convenes it (task 10): the meeting belongs to a community.
    community_code: Mapped[str] = mapped_column(ForeignKey("org.code"), index=True)
    estate_uuid: Mapped[str | None] = mapped_column(ForeignKey("estate.uuid"), index=True)
    topics: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")

    attendees: Mapped[list[MeetingAttendee]] = relationship(
        back_populates="meeting", cascade="all", order_by="MeetingAttendee.sort_order"
    )
    resolutions: Mapped[list[Resolution]] = relationship(
        back_populates="meeting", cascade="all", order_by="Resolution.sort_order"
    )


class MeetingAttendee(Syncable):
    __tablename__ = "meeting_attendee"

    meeting_uuid: Mapped[str] = mapped_column(ForeignKey("joint_meeting.uuid"), index=True)
    party: Mapped[str] = mapped_column(String(40))  # a name from meeting_parties.json, or free
    unit: Mapped[str] = mapped_column(String(80), default="")  # the attendee's organisation
    name: Mapped[str] = mapped_column(String(40))
    post: Mapped[str] = mapped_column(String(40), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    meeting: Mapped[JointMeeting] = relationship(back_populates="attendees")


class Resolution(Syncable):
    """One decision of a meeting. Problems opened from it point here (Problem.resolution_uuid);
    that column is the one record of the link, read both ways."""

    __tablename__ = "resolution"

    meeting_uuid: Mapped[str] = mapped_column(ForeignKey("joint_meeting.uuid"), index=True)
    content: Mapped[str] = mapped_column(Text)
    responsible_party: Mapped[str] = mapped_column(String(40), default="")
    responsible_unit: Mapped[str] = mapped_column(String(80), default="")
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="open")  # ResolutionStatus
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    meeting: Mapped[JointMeeting] = relationship(back_populates="resolutions")
