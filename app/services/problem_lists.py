"""The 问题清单/整改情况公示 (task 2: 问题清单、责任清单、整改清单及时向社会公示) of an estate or a
whole community, drawn from the problems marked `public`, and versioned like the disclosure
boards (`app/services/disclosure.py`): every masked print is the list's next version, with its
content as printed and the hash of the rows it came from, so a list whose problems changed
since it went on the wall is listed to be printed again.

    with db.sessions.begin() as s:          # plan, draw, record: one transaction
        content = plan_problem_list(s, estate="相山花园", today=today)
        draw_problem_list(content, out)      # reports.pdf.problem_list, by the caller
        record_problem_list(s, content)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.codes import ProblemCategory, ProblemStatus
from app.db.sync import check_unmask, context_of
from app.errors import InputError, NotFound, Problem
from app.models import Estate, Org, ProblemListPrint
from app.models import Problem as ProblemRecord
from app.rules.masking import mask_free_text, mask_name
from app.services.board_prints import issuer_of
from app.services.estate_names import find_community, find_estate
from app.services.offices import in_subtree
from app.services.print_versions import (
    CHANGED,
    NEVER_PRINTED,
    PrintStatus,
    check_next_version,
    last_public_prints,
    last_version,
    note_unmasked,
)


@dataclass(frozen=True)
class PublicProblem:
    """One line of the list as it goes on the wall: masked unless printed for internal use."""

    number: str
    estate: str
    category: str
    description: str
    responsible_unit: str
    responsible_person: str
    deadline: str  # ISO date
    status: str  # its Chinese label
    measures: str
    rectified_on: str  # ISO date or ""


@dataclass(frozen=True)
class ProblemListContent:
    community_code: str
    estate_uuid: str | None  # None: the whole community
    title: str
    issuer: str
    version: int
    published_on: date
    masked: bool
    rows: tuple[PublicProblem, ...]

    def as_json(self) -> str:
        data = asdict(self)
        data["published_on"] = self.published_on.isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


ListStatus = PrintStatus  # a problem list that should be (re)printed, and why


def _public(community_code: str, estate_uuid: str | None):  # type: ignore[no-untyped-def]
    where = [
        ProblemRecord.public.is_(True),
        ProblemRecord.deleted.is_(False),
        ProblemRecord.community_code == community_code,
    ]
    if estate_uuid is not None:
        where.append(ProblemRecord.estate_uuid == estate_uuid)
    return where


def source_hash(session: Session, community_code: str, estate_uuid: str | None) -> str:
    """Of the public problems' (uuid, rev): any edit, or a problem made (non-)public, shows."""
    pairs = session.execute(
        select(ProblemRecord.uuid, ProblemRecord.rev)
        .where(*_public(community_code, estate_uuid))
        .order_by(ProblemRecord.uuid)
    ).all()
    return hashlib.sha256(json.dumps([list(p) for p in pairs]).encode()).hexdigest()


def _scope(community_code: str, estate_uuid: str | None) -> list[ColumnElement[bool]]:
    """One list: an estate's, or (estate NULL) the whole community's."""
    return [
        ProblemListPrint.community_code == community_code,
        ProblemListPrint.estate_uuid.is_(None)
        if estate_uuid is None
        else ProblemListPrint.estate_uuid == estate_uuid,
    ]


def _last_version(session: Session, community_code: str, estate_uuid: str | None) -> int:
    return last_version(session, ProblemListPrint, *_scope(community_code, estate_uuid))


