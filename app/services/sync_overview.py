"""Everything the 数据同步 page shows, read in one session: this office, where its packages
stand, the conflicts and waiting rows, and whom it can seal a package for."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.services.offices import OfficeInfo, current_office
from app.services.sync_resolution import ConflictView, PendingView, list_conflicts, list_pending
from app.services.sync_status import (
    Receiver,
    SyncStatus,
    down_receivers,
    package_receivers,
    sync_status,
)


@dataclass(frozen=True)
class SyncOverview:
    office: OfficeInfo
    status: SyncStatus
    conflicts: tuple[ConflictView, ...]  # open and settled; settled ones carry resolved_at
    pending: tuple[PendingView, ...]
    receivers: tuple[Receiver, ...]
    below: tuple[Receiver, ...] = ()  # direct subordinates a downward package can go to

    @property
    def open_conflicts(self) -> int:
        return sum(1 for c in self.conflicts if c.resolved_at is None)


def sync_overview(session: Session) -> SyncOverview:
    return SyncOverview(
        current_office(session),
        sync_status(session),
        tuple(list_conflicts(session, include_resolved=True)),
        tuple(list_pending(session)),
        tuple(package_receivers(session)),
        tuple(down_receivers(session)),
    )
