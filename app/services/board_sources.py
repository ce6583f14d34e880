"""What a disclosure board is drawn from, as one hash: the revisions of the rows its content
reads (the board, its estate's board, the estate, the building, the current contract, the
company, the 项目负责人, the committee in term and its members).

`record_print` stores the hash with each print; `boards_out_of_date` compares it with the
hash now, computed for every board of the office in a handful of queries. Equal hashes mean
the content cannot have changed, so only boards whose rows did change are drawn again and
compared field by field (4.4 s → a few tens of ms for the demo street's 382 printed boards).
A change to what the program puts on a board bumps `RULES`, so every board is compared again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.codes import StaffRole
from app.models import (
    Building,
    Committee,
    CommitteeMember,
    CompanyStaff,
    DisclosureBoard,
    Estate,
    PropertyCompany,
    ServiceContract,
)
from app.services.committee_figures import in_term
from app.services.companies import current_contract

RULES = 1  # bump when panel_content changes what a board shows from the same rows


def source_hashes(
    session: Session, boards: Iterable[DisclosureBoard], *, today: date
) -> dict[str, str]:
    """board uuid → hash of the rows its content is drawn from today."""
    boards = list(boards)
    estates = {b.estate_uuid for b in boards}
    if not estates:
        return {}
    estate_rev = dict(
        session.execute(select(Estate.uuid, Estate.rev).where(Estate.uuid.in_(estates))).all()
    )
    building_rev = dict(
        session.execute(
            select(Building.uuid, Building.rev).where(Building.estate_uuid.in_(estates))
        ).all()
    )
    estate_boards: dict[str, list[tuple[str, int]]] = {}
    for estate_uuid, uuid, rev in session.execute(
        select(DisclosureBoard.estate_uuid, DisclosureBoard.uuid, DisclosureBoard.rev).where(
            DisclosureBoard.estate_uuid.in_(estates), DisclosureBoard.building_uuid.is_(None)
        )
    ):
        estate_boards.setdefault(estate_uuid, []).append((uuid, rev))

    contract: dict[str, tuple[str, int, str]] = {}  # estate → (uuid, rev, company), as chosen
    for estate_uuid, uuid, rev, company, _start in sorted(  # panel_content: newest start, uuid
        session.execute(
            select(ServiceContract.estate_uuid, ServiceContract.uuid, ServiceContract.rev,
                   ServiceContract.company_uuid, ServiceContract.start_date)
            .where(ServiceContract.estate_uuid.in_(estates), *current_contract(today))
        ),
        key=lambda r: (-(r[4].toordinal() if r[4] else 0), r[1]),  # unknown start: last
    ):  # fmt: skip
        contract.setdefault(estate_uuid, (uuid, rev, company))
    companies = {c[2] for c in contract.values()}
    company_rev = dict(
        session.execute(
            select(PropertyCompany.uuid, PropertyCompany.rev).where(
                PropertyCompany.uuid.in_(companies)
            )
        ).all()
    )
    manager: dict[tuple[str, str], tuple[int, str, int]] = {}  # (estate, company) → latest
    for estate_uuid, company, uuid, rev, seq in session.execute(
        select(CompanyStaff.estate_uuid, CompanyStaff.company_uuid, CompanyStaff.uuid,
               CompanyStaff.rev, CompanyStaff.seq)
        .where(CompanyStaff.estate_uuid.in_(estates),
               CompanyStaff.role == StaffRole.PROJECT_MANAGER)
    ):  # fmt: skip
        key = (estate_uuid, company)
        if key not in manager or seq > manager[key][0]:
            manager[key] = (seq, uuid, rev)

    committee: dict[str, tuple[str, int]] = {}
    for estate_uuid, uuid, rev, _start in sorted(
        session.execute(
            select(
                Committee.estate_uuid, Committee.uuid, Committee.rev, Committee.term_start
            ).where(Committee.estate_uuid.in_(estates), in_term(today))
        ),
        key=lambda r: (-r[3].toordinal(), r[1]),
    ):
        committee.setdefault(estate_uuid, (uuid, rev))
    members: dict[str, list[tuple[str, int]]] = {}
    for committee_uuid, uuid, rev in session.execute(
        select(CommitteeMember.committee_uuid, CommitteeMember.uuid, CommitteeMember.rev).where(
            CommitteeMember.committee_uuid.in_([c[0] for c in committee.values()])
        )
    ):
        members.setdefault(committee_uuid, []).append((uuid, rev))

    out: dict[str, str] = {}
    for board in boards:
        e = board.estate_uuid
        chosen = contract.get(e)
        parts: list[object] = [
            RULES,
            board.uuid,
            board.rev,
            estate_rev.get(e),
            sorted(estate_boards.get(e, [])),
            [board.building_uuid, building_rev.get(board.building_uuid or "")],
            list(chosen) if chosen else None,
            company_rev.get(chosen[2]) if chosen else None,
            list(manager.get((e, chosen[2]), ())) if chosen else None,
        ]
        if board.building_uuid is None:
            held = committee.get(e)
            parts += [
                list(held) if held else None,
                sorted(members.get(held[0], [])) if held else [],
            ]
        text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
        out[board.uuid] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return out


def source_hash(session: Session, board: DisclosureBoard, *, today: date) -> str:
    return source_hashes(session, [board], today=today)[board.uuid]
