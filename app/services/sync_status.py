"""Where this office's packages stand: sent (acknowledged by a receipt or not), received, and
per subordinate its last package and the packages still missing from its chain.

A gap never blocks an import (DESIGN.md); it is shown here until the missing package arrives
or a later snapshot from the same office makes it irrelevant, so a person knows whom to ask.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import OfficeKey, PackageReceived, PackageSent, PeerOffice

KIND_LABELS = {"delta": "增量包", "snapshot": "全量包"}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


@dataclass(frozen=True)
class SentPackage:
    package_id: str
    kind: str
    receivers: tuple[str, ...]
    rows: int
    seq_from: int
    seq_to: int
    created_at: datetime
    file_name: str
    acknowledged_at: datetime | None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return "已接收" if self.acknowledged_at else "未回执"

    def as_dict(self) -> dict[str, Any]:
        return {
            "package_id": self.package_id,
            "kind": self.kind,
            "receivers": list(self.receivers),
            "rows": self.rows,
            "seq": {"from": self.seq_from, "to": self.seq_to},
            "created_at": _iso(self.created_at),
            "file": self.file_name,
            "acknowledged_at": _iso(self.acknowledged_at),
        }


@dataclass(frozen=True)
class ReceivedPackage:
    package_id: str
    sender_code: str
    sender_name: str
    kind: str
    seq_from: int
    seq_to: int
    previous_id: str | None
    gap: bool  # the previous package had not arrived when this one was imported
    received_at: datetime
    totals: dict[str, int]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def as_dict(self) -> dict[str, Any]:
        return {
            "package_id": self.package_id,
            "sender": {"code": self.sender_code, "name": self.sender_name},
            "kind": self.kind,
            "seq": {"from": self.seq_from, "to": self.seq_to},
            "previous_package_id": self.previous_id,
            "gap_on_arrival": self.gap,
            "received_at": _iso(self.received_at),
            "totals": self.totals,
        }


@dataclass(frozen=True)
class SubordinateSync:
    """One office below: its last package, how many arrived, and which are still missing."""

    code: str
    name: str
    level: str
    received: int
    last: ReceivedPackage | None
    missing: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "received": self.received,
            "last": self.last.as_dict() if self.last else None,
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class SyncStatus:
    sent: tuple[SentPackage, ...]
    received: tuple[ReceivedPackage, ...]
    subordinates: tuple[SubordinateSync, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "sent": [p.as_dict() for p in self.sent],
            "received": [p.as_dict() for p in self.received],
            "subordinates": [s.as_dict() for s in self.subordinates],
        }


def sent_packages(session: Session) -> list[SentPackage]:
    """Newest first."""
    return [
        SentPackage(
            p.package_id,
            p.kind,
            tuple(c for c in p.receivers.split(",") if c),
            p.rows,
            p.seq_from,
            p.seq_to,
            p.created_at,
            p.file_name,
            p.acknowledged_at,
        )
        for p in session.scalars(select(PackageSent).order_by(PackageSent.id.desc()))
    ]


def received_packages(session: Session) -> list[ReceivedPackage]:
    """Newest first, each with its sender's name (from onboarding) and the report's totals."""
    names = {code: name for code, name in session.execute(select(PeerOffice.code, PeerOffice.name))}
    found = []
    for p in session.scalars(select(PackageReceived).order_by(PackageReceived.id.desc())):
        report = json.loads(p.report_json)
        found.append(
            ReceivedPackage(
                p.package_id,
                p.sender_code,
                names.get(p.sender_code) or report.get("sender", {}).get("name", ""),
                p.kind,
                p.seq_from,
                p.seq_to,
                p.previous_id,
                bool(p.gap),
                p.received_at,
                dict(report.get("totals", {})),
            )
        )
    return found


def missing_packages(received: list[ReceivedPackage]) -> tuple[str, ...]:
    """Previous ids named by one sender's packages that never arrived, oldest first. A later
    snapshot carries everything of its sender, so gaps before it are no longer missing."""
    arrived = {p.package_id for p in received}
    oldest_first = list(reversed(received))
    last_snapshot = max((i for i, p in enumerate(oldest_first) if p.kind == "snapshot"), default=-1)
    missing: list[str] = []
    for p in oldest_first[last_snapshot + 1 :]:
        if p.previous_id and p.previous_id not in arrived and p.previous_id not in missing:
            missing.append(p.previous_id)
    return tuple(missing)


def subordinate_sync(
    session: Session, received: list[ReceivedPackage] | None = None
) -> list[SubordinateSync]:
    """Every onboarded subordinate, by code, including those that never sent anything."""
    received = received_packages(session) if received is None else received
    out = []
    for peer in session.scalars(
        select(PeerOffice).where(PeerOffice.relation == "subordinate").order_by(PeerOffice.code)
    ):
        theirs = [p for p in received if p.sender_code == peer.code]  # newest first
        out.append(
            SubordinateSync(
                peer.code,
                peer.name,
                peer.level,
                len(theirs),
                theirs[0] if theirs else None,
                missing_packages(theirs),
            )
        )
    return out


def sync_status(session: Session) -> SyncStatus:
    received = received_packages(session)
    return SyncStatus(
        tuple(sent_packages(session)),
        tuple(received),
        tuple(subordinate_sync(session, received)),
    )


@dataclass(frozen=True)
class Receiver:
    code: str
    name: str
    upper: bool


def package_receivers(session: Session) -> list[Receiver]:
    """Offices a package can be sealed for: those whose encryption key this office holds,
    other than its subordinates (they cannot import from above); the upper office first."""
    peers = {p.code: p for p in session.scalars(select(PeerOffice))}
    codes = sorted(
        set(
            session.scalars(
                select(OfficeKey.org_code).where(OfficeKey.kind == "enc", OfficeKey.own.is_(False))
            )
        )
    )
    found = []
    for code in codes:
        peer = peers.get(code)
        if peer is not None and peer.relation == "subordinate":
            continue
        found.append(
            Receiver(code, peer.name if peer else code, bool(peer and peer.relation == "upper"))
        )
    return sorted(found, key=lambda r: (not r.upper, r.code))


def down_receivers(session: Session) -> list[Receiver]:
    """The direct subordinates a downward package can be sealed for (onboarded, their keys
    received), by code."""
    from app.packages.downward import subordinates

    return [Receiver(p.code, p.name, False) for p in subordinates(session)]
