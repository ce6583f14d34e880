"""What the 公示栏 page lists: an estate's boards with the state of what is on the wall, a
board's print history, and a board's own texts for editing.

A board is made only when it is first edited or printed; until then a building is listed
with `board_uuid=None`, so browsing never writes to the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import BoardPrint, Building, DisclosureBoard
from app.services.disclosure import (
    EDITABLE,
    NEVER_PRINTED,
    find_board,
    get_board,
    get_estate_row,
    last_masked_prints,
    natural_key,
    stale_reason,
)

ESTATE_BOARD = "小区公示栏"


@dataclass(frozen=True)
class BoardRow:
    estate_uuid: str
    building_uuid: str | None  # None: the estate's own board
    board_uuid: str | None  # None: not set up yet
    name: str  # 小区公示栏 | 3号楼
    last_version: int | None  # of the last masked print (the one for the wall)
    valid_until: date | None
    state: str  # "" when the wall is current; else 从未打印 | 已过期（…） | 内容已变化

    @property
    def current(self) -> bool:
        return not self.state


@dataclass(frozen=True)
class PrintRow:
    uuid: str
    version: int
    printed_at: datetime
    published_on: date
    valid_until: date | None
    masked: bool
    size: str


def estate_board_rows(session: Session, estate_uuid: str, *, today: date) -> list[BoardRow]:
    """The estate's board, then one per building in natural order, with their state."""
    estate = get_estate_row(session, estate_uuid)
    last = last_masked_prints(session)
    buildings = session.execute(
        select(Building.uuid, Building.name).where(Building.estate_uuid == estate.uuid)
    ).all()
    targets: list[tuple[str | None, str]] = [(None, ESTATE_BOARD)]
    targets += sorted(((u, n) for u, n in buildings), key=lambda b: (natural_key(b[1]), b[0]))
    rows = []
    for building_uuid, name in targets:
        board = find_board(session, estate.uuid, building_uuid)
        printed = last.get(board.uuid) if board else None
        state = stale_reason(session, board, printed, today=today) if printed else NEVER_PRINTED
        rows.append(
            BoardRow(
                estate_uuid=estate.uuid,
                building_uuid=building_uuid,
                board_uuid=board.uuid if board else None,
                name=name,
                last_version=printed.version if printed else None,
                valid_until=printed.valid_until if printed else None,
                state=state,
            )
        )
    return rows


def print_history(session: Session, board_uuid: str) -> list[PrintRow]:
    """Every print of the board, newest first, masked and unmasked."""
    rows = session.scalars(
        select(BoardPrint)
        .where(BoardPrint.board_uuid == board_uuid)
        .order_by(BoardPrint.version.desc())
    )
    return [
        PrintRow(p.uuid, p.version, p.printed_at, p.published_on, p.valid_until, p.masked, p.size)
        for p in rows
    ]


def board_values(session: Session, board_uuid: str | None) -> dict[str, object]:
    """The board's editable fields as `update_board` takes them; defaults for a board not
    set up yet (what `ensure_board` would make)."""
    if board_uuid is None:
        return {
            key: (False if key == "consent_public_phone" else 90 if key == "period_days" else "")
            for key in EDITABLE
        }
    board: DisclosureBoard = get_board(session, board_uuid)
    return {key: getattr(board, key) for key in EDITABLE}
