"""Disclosure boards (物业服务信息公示栏, task 9): what each board shows, which version was
printed when, and which boards on the walls are out of date.

A building board names the 项目负责人, how to reach them and the complaint phone; an estate
board the six items task 9 lists and the committee's chair and vice chairs. Masking follows
DOMAIN.md §5: the 项目负责人's name and work phone and the complaint phone are public by law
(民法典 art 943), committee members' names and posts too; a personal mobile shows only with
recorded consent, and ID numbers never. An unmasked print is an explicit choice, and the audit
log records it.

    uuid = ensure_board(s, estate_uuid, building_uuid)
    content = panel_content(s, uuid, today=today, issuer="曲阳街道 桓谭社区")
    draw_panels([content], out)                 # reports.pdf.panel, outside this module
    record_print(s, content, size="A4")
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.codes import CommitteeKind, ManagementType, MemberRole, StaffRole
from app.db.sync import check_unmask, context_of
from app.errors import InputError, NotFound, Problem
from app.models import (
    BoardPrint,
    Building,
    Committee,
    CommitteeMember,
    CompanyStaff,
    DisclosureBoard,
    Estate,
    PropertyCompany,
    ServiceContract,
)
from app.panel_content import PanelContact, PanelContent, PanelItem
from app.rules.masking import mask_landline, mask_mobile
from app.rules.phone import validate_complaint_phone, validate_mobile
from app.rules.units import hundredths_text
from app.services.board_sources import source_hash, source_hashes
from app.services.committee_figures import in_term
from app.services.companies import company_on_board, current_contract, project_manager
from app.services.offices import in_subtree
from app.services.print_versions import (
    check_next_version,
    last_public_prints,
    last_version,
    note_unmasked,
)

# The estate board's items, in the order task 9 names them: (board field, label).
ESTATE_ITEMS = (
    ("service_content", "物业服务内容和标准"),
    ("fee_items", "收费项目和标准"),
    ("parking", "车位车库使用情况"),
    ("utility_split", "公共水电费分摊情况"),
    ("fee_and_revenue", "物业费和公共收益收支情况"),
    ("elevator_spending", "电梯维护保养支出情况"),
)
TEXT_FIELDS = tuple(key for key, _ in ESTATE_ITEMS)
EDITABLE = (*TEXT_FIELDS, "complaint_phone", "consent_public_phone", "period_days")
PERIOD_DAYS = range(1, 367)
SIZES = ("A4", "A3")

TO_FILL = "（待填写）"
MANAGER = StaffRole.PROJECT_MANAGER.label  # 项目负责人
MANAGER_INFO = "项目负责人基本情况"
COMPLAINT = "物业服务投诉电话"
# 12358 (价格举报) was merged into 12315 (DOMAIN.md §3).
PUBLIC_HOTLINES = (
    PanelContact("政务服务便民热线", "", "12345"),
    PanelContact("价格举报投诉", "", "12315"),
)
OFFICERS = (MemberRole.CHAIR, MemberRole.VICE_CHAIR)  # the committee contacts on a board

NEVER_PRINTED = "从未打印"
CHANGED = "内容已变化"
# Fields of a print that differ between two prints of the same content.
_PRINT_ONLY = ("version", "published_on", "valid_until", "issuer")


@dataclass(frozen=True)
class BoardStatus:
    """A board that should be (re)printed, and why."""

    board_uuid: str | None  # None: the board was never set up (estate_boards creates it)
    estate_uuid: str
    estate: str
    building: str  # "" for the estate board
    last_version: int | None  # of the last masked print, the one meant for the wall
    valid_until: date | None
    reason: str  # 从未打印 | 已过期（YYYY-MM-DD） | 内容已变化


# -- boards -------------------------------------------------------------------------------


def ensure_board(session: Session, estate_uuid: str, building_uuid: str | None = None) -> str:
    """The board of the estate (building_uuid None) or of one of its buildings, made if new."""
    estate = get_estate_row(session, estate_uuid)
    if building_uuid is not None:
        building = session.get(Building, building_uuid)
        if building is None or building.deleted:
            raise NotFound("楼栋", building_uuid)
        if building.estate_uuid != estate.uuid:
            raise InputError(
                Problem("building_uuid", f"楼栋“{building.name}”不属于小区“{estate.name}”")
            )
    found = find_board(session, estate.uuid, building_uuid)
    if found is not None:
        return found.uuid
    board = DisclosureBoard(estate_uuid=estate.uuid, building_uuid=building_uuid)
    session.add(board)
    session.flush()
    return board.uuid


def estate_boards(session: Session, estate_uuid: str) -> list[str]:
    """The estate board, then every building's board in name order: one batch to print."""
    uuids = [ensure_board(session, estate_uuid)]
    buildings = session.execute(
        select(Building.uuid, Building.name).where(Building.estate_uuid == estate_uuid)
    ).all()
    for uuid, _name in sorted(buildings, key=lambda row: natural_key(row[1])):
        uuids.append(ensure_board(session, estate_uuid, uuid))
    return uuids


