"""Disclosure boards (物业服务信息公示栏, task 9): one per estate and one per building, and the
record of every print, so the version on the wall can be checked against the ledger."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Syncable


class DisclosureBoard(Syncable):
    """What the ledgers do not know; everything else on a board is gathered when it is printed.

    An empty text means "derive it from the ledgers" (the fee standard, the parking spaces,
    the elevators), or "（待填写）" where they know nothing.
    """

    __tablename__ = "disclosure_board"

    estate_uuid: Mapped[str] = mapped_column(ForeignKey("estate.uuid"), index=True)
    # NULL: the estate's own board; otherwise the board of one building.
    building_uuid: Mapped[str | None] = mapped_column(ForeignKey("building.uuid"), index=True)
    service_content: Mapped[str] = mapped_column(Text, default="")  # 物业服务内容和标准
    fee_items: Mapped[str] = mapped_column(Text, default="")  # 收费项目和标准
    parking: Mapped[str] = mapped_column(Text, default="")  # 车位车库使用情况
    utility_split: Mapped[str] = mapped_column(Text, default="")  # 公共水电费分摊情况
    fee_and_revenue: Mapped[str] = mapped_column(Text, default="")  # 物业费和公共收益收支情况
    elevator_spending: Mapped[str] = mapped_column(Text, default="")  # 电梯维护保养支出情况
    complaint_phone: Mapped[str] = mapped_column(String(24), default="")  # 物业服务投诉电话
    # The 项目负责人 agreed in writing to show a personal mobile (个人信息保护法 art 25).
    consent_public_phone: Mapped[bool] = mapped_column(Boolean, default=False)
    period_days: Mapped[int] = mapped_column(Integer, default=90)  # how long a print stays current


class BoardPrint(Syncable):
    """One printed version of a board, with its content exactly as printed."""

    __tablename__ = "board_print"
    # An unmasked print holds personal phones in clear: the audit log notes it, never copies it.
    __sensitive__ = ("content_json",)

    board_uuid: Mapped[str] = mapped_column(ForeignKey("disclosure_board.uuid"), index=True)
    version: Mapped[int] = mapped_column(Integer)  # 1, 2, … per board
    printed_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, from the session's clock
    published_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    masked: Mapped[bool] = mapped_column(Boolean, default=True)
    size: Mapped[str] = mapped_column(String(2), default="A4")  # A4 | A3
    content_json: Mapped[str] = mapped_column(Text)  # the PanelContent, as JSON
    # the rows it was drawn from (app/services/board_sources.py); None: printed before 0006
    source_hash: Mapped[str | None] = mapped_column(String(64), default=None)
