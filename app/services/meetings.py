"""Joint meetings (联席会议): saved whole with attendees and resolutions, like a committee's
roster, so a half-entered meeting is never stored; checked for missing parties (warnings).

Resolutions keep their uuid across edits (problems point at them); removing one that opened a
problem is refused rather than leaving the problem pointing at a tombstone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import Session

from app.codes import MeetingKind, OrgLevel, ResolutionStatus
from app.errors import InputError, NotFound
from app.errors import Problem as Issue
from app.models import Estate, JointMeeting, MeetingAttendee, Org, Resolution
from app.models import Problem as ProblemRow
from app.rules.meeting_check import meeting_warnings
from app.services.listing import Column, Listing, contains
from app.services.offices import in_subtree, subtree_codes
from app.services.status_moves import move_status


@dataclass
class AttendeeIn:
    party: str = ""
    name: str = ""
    unit: str = ""
    post: str = ""


@dataclass
class ResolutionIn:
    content: str = ""
    responsible_party: str = ""
    responsible_unit: str = ""
    deadline: date | None = None
    uuid: str | None = None  # set when editing an existing resolution
    status: str = ResolutionStatus.OPEN.value  # shown; changed by `move_resolution`


@dataclass
class MeetingIn:
    kind: str = MeetingKind.FIVE_PARTY.value
    held_on: date | None = None
    venue: str = ""
    host: str = ""
    community_code: str = ""
    estate_uuid: str | None = None
    topics: str = ""
    minutes: str = ""
    attendees: list[AttendeeIn] = field(default_factory=list)
    resolutions: list[ResolutionIn] = field(default_factory=list)


@dataclass(frozen=True)
class SavedMeeting:
    uuid: str
    resolution_uuids: tuple[str, ...]
    warnings: tuple[str, ...]  # shown at entry; the meeting is saved anyway


def check_meeting(data: MeetingIn) -> list[str]:
    """Warnings for a form to show while the user types (no database needed)."""
    return meeting_warnings(data.kind, [a.party for a in data.attendees])


def _problems(session: Session, data: MeetingIn) -> list[Issue]:
    issues: list[Issue] = []
    if MeetingKind.from_text(data.kind) is None:
        issues.append(Issue("kind", "请选择会议类型"))
    if data.held_on is None:
        issues.append(Issue("held_on", "请填写会议日期"))
    in_scope = session.scalar(
        select(Org.code).where(
            Org.code == data.community_code,
            Org.level == OrgLevel.COMMUNITY,
            Org.code.in_(subtree_codes(session)),
        )
    )
    if not in_scope:
        issues.append(Issue("community_code", "请选择本辖区内的社区"))
    if data.estate_uuid and session.get(Estate, data.estate_uuid) is None:
        issues.append(Issue("estate_uuid", "找不到所选小区"))
    for i, a in enumerate(data.attendees, start=1):
        if not a.name.strip():
            issues.append(Issue("attendees", f"第{i}位参会人员缺少姓名"))
        if not a.party.strip():
            issues.append(Issue("attendees", f"第{i}位参会人员缺少所属方"))
    for i, r in enumerate(data.resolutions, start=1):
        if not r.content.strip():
            issues.append(Issue("resolutions", f"第{i}条决议内容为空"))
        if r.deadline and data.held_on and r.deadline < data.held_on:
            issues.append(Issue("resolutions", f"第{i}条决议的完成时限早于会议日期"))
    return issues


def save_meeting(session: Session, uuid: str | None, data: MeetingIn) -> SavedMeeting:
    """Create (uuid None) or replace a meeting with its attendees and resolutions."""
    if issues := _problems(session, data):
        raise InputError(issues)
    meeting = JointMeeting() if uuid is None else _get(session, uuid)
    # Resolutions are checked before anything changes: the session stays clean on refusal.
    existing = {r.uuid: r for r in meeting.resolutions} if uuid else {}
    kept = {r.uuid for r in data.resolutions if r.uuid}
    if unknown := kept - existing.keys():
        raise InputError(Issue("resolutions", f"决议不属于本次会议：{'、'.join(sorted(unknown))}"))
    dropped = [row for u, row in existing.items() if u not in kept]
    if dropped and session.scalar(
        select(func.count()).where(ProblemRow.resolution_uuid.in_([r.uuid for r in dropped]))
    ):
        raise InputError(Issue("resolutions", "已据以建立整改问题的决议不能删除"))
    if uuid is None:
        session.add(meeting)
    meeting.kind = str(MeetingKind.from_text(data.kind))
    meeting.held_on = data.held_on  # type: ignore[assignment]
    meeting.venue, meeting.host = data.venue.strip(), data.host.strip()
    meeting.community_code = data.community_code
    meeting.estate_uuid = data.estate_uuid or None
    meeting.topics, meeting.minutes = data.topics.strip(), data.minutes.strip()

    # Attendees have no identity of their own: replaced whole, old rows become tombstones.
    for old in list(meeting.attendees):
        session.delete(old)
    for i, a in enumerate(data.attendees):
        session.add(
            MeetingAttendee(
                meeting=meeting,
                party=a.party.strip(),
                name=a.name.strip(),
                unit=a.unit.strip(),
                post=a.post.strip(),
                sort_order=i,
            )
        )

    for old in dropped:
        session.delete(old)
    rows = []
    for i, r in enumerate(data.resolutions):
        row = existing.get(r.uuid or "")
        if row is None:
            row = Resolution(meeting=meeting, status=ResolutionStatus.OPEN.value)
            session.add(row)
        row.content = r.content.strip()
        row.responsible_party = r.responsible_party.strip()
        row.responsible_unit = r.responsible_unit.strip()
        row.deadline = r.deadline
        row.sort_order = i
        rows.append(row)
    session.flush()
    return SavedMeeting(meeting.uuid, tuple(r.uuid for r in rows), tuple(check_meeting(data)))


def get_meeting(session: Session, uuid: str) -> MeetingIn:
    m = _get(session, uuid)
    return MeetingIn(
        kind=m.kind,
        held_on=m.held_on,
        venue=m.venue,
        host=m.host,
        community_code=m.community_code,
        estate_uuid=m.estate_uuid,
        topics=m.topics,
        minutes=m.minutes,
        attendees=[AttendeeIn(a.party, a.name, a.unit, a.post) for a in m.attendees],
        resolutions=[
            ResolutionIn(
                r.content, r.responsible_party, r.responsible_unit, r.deadline, r.uuid, r.status
            )
            for r in m.resolutions
        ],
    )


def move_resolution(
    session: Session,
    uuid: str,
    target: str,
    *,
    when: datetime,
    who: str | None = None,
    reason: str = "",
) -> None:
    row = session.get(Resolution, uuid)
    if row is None or row.deleted:
        raise NotFound("联席会议决议", uuid)
    move_status(session, row, target, when=when, who=who, reason=reason)
    session.flush()


def meeting_of_resolution(session: Session, resolution_uuid: str) -> str:
    """The meeting a resolution was made at: a problem's form opens its source meeting."""
    uuid = session.scalar(
        select(Resolution.meeting_uuid).where(
            Resolution.uuid == resolution_uuid, Resolution.deleted.is_(False)
        )
    )
    if uuid is None:
        raise NotFound("联席会议决议", resolution_uuid)
    return uuid