def update_board(session: Session, board_uuid: str, **changes: Any) -> list[Problem]:
    """Set the board's own texts, complaint phone, consent and period; every problem found is
    raised together and nothing is changed. Returns warnings (e.g. 12358 is now 12315)."""
    board = get_board(session, board_uuid)
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise TypeError(f"update_board() got unexpected fields: {', '.join(unknown)}")
    problems: list[Problem] = []
    warnings: list[Problem] = []
    values: dict[str, Any] = {
        key: (changes[key] or "").strip() for key in TEXT_FIELDS if key in changes
    }
    if "complaint_phone" in changes:
        text = (changes["complaint_phone"] or "").strip()
        values["complaint_phone"] = ""
        if text:
            check = validate_complaint_phone(text)
            problems += [Problem("complaint_phone", m) for m in check.errors]
            warnings += [Problem("complaint_phone", m) for m in check.warnings]
            values["complaint_phone"] = check.value
    if "period_days" in changes:
        days = changes["period_days"]
        if isinstance(days, bool) or not isinstance(days, int) or days not in PERIOD_DAYS:
            problems.append(Problem("period_days", "公示有效期应为1至366天"))
        values["period_days"] = days
    if "consent_public_phone" in changes:
        values["consent_public_phone"] = bool(changes["consent_public_phone"])
    if problems:
        raise InputError(problems)
    for key, value in values.items():
        setattr(board, key, value)
    session.flush()
    return warnings


# -- content ------------------------------------------------------------------------------


def panel_content(
    session: Session,
    board_uuid: str,
    *,
    today: date,
    issuer: str,
    masked: bool = True,
    require_company: bool | None = None,
) -> PanelContent:
    """What the board shows if printed today, as the next version of that board (not stored).

    `require_company` (default: only for building boards, whose point is the 项目负责人) turns
    an estate without a current service contract into an InputError naming the estate; else
    the board prints without a company. `masked=False` shows every phone in clear: an explicit
    choice, recorded in the audit log by `record_print`.
    """
    if not masked:
        check_unmask(context_of(session))
    board = get_board(session, board_uuid)
    estate = get_estate_row(session, board.estate_uuid)
    building = None
    if board.building_uuid is not None:
        building = session.get(Building, board.building_uuid)
        if building is None or building.deleted:
            raise NotFound("楼栋", board.building_uuid)
    contract = session.scalar(
        select(ServiceContract)
        .where(ServiceContract.estate_uuid == estate.uuid, *current_contract(today))
        .order_by(ServiceContract.start_date.desc(), ServiceContract.uuid)
        .limit(1)
    )
    company = session.get(PropertyCompany, contract.company_uuid) if contract else None
    if require_company is None:
        require_company = board.building_uuid is not None
    if require_company and company is None:
        raise InputError(
            Problem(
                "company",
                f"小区“{estate.name}”目前没有物业服务合同，无法公布物业服务企业和项目负责人："
                "请先登记该小区的物业服务合同",
            )
        )
    # A building board takes the estate board's complaint phone and consent unless it has its
    # own: one consent of the 项目负责人 covers every board of the project.
    estate_board = board if building is None else find_board(session, estate.uuid, None)
    consent = board.consent_public_phone or bool(estate_board and estate_board.consent_public_phone)
    # The company's contact phone is a fallback only: often the contact person's own mobile,
    # it is printed in clear only as a landline or with the board's recorded consent.
    complaint = (
        board.complaint_phone
        or (estate_board.complaint_phone if estate_board else "")
        or _consented_phone(
            company.contact_phone if company else "", consent=consent, masked=masked
        )
    )
    manager = _manager(session, estate.uuid, company.uuid) if company else None

    contacts: list[PanelContact] = []
    if company is not None:
        if manager is None:
            contacts.append(PanelContact(MANAGER, TO_FILL, ""))
        else:  # the name is public by law (民法典 art 943)
            phone = _consented_phone(manager.phone, consent=consent, masked=masked)
            contacts.append(PanelContact(MANAGER, manager.name, phone))
    if building is None:
        contacts += _committee_contacts(session, estate.uuid, today=today, masked=masked)
        items = _estate_items(board, estate, contract)
    else:
        items = (PanelItem(MANAGER_INFO, _manager_info(manager, company, estate)),)
    hotlines = (PanelContact(COMPLAINT, "", complaint),) if complaint else ()
    return PanelContent(
        board_uuid=board.uuid,
        version=_last_version(session, board.uuid) + 1,
        scope="estate" if building is None else "building",
        title=f"{estate.name}{building.name if building else ''}物业服务信息公示栏",
        estate=estate.name,
        building=building.name if building else "",
        company=company_on_board(company.name, contract, today) if company and contract else "",
        items=items,
        contacts=tuple(contacts),
        hotlines=hotlines + PUBLIC_HOTLINES,
        published_on=today,
        valid_until=today + timedelta(days=board.period_days),
        issuer=issuer,
        masked=masked,
        management=ManagementType.label_of(estate.management_type),
    )


