"""A receipt (回执) for a package imported earlier, written again from the report stored with
it: the first one may have been lost on the way back, and until one arrives the sender keeps
re-sending the same rows. A receipt acknowledges only (app/packages/receipts.py)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError, NotFound, Problem
from app.models import PackageReceived
from app.packages.receipts import write_receipt
from app.packages.report import ImportReport


def write_receipt_again(
    session: Session, db_path: Path, package_id: str, out: Path, *, now: datetime
) -> Path:
    received = session.scalars(
        select(PackageReceived).where(PackageReceived.package_id == package_id)
    ).first()
    if received is None:
        raise NotFound("已接收的数据包", package_id)
    return _written(session, db_path, received, out, now)


def write_last_receipt(
    session: Session, db_path: Path, sender: str, out: Path, *, now: datetime
) -> Path:
    """The receipt of the last package received from `sender`, written again (what
    `wuye review --receipt-out` writes, kept for the scripts that pass it)."""
    last = session.scalars(
        select(PackageReceived)
        .where(PackageReceived.sender_code == sender)
        .order_by(PackageReceived.id.desc())
        .limit(1)
    ).first()
    if last is None:
        raise InputError(Problem("", f"还没有收到过单位 {sender} 的数据包，无法出具回执"))
    return _written(session, db_path, last, out, now)


def _written(
    session: Session, db_path: Path, received: PackageReceived, out: Path, now: datetime
) -> Path:
    report = ImportReport.from_dict(json.loads(received.report_json))
    return write_receipt(session, db_path, report, out, now=now)