def plan_problem_list(
    session: Session,
    *,
    estate: str | None = None,
    community: str | None = None,
    estate_uuid: str | None = None,
    today: date,
    masked: bool = True,
) -> ProblemListContent:
    """The list of an estate (`estate`, within `community` when two share the name; or
    `estate_uuid`, as a picker chose it) or of a community (`community` alone, name or code),
    as the next version; nothing stored."""
    if not masked:
        check_unmask(context_of(session))
    if estate_uuid is not None:
        estate_row = session.get(Estate, estate_uuid)
        if estate_row is None or estate_row.deleted:
            raise NotFound("小区", estate_uuid)
        estate, community = estate_row.name, estate_row.community_code
    if estate is not None:
        found = find_estate(session, estate, community)
        code, estate_uuid, name = found.community_code, found.uuid, found.name
        issuer = issuer_of(session, found)
    elif community is not None:
        org = find_community(session, community)
        code, estate_uuid, name = org.code, None, org.name
        parent = session.scalar(select(Org.name).where(Org.code == org.parent_code))
        issuer = f"{parent} {org.name}" if parent else org.name
    else:
        raise InputError(Problem("estate", "请给出小区或社区"))
    names = dict(session.execute(select(Estate.uuid, Estate.name)
                                 .where(Estate.community_code == code)).all())  # fmt: skip
    rows = session.scalars(
        select(ProblemRecord)
        .where(*_public(code, estate_uuid))
        .order_by(ProblemRecord.deadline, ProblemRecord.number, ProblemRecord.uuid)
    ).all()
    if not rows:
        raise InputError(
            Problem("public", f"“{name}”没有标为公示的问题：请先在问题清单中勾选“公示”")
        )

    def shown(text: str, person: bool = False) -> str:
        if not masked:
            return text
        return mask_name(text) if person else mask_free_text(text)

    return ProblemListContent(
        community_code=code,
        estate_uuid=estate_uuid,
        title=f"{name}问题清单及整改情况公示",
        issuer=issuer,
        version=_last_version(session, code, estate_uuid) + 1,
        published_on=today,
        masked=masked,
        rows=tuple(
            PublicProblem(
                number=p.number or "",
                estate=names.get(p.estate_uuid or "", ""),
                category=ProblemCategory.label_of(p.category),
                description=shown(p.description),
                responsible_unit=p.responsible_unit,
                responsible_person=shown(p.responsible_person, person=True),
                deadline=p.deadline.isoformat(),
                status=ProblemStatus.label_of(p.status),
                measures=shown(p.measures),
                rectified_on=p.rectified_on.isoformat() if p.rectified_on else "",
            )
            for p in rows
        ),
    )


def community_of_problem(session: Session, uuid: str) -> str:
    """The community whose list a problem belongs on (the page prints it from a chosen row)."""
    code = session.scalar(select(ProblemRecord.community_code).where(ProblemRecord.uuid == uuid))
    if code is None:
        raise NotFound("问题", uuid)
    return code


def record_problem_list(session: Session, content: ProblemListContent) -> str:
    """Store the print as the list's next version; an unmasked print is an internal copy (it
    takes no number) with an "unmasked" entry in the audit log."""
    check_next_version(session, ProblemListPrint,
                       _scope(content.community_code, content.estate_uuid),
                       content.version, content.title)  # fmt: skip
    ctx = context_of(session)
    row = ProblemListPrint(
        community_code=content.community_code,
        estate_uuid=content.estate_uuid,
        version=content.version,
        printed_at=ctx.clock(),
        published_on=content.published_on,
        masked=content.masked,
        content_json=content.as_json(),
        source_hash=source_hash(session, content.community_code, content.estate_uuid),
    )
    session.add(row)
    session.flush()
    if not content.masked:
        note = {"print_uuid": row.uuid, "version": content.version}
        note_unmasked(session, ProblemListPrint.__tablename__, row.uuid, row.printed_at, note)
    return row.uuid


def problem_lists_out_of_date(session: Session) -> list[ListStatus]:
    """Lists to print again: each estate and each community of the office with public
    problems whose last masked print is missing or shows other rows than today's."""
    scopes = session.execute(
        select(ProblemRecord.community_code, ProblemRecord.estate_uuid)
        .where(
            ProblemRecord.public.is_(True),
            ProblemRecord.deleted.is_(False),
            in_subtree(session, ProblemRecord.community_code),
        )
        .distinct()
    ).all()
    wanted = sorted({(c, e) for c, e in scopes if e} | {(c, None) for c, _ in scopes},
                    key=lambda k: (k[0], k[1] or ""))  # fmt: skip
    last = last_public_prints(
        session, ProblemListPrint, ProblemListPrint.community_code, ProblemListPrint.estate_uuid
    )
    estates = dict(session.execute(select(Estate.uuid, Estate.name)).all())
    orgs = dict(session.execute(select(Org.code, Org.name)).all())
    out = []
    for code, estate_uuid in wanted:
        title = f"{estates.get(estate_uuid, '') if estate_uuid else orgs.get(code, code)}问题清单"
        printed = last.get((code, estate_uuid))
        if printed is None:
            out.append(ListStatus(code, estate_uuid, title, None, NEVER_PRINTED))
        elif printed.source_hash != source_hash(session, code, estate_uuid):
            out.append(ListStatus(code, estate_uuid, title, printed.version, CHANGED))
    return out