def _estate_items(
    board: DisclosureBoard, estate: Estate, contract: ServiceContract | None
) -> tuple[PanelItem, ...]:
    """The board's own text, else what the ledgers know, else （待填写）."""
    fee = contract.fee_fen_per_m2_month if contract else None
    fee = estate.fee_fen_per_m2_month if fee is None else fee
    parking = f"车位 {estate.parking_spaces} 个" if estate.parking_spaces else ""
    if parking and estate.ev_chargers:
        parking += f"，充电桩 {estate.ev_chargers} 个"
    derived = {
        "service_content": f"物业服务等级：{estate.service_grade}" if estate.service_grade else "",
        "fee_items": f"物业费：{hundredths_text(fee)}元/㎡·月（住宅）" if fee is not None else "",
        "parking": parking,
        # 0 elevators in a ledger may mean "not counted": nothing is derived from it.
        "elevator_spending": f"电梯 {estate.elevators} 部；维护保养支出{TO_FILL}"
        if estate.elevators
        else "",
    }
    return tuple(
        PanelItem(label, getattr(board, key).strip() or derived.get(key) or TO_FILL)
        for key, label in ESTATE_ITEMS
    )


def _manager_info(
    manager: CompanyStaff | None, company: PropertyCompany | None, estate: Estate
) -> str:
    if manager is None or company is None:
        return TO_FILL
    return f"姓名：{manager.name}\n所属企业：{company.name}\n服务项目：{estate.name}"


def _consented_phone(phone: str, *, consent: bool, masked: bool) -> str:
    """A work landline is public by law; a mobile may be personal, so it needs consent."""
    if not phone or not masked or consent or not validate_mobile(phone).ok:
        return phone
    return mask_mobile(phone)


def _private_phone(phone: str, *, masked: bool) -> str:
    """A committee member's own number: in clear only on an explicit unmasked print."""
    if not masked or not phone:
        return phone
    return mask_mobile(phone) if validate_mobile(phone).ok else mask_landline(phone)


