"""Receipts (回执): the receiver signs what it applied; the sender, on importing the receipt,
marks the package 已接收 and moves its cursor, so those rows stop being re-sent.

Packages only go up, so the receipt is also how the upper office's reviews of the sender's
submissions (接收, 审核, 退回) travel down: it carries all of them, the sender applies the
new ones to its own rows (app/services/submissions.py). After reviewing, the upper office
writes the receipt of the sender's last package again (`receipt_again`) to send them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError, Problem
from app.models import DbMeta, OfficeKey, PackageReceived, PackageSent, SyncCursor
from app.packages import envelope, keys
from app.packages.manifest import canonical
from app.packages.refusal import Refused
from app.packages.report import ImportReport
from app.services.offices import current_office
from app.services.submissions import ReviewView, apply_reviews, reviews_for

RECEIPT = "receipt"


@dataclass(frozen=True)
class ReceiptResult:
    package_id: str
    receiver_code: str
    seq_to: int
    already: bool
    reviews_applied: int = 0


def receipt_path(package: Path) -> Path:
    return package.with_name(package.stem + ".receipt.json")


def write_receipt(
    session: Session, db_path: Path, report: ImportReport, out: Path, *, now: datetime
) -> Path:
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
        "reviews": [r.as_dict() for r in reviews_for(session, report.sender_code)],
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
    try:
        reviews = [ReviewView.from_dict(r) for r in body.get("reviews", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise Refused("corrupt", f"{path.name} 中的审核意见无法读取") from exc
    applied = apply_reviews(session, reviews, receiver)
    session.flush()
    return ReceiptResult(sent.package_id, receiver, sent.seq_to, already, applied)


def receipt_again(
    session: Session, db_path: Path, sender: str, out: Path, *, now: datetime
) -> Path:
    """The receipt of the last package received from `sender`, written anew with this
    office's reviews as they are now (the first one left before anyone reviewed)."""
    last = session.scalars(
        select(PackageReceived)
        .where(PackageReceived.sender_code == sender)
        .order_by(PackageReceived.id.desc())
        .limit(1)
    ).first()
    if last is None:
        raise InputError(Problem("", f"还没有收到过单位 {sender} 的数据包，无法出具回执"))
    report = ImportReport.from_dict(json.loads(last.report_json))
    return write_receipt(session, db_path, report, out, now=now)