def resolution_problems(session: Session, meeting_uuid: str) -> dict[str, tuple[str, str]]:
    """resolution uuid -> (problem uuid, problem status) for the meeting's resolutions that
    opened a problem: the meeting form shows each resolution's problem (the link both ways)."""
    rows = session.execute(
        select(ProblemRow.resolution_uuid, ProblemRow.uuid, ProblemRow.status)
        .join(Resolution, Resolution.uuid == ProblemRow.resolution_uuid)
        .where(Resolution.meeting_uuid == meeting_uuid)
        .order_by(ProblemRow.found_on, ProblemRow.uuid)
    )
    found: dict[str, tuple[str, str]] = {}
    for resolution, problem, status in rows:
        found.setdefault(resolution, (problem, status))
    return found


def minutes_fields(session: Session, uuid: str) -> dict[str, str]:
    """The 联席会议纪要 template's fields from a stored meeting: attendees grouped by party,
    resolutions numbered with their unit and deadline, the organizer the meeting's community."""
    m = _get(session, uuid)
    community = session.scalar(select(Org.name).where(Org.code == m.community_code)) or ""
    estate = session.scalar(select(Estate.name).where(Estate.uuid == m.estate_uuid)) or ""
    by_party: dict[str, list[str]] = {}
    for a in m.attendees:
        who = a.unit or a.name
        if who not in by_party.setdefault(a.party, []):
            by_party[a.party].append(who)
    attendees = "；".join(
        f"{party}（{'、'.join(units)}）" if units != [party] else party
        for party, units in by_party.items()
    )
    lines = []
    for i, r in enumerate(m.resolutions, start=1):
        owner = r.responsible_unit or r.responsible_party
        tail = "，".join(
            part
            for part in (
                f"责任单位：{owner}" if owner else "",
                f"完成时限：{r.deadline.year}年{r.deadline.month}月{r.deadline.day}日"
                if r.deadline
                else "",
            )
            if part
        )
        content = r.content.rstrip("。；;.")
        lines.append(f"{i}. {content}" + (f"（{tail}）" if tail else "") + "。")
    return {
        "meeting_name": f"{community}{estate}{MeetingKind.label_of(m.kind)}",
        "meeting_date": m.held_on.isoformat(),
        "venue": m.venue,
        "host": m.host,
        "attendees": attendees,
        "topics": m.topics,
        "resolutions": "\n".join(lines),
        "organizer": f"{community}居民委员会" if community else "",
    }