def _committee_contacts(
    session: Session, estate_uuid: str, *, today: date, masked: bool
) -> list[PanelContact]:
    """Chair, then vice chairs, of the committee in term: names and posts in clear."""
    committee = session.scalar(
        select(Committee)
        .where(Committee.estate_uuid == estate_uuid, in_term(today))
        .order_by(Committee.term_start.desc(), Committee.uuid)
        .limit(1)
    )
    if committee is None:
        return []
    members = session.scalars(
        select(CommitteeMember).where(
            CommitteeMember.committee_uuid == committee.uuid,
            CommitteeMember.role.in_([str(r) for r in OFFICERS]),
        )
    ).all()
    kind = CommitteeKind.label_of(committee.kind)
    return [
        PanelContact(
            f"{kind}{MemberRole.label_of(m.role)}", m.name, _private_phone(m.phone, masked=masked)
        )
        for m in sorted(members, key=lambda m: (m.role != MemberRole.CHAIR, m.sort_order))
    ]


def _manager(session: Session, estate_uuid: str, company_uuid: str) -> CompanyStaff | None:
    return project_manager(session, estate_uuid, company_uuid)


# -- prints -------------------------------------------------------------------------------


def record_print(session: Session, content: PanelContent, *, size: str) -> str:
    """Store the print as its board's next version, content exactly as printed; an unmasked
    print is an internal copy of that next version (it does not take the number) and gets an
    "unmasked" entry in the audit log (who, when, which version)."""
    board = get_board(session, content.board_uuid)
    paper = str(size).strip().upper()
    if paper not in SIZES:
        raise InputError(Problem("size", f"公示栏只能印在 A4 或 A3 纸上，不能是“{size}”"))
    check_next_version(session, BoardPrint, [BoardPrint.board_uuid == board.uuid],
                       content.version, content.title)  # fmt: skip
    ctx = context_of(session)
    printed_at = ctx.clock()
    row = BoardPrint(
        board_uuid=board.uuid,
        version=content.version,
        printed_at=printed_at,
        published_on=content.published_on,
        valid_until=content.valid_until,
        masked=content.masked,
        size=paper,
        content_json=content_json(content),
        source_hash=source_hash(session, board, today=content.published_on),
    )
    session.add(row)
    session.flush()
    if not content.masked:
        note = {"print_uuid": row.uuid, "version": content.version, "size": paper}
        note_unmasked(session, DisclosureBoard.__tablename__, board.uuid, printed_at, note)
    return row.uuid


def content_json(content: PanelContent) -> str:
    """The content as stored with a print: plain JSON, dates in ISO form."""
    return json.dumps(asdict(content), ensure_ascii=False, sort_keys=True, default=_iso)


def content_from_json(text: str) -> PanelContent:
    """A stored print's content, to reprint it exactly or compare it."""
    data = json.loads(text)
    until = data["valid_until"]
    return PanelContent(
        **{
            **data,
            "items": tuple(PanelItem(**item) for item in data["items"]),
            "contacts": tuple(PanelContact(**c) for c in data["contacts"]),
            "hotlines": tuple(PanelContact(**c) for c in data["hotlines"]),
            "published_on": date.fromisoformat(data["published_on"]),
            "valid_until": date.fromisoformat(until) if until else None,
        }
    )


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def boards_out_of_date(session: Session, *, today: date) -> list[BoardStatus]:
    """Boards of the office's estates to print again: never printed, expired, or changed.

    Only masked prints count: an unmasked one is for internal use, never for the wall. Listed
    are every board set up, and, for estates with a current service contract (task 9 binds
    the company), their estate and building boards not set up yet.
    """
    scope = in_subtree(session, Estate.community_code)
    estates = session.execute(
        select(Estate.uuid, Estate.name).where(scope).order_by(Estate.name, Estate.uuid)
    ).all()
    in_scope = select(Estate.uuid).where(scope)
    served = set(
        session.scalars(
            select(ServiceContract.estate_uuid).where(
                ServiceContract.estate_uuid.in_(in_scope), *current_contract(today)
            )
        )
    )
    buildings: dict[str, list[tuple[str, str]]] = {}
    for uuid, estate_uuid, name in session.execute(
        select(Building.uuid, Building.estate_uuid, Building.name).where(
            Building.estate_uuid.in_(in_scope)
        )
    ):
        buildings.setdefault(estate_uuid, []).append((uuid, name))
    boards = {
        (b.estate_uuid, b.building_uuid): b
        for b in session.scalars(
            select(DisclosureBoard)
            .where(DisclosureBoard.estate_uuid.in_(in_scope))
            .order_by(DisclosureBoard.uuid.desc())  # the oldest wins, as in _find_board
        )
    }
    last_prints = last_masked_prints(session)
    unchanged = _unchanged_since_print(session, boards.values(), last_prints, today=today)
    out: list[BoardStatus] = []
    for estate_uuid, estate_name in estates:
        targets = [(None, "")]
        targets += sorted(buildings.get(estate_uuid, []), key=lambda b: natural_key(b[1]))
        for building_uuid, building_name in targets:
            board = boards.get((estate_uuid, building_uuid))
            if board is None and estate_uuid not in served:
                continue
            last = last_prints.get(board.uuid) if board else None
            reason = stale_reason(session, board, last, today=today, drawn_from_same=(
                board is not None and board.uuid in unchanged))  # fmt: skip
            if reason:
                out.append(
                    BoardStatus(
                        board_uuid=board.uuid if board else None,
                        estate_uuid=estate_uuid,
                        estate=estate_name,
                        building=building_name,
                        last_version=last.version if last else None,
                        valid_until=last.valid_until if last else None,
                        reason=reason,
                    )
                )
    return out


