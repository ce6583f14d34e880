"""Receipts (回执): the receiver signs what it applied; the sender, on importing the receipt,
marks the package 已接收 and moves its cursor, so those rows stop being re-sent. A receipt
acknowledges only, in both directions (packages go up and down, app/packages/downward.py).

The upper office's reviews of the sender's submissions (接收, 审核, 退回) used to ride in the
receipt, when packages only went up; they now travel down as `SubmissionReview` rows in the
downward package. A receipt written before that change still carries them under "reviews":
`import_receipt` applies them as before, so an office upgraded before its superior keeps
receiving its reviews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import DbMeta, OfficeKey, PackageSent, SyncCursor
from app.packages import envelope, keys
from app.packages.manifest import canonical
from app.packages.refusal import Refused
from app.packages.report import ImportReport
from app.services.offices import current_office
from app.services.submissions import ReviewView, apply_reviews

RECEIPT = "receipt"


@dataclass(frozen=True)
class ReceiptResult:
    package_id: str
    receiver_code: str
    seq_to: int
    already: bool
    reviews_applied: int = 0  # only a receipt of the old shape carries reviews


def receipt_path(package: Path) -> Path:
    return package.with_name(package.stem + ".receipt.json")


def write_receipt(
    session: Session, db_path: Path, report: ImportReport, out: Path, *, now: datetime
) -> Path:
    """Acknowledge the package `report` tells of: its id, this office, the seq it reached
    and the counts applied, signed with this office's key. Nothing else rides in it."""
    office = current_office(session)
    body = {
        "format": 1,
        "kind": RECEIPT,
        "package_id": report.package_id,
        "package_sender": report.sender_code,
        "receiver": {
            "code": office.code,
            "name": office.name,
            "db_id": session.get(DbMeta, "db_id").value,  # type: ignore[union-attr]
        },
        "seq_to": report.seq_to,
        "totals": report.as_dict()["totals"],
        "created_at": now.isoformat(timespec="seconds"),
    }
    key_id, key = keys.own_signing_key(session, db_path, office.code)
    envelope.write_signed(out, body, key_id, key)
    return out


def import_receipt(session: Session, path: Path, *, now: datetime) -> ReceiptResult:
    body, key_id, signature = envelope.read_signed(path, "回执")
    office = current_office(session)
    if body.get("kind") != RECEIPT:
        raise Refused("corrupt", f"{path.name} 不是回执文件")
    if body.get("package_sender") != office.code:
        raise Refused(
            "wrong_receiver", f"这张回执是给 {body.get('package_sender')} 的，不是本单位的"
        )
    receiver = body.get("receiver", {}).get("code")
    key = session.get(OfficeKey, key_id)
    if key is None or key.org_code != receiver or key.kind != "sign":
        raise Refused("unknown_key", f"回执的签名密钥 {key_id} 不是单位 {receiver} 登记的密钥")
    envelope.check_signature(body, key.public_key, signature, "回执")
    sent = session.scalars(
        select(PackageSent).where(PackageSent.package_id == body.get("package_id"))
    ).first()
    if sent is None or receiver not in sent.receivers.split(","):
        raise Refused(
            "unknown_package", f"本单位没有发给 {receiver} 的数据包 {body.get('package_id')}"
        )
    already = sent.acknowledged_at is not None
    if not already:
        sent.acknowledged_at = now
        sent.receipt_json = canonical(body).decode()
    db_id = session.get(DbMeta, "db_id").value  # type: ignore[union-attr]
    cursor = session.get(SyncCursor, receiver)
    # Only a package this very file sent moves the cursor: a restored copy re-sends instead.
    if cursor is not None and sent.db_id == db_id:
        cursor.acked_seq = max(cursor.acked_seq, sent.seq_to)
    try:  # only a receipt of the old shape carries reviews (module docstring)
        reviews = [ReviewView.from_dict(r) for r in body.get("reviews", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise Refused("corrupt", f"{path.name} 中的审核意见无法读取") from exc
    applied = apply_reviews(session, reviews, receiver)
    session.flush()
    return ReceiptResult(sent.package_id, receiver, sent.seq_to, already, applied)
