"""Which disclosure boards one print job covers, and recording that job once it is on paper.

A worker prints one board (an estate's or a building's), all boards of an estate, or every
estate of a community. The plan and the records go in one write transaction around the
drawing, so a failed or cancelled PDF leaves no print record and no half-made board:

    with db.sessions() as s:
        batch = plan_community(s, code, today=today, buildings=True)
        draw_panels(batch.contents, out, size="A4")      # reports.pdf.panel, by the caller
        record_batch(s, batch, size="A4")

A building board's point is its 项目负责人, so a building of an estate without a current
service contract cannot have one: in a batch such boards are listed in `skipped` with the
reason (and shown to the user), never dropped silently; asked for alone, it is an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.sync import check_unmask, context_of
from app.errors import InputError, NotFound, Problem
from app.models import Building, Estate, Org
from app.panel_content import PanelContent
from app.progress import NoProgress, Progress, step
from app.rules.pinyin import pinyin_key
from app.services.disclosure import ensure_board, natural_key, panel_content, record_print
from app.services.estate_names import find_community, find_estate

NO_CONTRACT = "没有现行物业服务合同，无法公布项目负责人"


@dataclass(frozen=True)
class Skipped:
    """A board a batch leaves out, and why, for the user to see."""

    title: str
    reason: str


@dataclass(frozen=True)
class BoardBatch:
    contents: tuple[PanelContent, ...]
    skipped: tuple[Skipped, ...] = ()

    @property
    def masked(self) -> bool:
        return all(c.masked for c in self.contents)


def issuer_of(session: Session, estate: Estate) -> str:
    """“曲阳街道 桓谭社区”: the community that posts the board, under its street."""
    community = session.scalar(select(Org).where(Org.code == estate.community_code))
    if community is None:
        return ""
    parent = (
        session.scalar(select(Org.name).where(Org.code == community.parent_code))
        if community.parent_code
        else None
    )
    return f"{parent} {community.name}" if parent else community.name


def find_building(session: Session, estate: Estate, name: str) -> Building:
    """By name within the estate; “1号楼” and “1栋” are different names."""
    wanted = name.strip()
    found = session.scalar(
        select(Building).where(Building.estate_uuid == estate.uuid, Building.name == wanted)
    )
    if found is None:
        names = [b.name for b in _buildings(session, estate.uuid)]
        more = "…" if len(names) > 6 else ""
        hint = f"（已登记：{'、'.join(names[:6])}{more}）" if names else "（该小区尚未登记楼栋）"
        raise InputError(Problem("building", f"小区“{estate.name}”没有名为“{wanted}”的楼栋{hint}"))
    return found


def plan_board(
    session: Session,
    estate_name: str,
    *,
    building: str | None = None,
    today: date,
    masked: bool = True,
    community: str | None = None,
) -> BoardBatch:
    """One board: the estate's, or one building's (which needs a current contract)."""
    if not masked:  # before anything is looked up or made: the role decides first
        check_unmask(context_of(session))
    estate = find_estate(session, estate_name, community)
    building_uuid = find_building(session, estate, building).uuid if building else None
    board = ensure_board(session, estate.uuid, building_uuid)
    content = panel_content(
        session, board, today=today, issuer=issuer_of(session, estate), masked=masked
    )
    return BoardBatch((content,))


def plan_estates(
    session: Session,
    estate_uuids: Sequence[str],
    *,
    buildings: bool,
    today: date,
    masked: bool = True,
    progress: Progress | None = None,
) -> BoardBatch:
    """Each estate's board, followed (with `buildings`) by its buildings' boards in natural
    order. Building boards of an estate without a contract are skipped, with the reason."""
    if not masked:
        check_unmask(context_of(session))
    progress = progress if progress is not None else NoProgress()
    contents: list[PanelContent] = []
    skipped: list[Skipped] = []
    for done, uuid in enumerate(estate_uuids, start=1):
        estate = session.get(Estate, uuid)
        if estate is None or estate.deleted:
            raise NotFound("小区", uuid)
        issuer = issuer_of(session, estate)
        board = ensure_board(session, estate.uuid)
        estate_content = panel_content(session, board, today=today, issuer=issuer, masked=masked)
        contents.append(estate_content)
        if buildings:
            rows = _buildings(session, estate.uuid)
            if rows and not estate_content.company:
                title = f"{estate.name}的{len(rows)}个楼栋公示栏（{rows[0].name}等）"
                skipped.append(Skipped(title, NO_CONTRACT))
                rows = []
            for building in rows:
                board = ensure_board(session, estate.uuid, building.uuid)
                contents.append(
                    panel_content(session, board, today=today, issuer=issuer, masked=masked)
                )
        step(progress, done, len(estate_uuids))
    if not contents:
        raise InputError(Problem("estate", "没有可打印的公示栏"))
    return BoardBatch(tuple(contents), tuple(skipped))


def plan_estate(
    session: Session,
    estate_name: str,
    *,
    today: date,
    masked: bool = True,
    community: str | None = None,
) -> BoardBatch:
    """The estate's board and all its buildings' boards."""
    estate = find_estate(session, estate_name, community)
    return plan_estates(session, [estate.uuid], buildings=True, today=today, masked=masked)


def plan_community(
    session: Session,
    name_or_code: str,
    *,
    buildings: bool = False,
    today: date,
    masked: bool = True,
    progress: Progress | None = None,
) -> BoardBatch:
    """Every estate of the community, in pinyin order; with `buildings` their buildings too."""
    community = find_community(session, name_or_code)
    estates = session.execute(
        select(Estate.uuid, Estate.name).where(Estate.community_code == community.code)
    ).all()
    if not estates:
        raise InputError(Problem("community", f"{community.name}尚未登记小区"))
    ordered = [uuid for uuid, _ in sorted(estates, key=lambda row: (pinyin_key(row[1]), row[0]))]
    return plan_estates(
        session, ordered, buildings=buildings, today=today, masked=masked, progress=progress
    )


def record_batch(session: Session, batch: BoardBatch, *, size: str) -> list[str]:
    """One print record per board, in the caller's transaction: call it after the PDF is
    written, so a failed print records nothing."""
    return [record_print(session, content, size=size) for content in batch.contents]


def _buildings(session: Session, estate_uuid: str) -> list[Building]:
    rows = session.scalars(select(Building).where(Building.estate_uuid == estate_uuid)).all()
    return sorted(rows, key=lambda b: (natural_key(b.name), b.uuid))