def stale_reason(
    session: Session,
    board: DisclosureBoard | None,
    last: BoardPrint | None,
    *,
    today: date,
    drawn_from_same: bool = False,
) -> str:
    """Why the board needs a new print, or "". `drawn_from_same`: the rows it reads are as
    they were at the print (source hashes equal), so its content is not drawn again."""
    if board is None or last is None:
        return NEVER_PRINTED
    if last.valid_until is not None and last.valid_until < today:
        return f"已过期（{last.valid_until.isoformat()}）"
    if drawn_from_same:
        return ""
    printed = json.loads(last.content_json)
    current = panel_content(
        session, board.uuid, today=today, issuer=printed.get("issuer", ""), require_company=False
    )
    if _comparable(json.loads(content_json(current))) != _comparable(printed):
        return CHANGED
    return ""


def _unchanged_since_print(
    session: Session,
    boards: Iterable[DisclosureBoard],
    last_prints: dict[str, BoardPrint],
    *,
    today: date,
) -> set[str]:
    """Boards whose last print was drawn from the rows as they are now."""
    printed = [b for b in boards if b.uuid in last_prints and last_prints[b.uuid].source_hash]
    now = source_hashes(session, printed, today=today)
    return {uuid for uuid, digest in now.items() if last_prints[uuid].source_hash == digest}


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in _PRINT_ONLY}


def last_masked_prints(session: Session) -> dict[str, BoardPrint]:
    """Each board's print on the wall (its last masked one), by board."""
    found = last_public_prints(session, BoardPrint, BoardPrint.board_uuid)
    return {board_uuid: row for (board_uuid,), row in found.items()}


# -- lookups ------------------------------------------------------------------------------


def get_board(session: Session, uuid: str) -> DisclosureBoard:
    board = session.get(DisclosureBoard, uuid)
    if board is None or board.deleted:
        raise NotFound("公示栏", uuid)
    return board


def get_estate_row(session: Session, uuid: str) -> Estate:
    estate = session.get(Estate, uuid)
    if estate is None or estate.deleted:
        raise NotFound("小区", uuid)
    return estate


def find_board(
    session: Session, estate_uuid: str, building_uuid: str | None
) -> DisclosureBoard | None:
    """One board per estate and per building; should two meet (made in two offices and
    merged), the older one is used."""
    which = (
        DisclosureBoard.building_uuid.is_(None)
        if building_uuid is None
        else DisclosureBoard.building_uuid == building_uuid
    )
    return session.scalar(
        select(DisclosureBoard)
        .where(DisclosureBoard.estate_uuid == estate_uuid, which)
        .order_by(DisclosureBoard.uuid)
        .limit(1)
    )


def _last_version(session: Session, board_uuid: str) -> int:
    """The public board's version: its last masked print. Tombstoned prints count too, so a
    public version number is never given out twice; an unmasked internal copy carries the
    next public number but does not take it (the wall's version is not bumped by it)."""
    return last_version(session, BoardPrint, BoardPrint.board_uuid == board_uuid)


def natural_key(name: str) -> tuple[Any, ...]:
    """“2号楼” before “10号楼”."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))
