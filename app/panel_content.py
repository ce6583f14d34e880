"""What a disclosure panel (物业服务信息公示栏, task 9) shows, as plain values.

The service gathers it from the ledgers and applies masking; the PDF renderer only draws it.
Keeping the hand-over a frozen value means the renderer never queries, and a print is exactly
what was recorded as published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PanelItem:
    label: str  # e.g. 物业服务内容和标准
    text: str  # may hold several lines ("\n")


@dataclass(frozen=True)
class PanelContact:
    role: str  # e.g. 项目负责人, 业主委员会主任
    name: str  # masked unless the law or a consent allows it in clear (DOMAIN.md §5)
    phone: str  # likewise


@dataclass(frozen=True)
class PanelContent:
    board_uuid: str  # the DisclosureBoard's uuid
    version: int  # the print record's version of that board
    scope: str  # "estate" | "building"
    title: str  # 相山花园物业服务信息公示栏 / 相山花园1号楼物业服务信息公示栏
    estate: str
    building: str  # "" for an estate board
    company: str  # the current property company, "" when none
    items: tuple[PanelItem, ...]
    contacts: tuple[PanelContact, ...]
    hotlines: tuple[PanelContact, ...]  # 物业服务投诉电话, 12345 政务服务便民热线, 12315 价格举报
    published_on: date
    valid_until: date | None
    issuer: str  # the office that prints it (e.g. 曲阳街道 桓谭社区)
    masked: bool  # False only for an explicit, audited unmasked print
    # How the estate is run (社区代管, 居民自治…): shown where there is no company to name.
    management: str = ""

    @property
    def qr_text(self) -> str:
        """What the QR code carries: the board and its version, checkable against the ledger."""
        # Upper case only, so the code uses QR's alphanumeric mode: a smaller symbol, quicker
        # to draw and to scan (a uuid's hex digits compare case-insensitively).
        return f"WUYE-BOARD:{self.board_uuid.upper()}:V{self.version}"