def _get(session: Session, uuid: str) -> JointMeeting:
    m = session.get(JointMeeting, uuid)
    if m is None or m.deleted:
        raise NotFound("联席会议", uuid)
    return m


def _base(session: Session) -> Select[tuple[str]]:
    return select(JointMeeting.uuid).where(in_subtree(session, JointMeeting.community_code))


def _open_resolution() -> ColumnElement[bool]:
    return (
        (Resolution.meeting_uuid == JointMeeting.uuid)
        & Resolution.deleted.is_(False)
        & (Resolution.status != ResolutionStatus.DONE.value)
    )


def _overdue_on(day: date) -> ColumnElement[bool]:
    """Meetings with a resolution not yet carried out past its deadline on `day`."""
    return exists().where(_open_resolution(), Resolution.deadline < day)


# The earliest deadline among resolutions not yet carried out: the list colours a meeting by it.
NEXT_DEADLINE = select(func.min(Resolution.deadline)).where(_open_resolution()).scalar_subquery()


MEETINGS = Listing(
    base=_base,
    uuid=JointMeeting.uuid,
    columns=[
        Column("held_on", JointMeeting.held_on, display=lambda d: d.isoformat(), nullable=False),
        Column("kind", JointMeeting.kind, display=MeetingKind.label_of, nullable=False),
        Column(
            "community",
            select(Org.name).where(Org.code == JointMeeting.community_code).scalar_subquery(),
        ),
        Column(
            "estate",
            select(Estate.name).where(Estate.uuid == JointMeeting.estate_uuid).scalar_subquery(),
        ),
        Column("topics", JointMeeting.topics, nullable=False),
        Column(
            "next_deadline",
            NEXT_DEADLINE,
            display=lambda d: d.isoformat() if d else "",
            null_sort="9999-12-31",
        ),
        Column(
            "resolutions",
            select(func.count(Resolution.uuid))
            .where(Resolution.meeting_uuid == JointMeeting.uuid, Resolution.deleted.is_(False))
            .scalar_subquery(),
            null_sort=0,
        ),
    ],
    search=contains(JointMeeting.topics, JointMeeting.minutes, JointMeeting.venue),
    default_sort="held_on",
    filters={
        "kind": JointMeeting.kind,
        "community": JointMeeting.community_code,
        "estate": JointMeeting.estate_uuid,
        "overdue_on": _overdue_on,  # a date: a resolution late on that day
    },
)
